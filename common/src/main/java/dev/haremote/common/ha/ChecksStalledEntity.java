package dev.haremote.common.ha;

import java.time.Duration;

/**
 * The binary sensor that tells Home Assistant a service stopped finishing rounds. Its REST answer
 * keeps coming with the last round's results, so every other entity would look as fresh as ever:
 * this one turns on when {@code checked_at} is older than three intervals (at least 15 minutes, as
 * the {@code HaRemoteAccessChecksStalled} alert). Unavailable while there is no round to judge (no
 * answer, or none finished yet: readiness covers that).
 */
public final class ChecksStalledEntity {
  static final long MIN_SECONDS = 900;

  private ChecksStalledEntity() {}

  /**
   * @param name the entity's name, e.g. "DDNS checks stalled"; its slug is the unique_id
   * @param interval the service's check interval
   */
  public static HaEntity of(String name, Duration interval) {
    return HaEntity.binary(
        name,
        "problem",
        template(thresholdSeconds(interval)),
        HaJinja.STATUS + HaJinja.hasTimestamp("s.get('checked_at')"));
  }

  static long thresholdSeconds(Duration interval) {
    return Math.max(MIN_SECONDS, 3 * interval.toSeconds());
  }

  // now() in a rest template is rendered at each poll, which is when the answer can have aged.
  private static String template(long seconds) {
    return HaJinja.STATUS
        + "{% set t = as_datetime(s.get('checked_at'), none)"
        + " if s.get('checked_at') is string else none %}"
        + "{{ 'on' if t is not none and (now() - t).total_seconds() > "
        + seconds
        + " else 'off' }}";
  }
}
