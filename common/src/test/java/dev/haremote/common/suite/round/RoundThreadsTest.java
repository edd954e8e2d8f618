package dev.haremote.common.suite.round;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RoundThreadsTest {

  @Test
  void runsAtMostSizeTasksAtOnceOnNamedDaemonThreads() throws Exception {
    ThreadPoolExecutor pool = RoundThreads.bounded("probe", 2, Duration.ofSeconds(30));
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    Set<String> names = ConcurrentHashMap.newKeySet();
    Set<Boolean> daemons = ConcurrentHashMap.newKeySet();
    CountDownLatch done = new CountDownLatch(6);
    for (int i = 0; i < 6; i++) {
      pool.execute(
          () -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            names.add(Thread.currentThread().getName());
            daemons.add(Thread.currentThread().isDaemon());
            sleep(50);
            running.decrementAndGet();
            done.countDown();
          });
    }
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(mostAtOnce.get()).isEqualTo(2);
    assertThat(names).containsExactlyInAnyOrder("probe-1", "probe-2");
    assertThat(daemons).containsExactly(true);
    pool.shutdownNow();
  }

  @Test
  void holdsNoThreadOnceIdleBetweenRounds() throws Exception {
    ThreadPoolExecutor pool = RoundThreads.bounded("probe", 4, Duration.ofMillis(100));
    CountDownLatch done = new CountDownLatch(4);
    for (int i = 0; i < 4; i++) {
      pool.execute(
          () -> {
            sleep(20);
            done.countDown();
          });
    }
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(pool.getLargestPoolSize()).isEqualTo(4);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (pool.getPoolSize() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(pool.getPoolSize()).isZero();
    // The next round starts threads again.
    CountDownLatch again = new CountDownLatch(1);
    pool.execute(again::countDown);
    assertThat(again.await(10, TimeUnit.SECONDS)).isTrue();
    pool.shutdownNow();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
