package dev.haremote.ddns.service;

import dev.haremote.common.dns.DnsClient;
import dev.haremote.common.dns.SystemResolver;
import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.suite.SuiteReadiness;
import dev.haremote.common.tls.TrustConfig;
import dev.haremote.ddns.config.DdnsConfig;
import dev.haremote.ddns.discovery.HostAddresses;
import dev.haremote.ddns.status.DdnsStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;

/** The service's rounds: every {@code ddns.interval}, never two at once, and on demand. */
@ApplicationScoped
public class DdnsService {
  private final DdnsConfig config;
  private final MeterRegistry registry;
  private final SuiteReadiness readiness;
  private volatile DdnsEngine engine;

  public DdnsService(DdnsConfig config, MeterRegistry registry, SuiteReadiness readiness) {
    this.config = config;
    this.registry = registry;
    this.readiness = readiness;
  }

  private DdnsEngine engine() {
    DdnsEngine e = engine;
    if (e == null) {
      synchronized (this) {
        if (engine == null) {
          engine =
              new DdnsEngineFactory(
                      new DnsClient(),
                      new HttpProbe(TrustConfig.systemPlus(Optional.empty())),
                      new HostAddresses(new SystemResolver()),
                      Clock.systemUTC())
                  .create(config, registry);
        }
        e = engine;
      }
    }
    return e;
  }

  @Scheduled(
      identity = "ddns-round",
      every = "${ddns.interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduledRound() {
    if (engine().runIfIdle()) {
      readiness.firstRoundDone();
    }
  }

  /** Runs a round now (waits for a running one) and answers its status. */
  public DdnsStatus checkNow() {
    DdnsStatus status = engine().runNow();
    readiness.firstRoundDone();
    return status;
  }

  public DdnsStatus latest() {
    DdnsEngine e = engine;
    return e == null ? DdnsStatus.empty() : e.latest();
  }

  public DdnsConfig config() {
    return config;
  }
}
