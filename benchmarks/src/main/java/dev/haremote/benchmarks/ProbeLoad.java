package dev.haremote.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.http.HttpProbeRequest;
import dev.haremote.common.http.HttpProbeResult;
import dev.haremote.common.tls.TlsProvider;
import dev.haremote.common.tls.TrustConfig;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Figure 1's second view: probes per second AND process CPU time per probe (user + system, all JVM
 * threads including JIT and GC) with a fixed number of probing threads. CPU per probe stays
 * meaningful on a busy machine, where probes per second do not.
 *
 * <p>Usage: {@code java -cp ... dev.haremote.benchmarks.ProbeLoad URL ADDRESS CA_PEM THREADS
 * WARMUP_S MEASURE_S}. Prints {@code probes=N seconds=S rate=R cpu_ms_per_probe=C failures=F
 * provider=P}, P being the TLS implementation the kit chose ({@code -Dharemote.tls.provider=jdk}
 * forces the JDK's).
 */
public final class ProbeLoad {
  private ProbeLoad() {}

  public static void main(String[] args) throws Exception {
    URI url = URI.create(args[0]);
    InetAddress address = InetAddress.getByName(args[1]);
    HttpProbe probe = new HttpProbe(TrustConfig.of(TrustConfig.readPemBundle(Path.of(args[2]))));
    int threads = Integer.parseInt(args[3]);
    long warmupNanos = Duration.ofSeconds(Long.parseLong(args[4])).toNanos();
    long measureNanos = Duration.ofSeconds(Long.parseLong(args[5])).toNanos();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long start = System.nanoTime();
    long measureFrom = start + warmupNanos;
    long end = measureFrom + measureNanos;
    long[] cpuAtMeasureStart = {-1};
    long[] okAtMeasureStart = {0};
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread t =
          new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  HttpProbeResult r =
                      probe.execute(HttpProbeRequest.get(url, address, Duration.ofSeconds(5)));
                  boolean good =
                      r.responded()
                          && r.status() == 200
                          && r.tls().verification().status().name().equals("VALID");
                  if (System.nanoTime() >= measureFrom) {
                    (good ? ok : failed).incrementAndGet();
                  }
                }
              },
              "probe-" + i);
      workers.add(t);
    }
    workers.forEach(Thread::start);
    Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
    cpuAtMeasureStart[0] = os.getProcessCpuTime();
    okAtMeasureStart[0] = ok.get();
    long t0 = System.nanoTime();
    for (Thread t : workers) {
      t.join();
    }
    long cpu = os.getProcessCpuTime() - cpuAtMeasureStart[0];
    double seconds = (System.nanoTime() - t0) / 1e9;
    long probes = ok.get() - okAtMeasureStart[0];
    System.out.printf(
        "probes=%d seconds=%.1f rate=%.1f cpu_ms_per_probe=%.3f failures=%d provider=%s%n",
        probes,
        seconds,
        probes / seconds,
        cpu / 1e6 / Math.max(1, probes),
        failed.get(),
        TlsProvider.preferred().name());
  }
}
