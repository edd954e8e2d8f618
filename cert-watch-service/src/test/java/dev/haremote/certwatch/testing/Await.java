package dev.haremote.certwatch.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits on a condition (short polls), never a fixed sleep. */
public final class Await {
  private Await() {}

  /** Returns how long it took; throws AssertionError after {@code limit}. */
  public static Duration until(Duration limit, BooleanSupplier condition, String what)
      throws InterruptedException {
    long start = System.nanoTime();
    long end = start + limit.toNanos();
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) {
        return Duration.ofNanos(System.nanoTime() - start);
      }
      Thread.sleep(20);
    }
    if (condition.getAsBoolean()) {
      return Duration.ofNanos(System.nanoTime() - start);
    }
    throw new AssertionError("not within " + limit + ": " + what);
  }
}
