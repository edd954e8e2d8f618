package dev.haremote.certwatch.service;

import dev.haremote.certwatch.clock.ClockSanity;
import dev.haremote.certwatch.config.CertWatchConfig;
import dev.haremote.certwatch.metrics.CertWatchMetrics;
import dev.haremote.common.suite.round.RoundRunner;
import dev.haremote.common.suite.round.RoundThreads;
import dev.haremote.common.suite.round.ServiceRounds;
import dev.haremote.common.tls.TrustConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The service's one monitor, wired from the configuration. */
@ApplicationScoped
public class CertWatchService {
  private final CertificateMonitor monitor;
  private final ExecutorService probes;
  private final ExecutorService fileReaders;

  /** The schedule, POST /api/v1/check and first-round readiness (common's round runner). */
  private final ServiceRounds<CertWatchStatus> rounds;

  public CertWatchService(
      CertWatchConfig config, MeterRegistry registry, Clock clock, RoundRunner runner) {
    this.probes = RoundThreads.bounded("certwatch-check", 8);
    // Unbounded on purpose: a read stuck on a dead mount is abandoned, not waited for.
    this.fileReaders = Executors.newCachedThreadPool(RoundThreads.daemon("certwatch-file"));
    this.monitor =
        MonitorFactory.build(
            config,
            TrustConfig.systemPlus(config.trust().extraCaFile()),
            clock,
            ClockSanity.fromBuildInfo(),
            new CertWatchMetrics(registry, config),
            probes,
            fileReaders);
    this.rounds =
        runner.rounds(
            "cert-watch-service", "certwatch-round", config.interval(), monitor::checkAll);
  }

  public CertWatchStatus status() {
    return monitor.status();
  }

  void onStart(@Observes StartupEvent event) {
    rounds.start();
  }

  /**
   * A round that starts no earlier than now (POST /api/v1/check); requests while one runs share the
   * next, and no thread waits for it.
   */
  public CompletionStage<CertWatchStatus> requestRound() {
    return rounds.requestRound();
  }

  public CertWatchStatus checkFile(String id) {
    return monitor.checkFile(id);
  }

  public List<CertWatchConfig.CertificateFile> files() {
    return monitor.files();
  }

  @PreDestroy
  void stop() {
    rounds.close();
    probes.shutdownNow();
    fileReaders.shutdownNow();
  }
}
