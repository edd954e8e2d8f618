package dev.haremote.benchmarks;

import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.http.HttpProbeRequest;
import dev.haremote.common.http.HttpProbeResult;
import dev.haremote.common.tls.TlsProvider;
import dev.haremote.common.tls.TrustConfig;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Figure 1 of docs/benchmarks.md: one full HTTPS probe (connect, full TLS handshake without session
 * reuse, chain verification, GET, body) per invocation, against the nginx that
 * benchmarks/scripts/probe-throughput.sh starts. The same work blackbox_exporter's /probe does.
 */
@State(Scope.Benchmark)
public class HttpsProbeBenchmark {
  /** The TLS implementation: what the kit prefers here, or the JDK's own for comparison. */
  @Param({"preferred", "jdk"})
  public String provider;

  private HttpProbe probe;
  private URI url;
  private InetAddress address;

  @Setup
  public void setUp() throws Exception {
    Path caFile = Path.of(System.getProperty("bench.ca"));
    X509Certificate ca;
    try (InputStream in = Files.newInputStream(caFile)) {
      ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    TlsProvider tls = provider.equals("jdk") ? TlsProvider.jdk() : TlsProvider.preferred();
    probe = new HttpProbe(TrustConfig.of(List.of(ca)), tls);
    url = URI.create(System.getProperty("bench.url"));
    address = InetAddress.getByName(System.getProperty("bench.address", "127.0.0.1"));
  }

  @Benchmark
  public int httpsProbe() {
    HttpProbeResult result =
        probe.execute(HttpProbeRequest.get(url, address, Duration.ofSeconds(5)));
    if (!result.responded()
        || result.status() != 200
        || !result.tls().verification().status().name().equals("VALID")) {
      // A failed probe must not count as throughput.
      throw new IllegalStateException("probe failed: " + result.failure() + " " + result.status());
    }
    return result.status();
  }
}
