package dev.haremote.ddns.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.ddns.state.RecordState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RepairPolicyTest {
  private final RepairPolicy policy =
      new RepairPolicy(
          Duration.ofMinutes(5),
          Duration.ofMinutes(1),
          Duration.ofMinutes(30),
          Duration.ofMinutes(1));
  private final Instant now = Instant.parse("2026-11-25T07:00:00Z");

  @Test
  void driftMustBeSeenTwice() {
    RecordState s = new RecordState();
    s.driftChecks = 1;
    assertThat(policy.reasonToWait(s, now)).contains("1 of 2");
    s.driftChecks = 2;
    assertThat(policy.reasonToWait(s, now)).isNull();
  }

  @Test
  void theCooldownRunsFromTheLastAttempt() {
    RecordState s = new RecordState();
    s.driftChecks = 2;
    s.lastAttemptAt = now.minusSeconds(60);
    assertThat(policy.reasonToWait(s, now)).contains("waiting until 2026-11-25T07:04:00Z");
    assertThat(policy.reasonToWait(s, now.plusSeconds(240))).isNull();
  }

  @Test
  void retryAfterLongerThanTheCooldownWins() {
    RecordState s = new RecordState();
    s.driftChecks = 2;
    s.lastAttemptAt = now;
    s.notBefore = now.plus(Duration.ofMinutes(10));
    assertThat(policy.notBefore(s)).isEqualTo(now.plus(Duration.ofMinutes(10)));
  }

  @Test
  void backoffDoublesUpToTheMaximum() {
    assertThat(policy.backoff(1)).isEqualTo(Duration.ofMinutes(1));
    assertThat(policy.backoff(2)).isEqualTo(Duration.ofMinutes(2));
    assertThat(policy.backoff(4)).isEqualTo(Duration.ofMinutes(8));
    assertThat(policy.backoff(10)).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void aFatalAnswerStopsUpdates() {
    RecordState s = new RecordState();
    s.driftChecks = 5;
    s.stoppedReason = "dyndns2 answered badauth";
    assertThat(policy.reasonToWait(s, now)).startsWith("updates stopped");
  }
}
