package dev.haremote.certwatch.clock;

import java.time.Instant;

/**
 * What the service knows about the time at one moment.
 *
 * @param system what the system clock says
 * @param trusted the time to judge certificates at: the system clock when it can be believed, the
 *     reference's time when the system clock is wrong and a reference answered, else null
 * @param reason null when the clock can be believed, else {@link #BEFORE_BUILD_TIME} or {@link
 *     #DIFFERS_FROM_REFERENCE}
 * @param skewSeconds system minus reference time when a reference answered (whole seconds), else
 *     null
 * @param problem a sentence for the status when the clock is wrong, else null
 */
public record ClockReading(
    Instant system, Instant trusted, String reason, Long skewSeconds, String problem) {
  /** The system clock is before this service was built: certainly wrong. */
  public static final String BEFORE_BUILD_TIME = "before_build_time";

  /** The system clock differs from the configured reference by more than the tolerance. */
  public static final String DIFFERS_FROM_REFERENCE = "differs_from_reference";

  /** Whether the system clock can be believed. */
  public boolean sane() {
    return reason == null;
  }

  /** Whether time verdicts (expired, days left, renewal due) can be made at all. */
  public boolean timeKnown() {
    return trusted != null;
  }
}
