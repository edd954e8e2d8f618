package dev.haremote.common.suite.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CoalescingRoundTest {
  private final AtomicInteger rounds = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);

  /** A round that waits for {@link #release} and answers its own number. */
  private Integer blockingRound() {
    int n = rounds.incrementAndGet();
    try {
      release.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return n;
  }

  @Test
  void requestsDuringARoundShareOnePendingRound() throws Exception {
    try (CoalescingRound<Integer> round =
        new CoalescingRound<>("test-round", this::blockingRound)) {
      round.open();
      List<CompletableFuture<Integer>> asked = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        asked.add(round.requestRound().toCompletableFuture());
      }
      release.countDown();
      CompletableFuture.allOf(asked.toArray(new CompletableFuture<?>[0])).get(10, TimeUnit.SECONDS);
      // The first round started at open(); all 100 requests came while it ran: one more round.
      assertThat(asked).allSatisfy(f -> assertThat(f.join()).isEqualTo(2));
      assertThat(rounds.get()).isEqualTo(2);
      assertThat(round.roundsStarted()).isEqualTo(2);
    }
  }

  @Test
  void nothingRunsBeforeOpenAndOpenRunsWhatWasAsked() throws Exception {
    release.countDown();
    try (CoalescingRound<Integer> round =
        new CoalescingRound<>("test-round", this::blockingRound)) {
      CompletableFuture<Integer> early = round.requestRound().toCompletableFuture();
      CompletableFuture<Integer> tick = round.roundUnlessBusy().toCompletableFuture();
      Thread.sleep(200);
      assertThat(rounds.get()).isZero();
      assertThat(early).isNotDone();
      round.open();
      assertThat(early.get(5, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(tick.get(5, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(rounds.get()).isEqualTo(1);
    }
  }

  @Test
  void aPeriodicTickJoinsTheRunningRound() throws Exception {
    try (CoalescingRound<Integer> round =
        new CoalescingRound<>("test-round", this::blockingRound)) {
      round.open();
      CompletableFuture<Integer> tick = round.roundUnlessBusy().toCompletableFuture();
      release.countDown();
      assertThat(tick.get(5, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(round.roundsStarted()).isEqualTo(1);
    }
  }

  @Test
  void aFailingRoundFailsItsRequestsOnlyAndTheNextRoundRuns() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (CoalescingRound<Integer> round =
        new CoalescingRound<>(
            "test-round",
            () -> {
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("bug in round 1");
              }
              return calls.get();
            })) {
      CompletableFuture<Integer> first = round.requestRound().toCompletableFuture();
      round.open();
      assertThatThrownBy(first::join)
          .isInstanceOf(CompletionException.class)
          .hasRootCauseMessage("bug in round 1");
      assertThat(round.requestRound().toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo(2);
    }
  }

  @Test
  void oneThreadServesEveryRound() throws Exception {
    try (CoalescingRound<String> round =
        new CoalescingRound<>("test-round-thread", () -> Thread.currentThread().getName())) {
      round.open();
      for (int i = 0; i < 20; i++) {
        assertThat(round.requestRound().toCompletableFuture().get(5, TimeUnit.SECONDS))
            .isEqualTo("test-round-thread");
      }
      long threads =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> t.getName().equals("test-round-thread"))
              .count();
      assertThat(threads).isEqualTo(1);
    }
  }
}
