package dev.haremote.reachability.service;

import dev.haremote.reachability.diagnosis.Verdict;

/**
 * Flap suppression for one target: the shown verdict turns from reachable to unreachable only after
 * {@code failureThreshold} failing rounds in a row, and back after {@code successThreshold} good
 * rounds in a row. While the shown state holds, the verdict follows the rounds of the same kind (a
 * failing target shows the latest failure). The first round is shown as it is: there is nothing to
 * suppress yet. A round whose verdict is not known ({@code no_route_from_here}: the check cannot
 * work from where the service runs) is no flap: it is shown as it is, and neither counts toward a
 * streak nor breaks one.
 */
public final class FlapFilter {
  private final int failureThreshold;
  private final int successThreshold;
  private Verdict shown;
  private int streak;
  private boolean streakReachable;

  public FlapFilter(int failureThreshold, int successThreshold) {
    this.failureThreshold = failureThreshold;
    this.successThreshold = successThreshold;
  }

  /** Feeds one round's raw verdict; answers the verdict to show. */
  public synchronized Verdict update(Verdict raw) {
    if (!raw.code().known()) {
      return raw;
    }
    boolean ok = raw.reachable();
    if (streak > 0 && streakReachable == ok) {
      streak++;
    } else {
      streak = 1;
      streakReachable = ok;
    }
    if (shown == null || shown.reachable() == ok) {
      shown = raw;
    } else if (streak >= (ok ? successThreshold : failureThreshold)) {
      shown = raw;
    }
    return shown;
  }
}
