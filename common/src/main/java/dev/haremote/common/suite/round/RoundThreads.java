package dev.haremote.common.suite.round;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pool a service's round fans its probes out on. Its threads leave once they have been
 * idle for {@link #IDLE}: a round lasts seconds and comes every 30 s or more, so between rounds the
 * pool holds no thread. Measured on the one process (three services, 3 targets): 16 idle probe
 * threads stayed alive between rounds with fixed pools (docs/benchmarks.md, figure 6).
 */
public final class RoundThreads {
  /** How long an idle probe thread waits for the next task before it ends. */
  public static final Duration IDLE = Duration.ofSeconds(5);

  private RoundThreads() {}

  /**
   * At most {@code size} daemon threads named {@code name-N}; further tasks queue. Threads start on
   * demand and end after {@link #IDLE} without work.
   */
  public static ExecutorService bounded(String name, int size) {
    return bounded(name, size, IDLE);
  }

  static ThreadPoolExecutor bounded(String name, int size, Duration idle) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            size,
            size,
            idle.toMillis(),
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            daemon(name));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** Daemon threads named {@code name-1}, {@code name-2}, ... */
  public static ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
