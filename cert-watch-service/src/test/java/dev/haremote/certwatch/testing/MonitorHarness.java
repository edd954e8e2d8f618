package dev.haremote.certwatch.testing;

import dev.haremote.certwatch.clock.ClockSanity;
import dev.haremote.certwatch.config.CertWatchConfig;
import dev.haremote.certwatch.metrics.CertWatchMetrics;
import dev.haremote.certwatch.service.CertWatchStatus;
import dev.haremote.certwatch.service.CertificateMonitor;
import dev.haremote.certwatch.service.CertificateStatus;
import dev.haremote.certwatch.service.MonitorFactory;
import dev.haremote.common.tls.TrustConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The real monitor, wired as the service wires it, with chosen trust anchors and clock. */
public final class MonitorHarness implements AutoCloseable {
  public final CertWatchConfig config;
  public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  public final CertificateMonitor monitor;
  private final ExecutorService probes = Executors.newFixedThreadPool(4);
  private final ExecutorService readers = Executors.newCachedThreadPool();

  public MonitorHarness(
      Map<String, String> properties,
      List<X509Certificate> anchors,
      Clock clock,
      Instant buildTime) {
    Map<String, String> all = new HashMap<>();
    all.put("certwatch.ari.enabled", "false");
    all.putAll(properties);
    this.config = TestConfig.mapping(all);
    this.monitor =
        MonitorFactory.build(
            config,
            TrustConfig.of(anchors),
            clock,
            new ClockSanity(buildTime),
            new CertWatchMetrics(registry, config),
            probes,
            readers);
  }

  public MonitorHarness(Map<String, String> properties, List<X509Certificate> anchors) {
    this(properties, anchors, Clock.systemUTC(), Instant.EPOCH);
  }

  public CertificateStatus certificate(String key) {
    return certificate(monitor.status(), key);
  }

  public static CertificateStatus certificate(CertWatchStatus status, String key) {
    return status.certificates().stream()
        .filter(c -> c.key().equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no certificate " + key + " in " + status));
  }

  public double errors(String id, String reason) {
    Counter counter =
        registry.find("certwatch_check_errors_total").tags("id", id, "reason", reason).counter();
    return counter == null ? -1 : counter.count();
  }

  @Override
  public void close() {
    probes.shutdownNow();
    readers.shutdownNow();
  }
}
