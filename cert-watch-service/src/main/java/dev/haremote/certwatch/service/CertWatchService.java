package dev.haremote.certwatch.service;

import dev.haremote.certwatch.clock.ClockSanity;
import dev.haremote.certwatch.config.CertWatchConfig;
import dev.haremote.certwatch.endpoint.EndpointChecker;
import dev.haremote.certwatch.file.FileChecker;
import dev.haremote.certwatch.metrics.CertWatchMetrics;
import dev.haremote.certwatch.renewal.AriClient;
import dev.haremote.common.dns.SystemResolver;
import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.suite.SuiteReadiness;
import dev.haremote.common.tls.ChainVerifier;
import dev.haremote.common.tls.TlsInspector;
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
    TrustConfig trust = TrustConfig.systemPlus(config.trust().extraCaFile());
    ClockSanity sanity = ClockSanity.fromBuildInfo();
    EndpointChecker endpoints =
        new EndpointChecker(
            new TlsInspector(trust), new SystemResolver(), config.timeouts().endpoint(), clock);
    FileChecker files =
        new FileChecker(
            new ChainVerifier(trust),
            fileReaders,
            config.timeouts().file(),
            config.limits().maxFileBytes(),
            config.limits().maxCertificates(),
            clock,
            CertificateMonitor.verificationTime(clock, sanity));
    AriClient ari =
        config.ari().enabled() && !config.ari().directories().isEmpty()
            ? new AriClient(
                new HttpProbe(trust),
                config.ari().directories(),
                config.timeouts().ari(),
                config.ari().defaultRetryAfter(),
                config.ari().errorBackoff(),
                clock)
            : null;
    this.monitor =
        new CertificateMonitor(
            config,
            endpoints,
            files,
            ari,
            clock,
            sanity,
            probes,
            new CertWatchMetrics(registry, config));
  }

  public CertWatchStatus status() {
    return monitor.status();
  }

  /** A full round; the first one completed makes the service ready. */
  public CertWatchStatus checkAll() {
    CertWatchStatus status = monitor.checkAll();
    readiness.firstRoundDone();
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
