package dev.haremote.common.suite.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haremote.common.suite.SuiteReadiness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The round runner every service uses: schedule, port, readiness, on-demand rounds. */
class ServiceRoundsTest {
  private final SuiteReadiness readiness = new SuiteReadiness();
  private final HttpListening listening = new HttpListening();
  private final AtomicInteger rounds = new AtomicInteger();
  private final List<String> scheduled = new ArrayList<>();
  private Runnable tick;

  private ServiceRounds<Integer> rounds(boolean failFirst) {
    return new ServiceRounds<>(
        "a-service",
        "a-round",
        Duration.ofSeconds(30),
        () -> {
          int n = rounds.incrementAndGet();
          if (failFirst && n == 1) {
            throw new IllegalStateException("round " + n + " failed");
          }
          return n;
        },
        readiness,
        listening,
        (identity, interval, task) -> {
          scheduled.add(identity + " every " + interval);
          tick = task;
        });
  }

  @Test
  void startSchedulesTheRoundButRunsNothingBeforeThePortIsBound() throws Exception {
    try (ServiceRounds<Integer> service = rounds(false)) {
      service.start();
      assertThat(scheduled).containsExactly("a-round every PT30S");
      tick.run();
      Thread.sleep(200);
      assertThat(rounds.get()).isZero();
      assertThat(readiness.isFirstRoundDone()).isFalse();

      listening.onHttp(null);
      // The tick that came early is the first round, run when the port is bound; a request
      // after that gets a round of its own.
      assertThat(service.requestRound().toCompletableFuture().get(5, TimeUnit.SECONDS))
          .isEqualTo(2);
      assertThat(readiness.isFirstRoundDone()).isTrue();
      assertThat(service.roundsStarted()).isEqualTo(2);
    }
  }

  @Test
  void aRoundAfterAFailedFirstOneMakesTheServiceReady() throws Exception {
    listening.onHttp(null);
    try (ServiceRounds<Integer> service = rounds(true)) {
      service.start();
      // The opening round (number 1) fails; the request after it is round 2.
      assertThat(service.requestRound().toCompletableFuture().get(5, TimeUnit.SECONDS))
          .isEqualTo(2);
      assertThat(readiness.isFirstRoundDone()).isTrue();
    }
  }

  @Test
  void aRoundThatThrowsDoesNotMarkTheFirstRoundDone() throws Exception {
    try (ServiceRounds<Integer> service = rounds(true)) {
      service.start();
      var first = service.requestRound().toCompletableFuture();
      listening.onHttp(null);
      assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasRootCauseMessage("round 1 failed");
      assertThat(readiness.isFirstRoundDone()).isFalse();
    }
  }
}
