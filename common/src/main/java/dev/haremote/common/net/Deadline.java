package dev.haremote.common.net;

import java.time.Duration;

/**
 * One hard deadline for a whole probe (resolve + connect + TLS + body), as blackbox_exporter does.
 * Every blocking step asks it for the time left instead of carrying its own timeout.
 */
public final class Deadline {
  private final long deadlineNanos;

  private Deadline(long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
  }

  public static Deadline in(Duration timeout) {
    return new Deadline(System.nanoTime() + timeout.toNanos());
  }

  /**
   * A deadline ending after {@code share} (0..1) of the time left here: a stage that must leave
   * room for the ones after it (a peer's answer must travel back, DNS must leave time to connect).
   * Never later than this one.
   */
  public Deadline within(double share) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("share must be in (0, 1]: " + share);
    }
    long left = Math.max(0, deadlineNanos - System.nanoTime());
    return new Deadline(deadlineNanos - left + (long) (left * share));
  }

  /** The earlier of the two. */
  public Deadline orEarlier(Deadline other) {
    return deadlineNanos - other.deadlineNanos <= 0 ? this : other;
  }

  public Duration remaining() {
    long left = deadlineNanos - System.nanoTime();
    return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
  }

  public boolean expired() {
    return deadlineNanos - System.nanoTime() <= 0;
  }

  /** Time left as a socket timeout: at least 1 ms, since 0 means "wait forever" to sockets. */
  public int remainingMillisForSocket() {
    long ms = remaining().toMillis();
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
  }
}
