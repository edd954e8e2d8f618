package dev.haremote.common.net;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closes a socket (or anything closeable) when a {@link Deadline} passes. Socket timeouts only
 * bound one read at a time; a peer that trickles one byte per timeout, or stalls inside the TLS
 * handshake, would otherwise keep a probe alive far beyond its deadline.
 */
public final class SocketWatchdog implements AutoCloseable {
  private static final ScheduledThreadPoolExecutor TIMER = newTimer();

  private final AtomicBoolean fired = new AtomicBoolean();
  private final ScheduledFuture<?> task;

  private SocketWatchdog(Closeable target, Deadline deadline) {
    this.task =
        TIMER.schedule(
            () -> {
              fired.set(true);
              try {
                target.close();
              } catch (IOException | RuntimeException ignored) {
                // Closing is best effort; the probe reports the timeout either way.
              }
            },
            deadline.remaining().toNanos(),
            TimeUnit.NANOSECONDS);
  }

  /** Starts watching; {@link #close()} stops watching without closing the target. */
  public static SocketWatchdog watch(Closeable target, Deadline deadline) {
    return new SocketWatchdog(target, deadline);
  }

  /** True when the deadline passed and the watchdog closed the target. */
  public boolean fired() {
    return fired.get();
  }

  @Override
  public void close() {
    task.cancel(false);
  }

  private static ScheduledThreadPoolExecutor newTimer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "probe-deadline-watchdog");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }
}
