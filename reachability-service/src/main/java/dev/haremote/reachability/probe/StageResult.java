package dev.haremote.reachability.probe;

import java.time.Duration;

/**
 * One stage's raw outcome, for metrics: success and how long it took (zero when not run).
 *
 * @param ran false when an earlier stage failed or the stage does not apply (TLS on http)
 */
public record StageResult(boolean ran, boolean success, Duration duration) {

  public static StageResult notRun() {
    return new StageResult(false, false, Duration.ZERO);
  }

  public static StageResult of(boolean success, Duration duration) {
    return new StageResult(true, success, duration);
  }
}
