package dev.haremote.ddns.service;

import dev.haremote.common.dns.DnsClient;
import dev.haremote.common.dns.SystemResolver;
import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.suite.ConfigProblem;
import dev.haremote.common.suite.round.RoundRunner;
import dev.haremote.common.suite.round.ServiceRounds;
import dev.haremote.common.suite.startup.ConfigProblemsException;
import dev.haremote.common.tls.TrustConfig;
import dev.haremote.ddns.config.DdnsConfig;
import dev.haremote.ddns.discovery.HostAddresses;
import dev.haremote.ddns.state.StateDirLock;
import dev.haremote.ddns.status.DdnsStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The ddns round (the engine's {@code runNow}) in common's round runner, and what only ddns needs
 * around it: the state-dir lock before any round.
 */
@ApplicationScoped
public class DdnsService {
  private final DdnsConfig config;
  private final MeterRegistry registry;
  private volatile DdnsEngine engine;
  private volatile StateDirLock stateDirLock;

  /**
   * The schedule, POST /api/v1/check and first-round readiness (common's round runner): a flood of
   * checks asks the address echoes twice, not once per request.
   */
  private final ServiceRounds<DdnsStatus> rounds;

  public DdnsService(DdnsConfig config, MeterRegistry registry, RoundRunner runner) {
    this.config = config;
    this.registry = registry;
    this.rounds = runner.rounds("ddns-service", "ddns-round", config.interval(), this::round);
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

  /**
   * Runs after common's configuration validation (priority -1): an invalid configuration stops
   * start-up before any round, so its problems print as one line each without a round's trace.
   * Rounds start here, after the lock; they run once the HTTP port is bound, so an instance that
   * cannot bind it (a second one) never sends an update.
   */
  void onStart(@Observes @Priority(2000) StartupEvent event) {
    if (!config.records().isEmpty()) {
      // One process per state dir, before any round: a second one would send updates too.
      StateDirLock.Outcome lock = StateDirLock.acquire(config.stateDir());
      if (!lock.held()) {
        throw new ConfigProblemsException(
            List.of(new ConfigProblem("ddns.state-dir", lock.refusal())));
      }
      stateDirLock = lock.lock();
    }
    engine();
    rounds.start(); // the first round as soon as the port is bound, not one interval later
  }

  @PreDestroy
  void closeRounds() {
    rounds.close();
  }

  void onStop(@Observes ShutdownEvent event) {
    StateDirLock lock = stateDirLock;
    if (lock != null) {
      lock.close();
      stateDirLock = null;
    }
  }

  /** A round that starts no earlier than now; requests while one runs share the next. */
  public CompletionStage<DdnsStatus> requestRound() {
    return rounds.requestRound();
  }

  private DdnsStatus round() {
    return engine().runNow();
  }

  public DdnsStatus latest() {
    DdnsEngine e = engine;
    return e == null ? DdnsStatus.empty() : e.latest();
  }

  public DdnsConfig config() {
    return config;
  }
}
