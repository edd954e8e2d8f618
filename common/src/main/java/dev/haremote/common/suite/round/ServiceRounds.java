package dev.haremote.common.suite.round;

import dev.haremote.common.suite.SuiteReadiness;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * One service's rounds, run the same way in every service (#20): every {@code interval} on the
 * schedule, on {@code POST /api/v1/check}, coalesced by a {@link CoalescingRound} (at most one
 * running, one pending) on one round thread; none before the HTTP port is bound ({@link
 * HttpListening}); the first complete round makes the service ready ({@link SuiteReadiness}). A
 * service supplies only what one round is and how often it runs; it gets these from {@link
 * RoundRunner#rounds}.
 *
 * @param <S> what a round answers (the service's status)
 */
public final class ServiceRounds<S> implements AutoCloseable {
  /** Fires {@code tick} every {@code interval} (the Quarkus scheduler, or a test's hand). */
  @FunctionalInterface
  interface Schedule {
    void every(String identity, Duration interval, Runnable tick);
  }

  private final String service;
  private final String name;
  private final Duration interval;
  private final Supplier<S> round;
  private final SuiteReadiness readiness;
  private final HttpListening listening;
  private final Schedule schedule;
  private final CoalescingRound<S> rounds;

  ServiceRounds(
      String service,
      String name,
      Duration interval,
      Supplier<S> round,
      SuiteReadiness readiness,
      HttpListening listening,
      Schedule schedule) {
    this.service = service;
    this.name = name;
    this.interval = interval;
    this.round = round;
    this.readiness = readiness;
    this.listening = listening;
    this.schedule = schedule;
    this.rounds = new CoalescingRound<>(name, this::runRound);
  }

  /**
   * Starts the schedule and lets rounds run once the port is bound, the first one at once. Called
   * by the service at start-up, after whatever must hold before any round (ddns: its state-dir
   * lock), and after the configuration was found valid.
   */
  public void start() {
    schedule.every(name, interval, rounds::roundUnlessBusy);
    listening.whenListening(rounds::open);
  }

  /**
   * A round that starts no earlier than this call ({@code POST /api/v1/check}): requests while one
   * runs share the next, and nobody blocks a thread waiting.
   */
  public CompletionStage<S> requestRound() {
    return rounds.requestRound();
  }

  /** Rounds started since start-up (for tests and measurements). */
  public long roundsStarted() {
    return rounds.roundsStarted();
  }

  /** A round that throws fails its requests and leaves readiness as it was. */
  private S runRound() {
    S status = round.get();
    readiness.firstRoundDone(service);
    return status;
  }

  @Override
  public void close() {
    rounds.close();
  }
}
