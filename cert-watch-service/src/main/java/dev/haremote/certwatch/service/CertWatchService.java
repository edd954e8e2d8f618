package dev.haremote.certwatch.service;

import dev.haremote.certwatch.clock.ClockSanity;
import dev.haremote.certwatch.config.CertWatchConfig;
import dev.haremote.certwatch.metrics.CertWatchMetrics;
import dev.haremote.common.suite.SuiteReadiness;
import dev.haremote.common.tls.TrustConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The service's one monitor, wired from the configuration. */
@ApplicationScoped
public class CertWatchService {
  private final CertificateMonitor monitor;
  private final SuiteReadiness readiness;
  private final ExecutorService probes;
  private final ExecutorService fileReaders;

  public CertWatchService(
      CertWatchConfig config, SuiteReadiness readiness, MeterRegistry registry, Clock clock) {
    this.readiness = readiness;
    this.probes = Executors.newFixedThreadPool(8, daemon("certwatch-check"));
    // Unbounded on purpose: a read stuck on a dead mount is abandoned, not waited for.
    this.fileReaders = Executors.newCachedThreadPool(daemon("certwatch-file"));
    this.monitor =
        MonitorFactory.build(
            config,
            TrustConfig.systemPlus(config.trust().extraCaFile()),
            clock,
            ClockSanity.fromBuildInfo(),
            new CertWatchMetrics(registry, config),
            probes,
            fileReaders);
  }

  public CertWatchStatus status() {
    return monitor.status();
  }

  /** A full round; the first one completed makes the service ready. */
  public CertWatchStatus checkAll() {
    CertWatchStatus status = monitor.checkAll();
    readiness.firstRoundDone("cert-watch-service");
    return status;
  }

  public CertWatchStatus checkFile(String id) {
    return monitor.checkFile(id);
  }

  public List<CertWatchConfig.CertificateFile> files() {
    return monitor.files();
  }

  @PreDestroy
  void stop() {
    probes.shutdownNow();
    fileReaders.shutdownNow();
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
