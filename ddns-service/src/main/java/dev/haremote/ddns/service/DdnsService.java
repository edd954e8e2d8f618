package dev.haremote.ddns.service;

import dev.haremote.common.dns.DnsClient;
import dev.haremote.common.dns.SystemResolver;
import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.suite.ConfigProblem;
import dev.haremote.common.suite.SuiteReadiness;
import dev.haremote.common.suite.round.CoalescingRound;
import dev.haremote.common.suite.round.HttpListening;
import dev.haremote.common.suite.startup.ConfigProblemsException;
import dev.haremote.common.tls.TrustConfig;
import dev.haremote.ddns.config.DdnsConfig;
import dev.haremote.ddns.discovery.HostAddresses;
import dev.haremote.ddns.state.StateDirLock;
import dev.haremote.ddns.status.DdnsStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.context.ManagedExecutor;

/** The service's rounds: every {@code ddns.interval}, never two at once, and on demand. */
@ApplicationScoped
public class DdnsService {
  private final DdnsConfig config;
  private final MeterRegistry registry;
  private final SuiteReadiness readiness;
  private final ManagedExecutor executor;
  private final HttpListening listening;
  private volatile DdnsEngine engine;
  private volatile boolean started;
  private volatile StateDirLock stateDirLock;

  /**
   * POST /api/v1/check and the schedule share rounds (at most one running, one pending): a flood of
   * checks asks the address echoes twice, not once per request.
   */
  private final CoalescingRound<DdnsStatus> rounds =
      new CoalescingRound<>("ddns-round", this::round);

  public DdnsService(
      DdnsConfig config,
      MeterRegistry registry,
      SuiteReadiness readiness,
      ManagedExecutor executor,
      HttpListening listening) {
    this.executor = executor;
    this.listening = listening;
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

  /**
   * Runs after common's configuration validation (priority 1): an invalid configuration stops
   * start-up before any round, so its problems print as one line each without a round's trace.
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
    started = true;
    executor.execute(this::scheduledRound); // first round now, not one interval later
  }

  /**
   * Rounds run only once the HTTP port is bound: an instance that cannot bind it (a second one)
   * never sends an update. Requested earlier, a round waits for that.
   */
  void openRoundsWhenListening(@Observes StartupEvent event) {
    listening.whenListening(rounds::open);
  }

  @PreDestroy
  void closeRounds() {
    rounds.close();
  }

  void onStop(@Observes ShutdownEvent event) {
    started = false;
    StateDirLock lock = stateDirLock;
    if (lock != null) {
      lock.close();
      stateDirLock = null;
    }
  }

  @Scheduled(
      identity = "ddns-round",
      every = "${ddns.interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduledRound() {
    if (!started) {
      return; // the scheduler may fire while start-up (and validation) is still running
    }
    rounds.roundUnlessBusy();
  }

  /** A round that starts no earlier than now; requests while one runs share the next. */
  public CompletionStage<DdnsStatus> checkNow() {
    return rounds.requestRound();
  }

  private DdnsStatus round() {
    DdnsStatus status = engine().runNow();
    readiness.firstRoundDone("ddns-service");
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
