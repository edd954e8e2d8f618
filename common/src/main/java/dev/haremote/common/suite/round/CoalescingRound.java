package dev.haremote.common.suite.round;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * A service's rounds, at most one running and one pending. A request while a round runs joins the
 * pending round (which starts when the running one ends), so a flood of {@code POST /api/v1/check}
 * runs two rounds, not one per request, and nobody waits in a queue of rounds. Callers get a {@link
 * CompletionStage}: no thread waits per request, and readers of the status never wait at all.
 *
 * <p>Closed until {@link #open()}: requested rounds wait as the pending one, so nothing runs before
 * the service can answer (the HTTP port is bound, see {@link HttpListening}). Rounds run on one
 * thread of their own, reused for every round.
 *
 * @param <S> what a round answers (the service's status)
 */
public final class CoalescingRound<S> implements AutoCloseable {
  private final Supplier<S> round;
  private final ExecutorService runner;
  private final Object lock = new Object();
  private CompletableFuture<S> running;
  private CompletableFuture<S> pending;
  private boolean open;
  private long started;

  /**
   * @param name the round thread's name (shown in thread dumps)
   * @param round one complete round; an exception fails that round's requests, not later rounds
   */
  public CoalescingRound(String name, Supplier<S> round) {
    this.round = round;
    this.runner =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * A round that starts no earlier than this call: the pending one when a round is running (or
   * rounds are not open yet), else a new one now.
   */
  public CompletionStage<S> requestRound() {
    synchronized (lock) {
      if (pending != null) {
        return pending.minimalCompletionStage();
      }
      CompletableFuture<S> next = new CompletableFuture<>();
      if (running == null && open) {
        start(next);
      } else {
        pending = next;
      }
      return next.minimalCompletionStage();
    }
  }

  /**
   * For the periodic trigger: joins the round already running or pending instead of asking for
   * another one after it.
   */
  public CompletionStage<S> roundUnlessBusy() {
    synchronized (lock) {
      if (running != null && pending == null) {
        return running.minimalCompletionStage();
      }
      return requestRound();
    }
  }

  /** Lets rounds run from now on, starting with the one requested so far or a first one. */
  public void open() {
    synchronized (lock) {
      if (open) {
        return;
      }
      open = true;
      CompletableFuture<S> first = pending != null ? pending : new CompletableFuture<>();
      pending = null;
      start(first);
    }
  }

  public boolean isOpen() {
    synchronized (lock) {
      return open;
    }
  }

  /** Rounds started so far (for tests and measurements). */
  public long roundsStarted() {
    synchronized (lock) {
      return started;
    }
  }

  /** Called under the lock. */
  private void start(CompletableFuture<S> future) {
    running = future;
    started++;
    try {
      runner.execute(() -> run(future));
    } catch (RejectedExecutionException e) {
      running = null;
      future.completeExceptionally(new IllegalStateException("rounds are stopped", e));
    }
  }

  private void run(CompletableFuture<S> future) {
    S result = null;
    Throwable failure = null;
    try {
      result = round.get();
    } catch (RuntimeException | Error e) {
      failure = e;
    }
    synchronized (lock) {
      running = null;
      CompletableFuture<S> next = pending;
      pending = null;
      if (next != null) {
        start(next);
      }
    }
    if (failure != null) {
      future.completeExceptionally(failure);
    } else {
      future.complete(result);
    }
  }

  @Override
  public void close() {
    runner.shutdownNow();
    synchronized (lock) {
      if (pending != null) {
        pending.completeExceptionally(new IllegalStateException("rounds are stopped"));
        pending = null;
      }
    }
  }
}
