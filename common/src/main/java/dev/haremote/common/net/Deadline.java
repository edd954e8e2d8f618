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
