package dev.haremote.ddns.service;

import dev.haremote.ddns.state.RecordState;
import java.time.Duration;
import java.time.Instant;

/**
 * When an update may be sent: the safety rules in one place. A failed or disputed detection never
 * changes a record; drift must be seen on two consecutive checks at least one interval apart;
 * cooldown, backoff and the provider's Retry-After are waited out; a fatal answer stops updates
 * until the secret file or the configuration changes; a clock-skew refusal never stops them.
 */
public final class RepairPolicy {
  /** Consecutive checks that must see the same drift before an update. */
  public static final int DRIFT_CHECKS = 2;

  private final Duration cooldown;
  private final Duration backoffInitial;
  private final Duration backoffMax;
  private final Duration checkSpacing;

  /**
   * @param interval the check interval: two drift checks count as two only when at least this much
   *     (less 10 % for scheduler jitter) lies between them
   */
  public RepairPolicy(
      Duration cooldown, Duration backoffInitial, Duration backoffMax, Duration interval) {
    this.cooldown = cooldown;
    this.backoffInitial = backoffInitial;
    this.backoffMax = backoffMax;
    this.checkSpacing = interval.minus(interval.dividedBy(10));
  }

  /**
   * Whether a check at {@code now} is a new check after the last counted one at {@code last}: the
   * back-to-back rounds of a start-up, or a POST /api/v1/check right after a round, are not.
   */
  public boolean isNewCheck(Instant last, Instant now) {
    return last == null || !now.isBefore(last.plus(checkSpacing));
  }

  /**
   * The longest any {@code notBefore} may lie ahead: backoff max, or a provider's Retry-After
   * (capped at a day).
   */
  public Duration longestWait() {
    Duration longest =
        backoffMax.compareTo(Duration.ofDays(1)) > 0 ? backoffMax : Duration.ofDays(1);
    return longest.compareTo(cooldown) > 0 ? longest : cooldown;
  }

  /**
   * The wait after a clock-skew refusal: the first backoff step every time (no growth), since a
   * refused request changes nothing and the update should work soon after the clock is right.
   */
  public Duration clockSkewRetry() {
    return backoffInitial;
  }

  /** Why no update is sent now, or null when it may be sent. */
  public String reasonToWait(RecordState s, Instant now) {
    if (s.driftChecks < DRIFT_CHECKS) {
      return "drift seen on " + s.driftChecks + " of " + DRIFT_CHECKS + " checks";
    }
    if (s.stoppedReason != null) {
      return "updates stopped: " + s.stoppedReason;
    }
    Instant next = notBefore(s);
    if (next != null && now.isBefore(next)) {
      return "waiting until " + next;
    }
    return null;
  }

  /** The end of cooldown, backoff and Retry-After, whichever is last; null when none applies. */
  public Instant notBefore(RecordState s) {
    Instant next = s.lastAttemptAt == null ? null : s.lastAttemptAt.plus(cooldown);
    if (s.notBefore != null && (next == null || s.notBefore.isAfter(next))) {
      next = s.notBefore;
    }
    return next;
  }

  /** Exponential backoff after {@code failures} consecutive failures: initial, 2x, 4x, ... max. */
  public Duration backoff(int failures) {
    Duration d = backoffInitial;
    for (int i = 1; i < failures && d.compareTo(backoffMax) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(backoffMax) > 0 ? backoffMax : d;
  }
}
