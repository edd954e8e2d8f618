package dev.haremote.common.ha;

import java.time.Duration;

/**
 * The binary sensor that tells Home Assistant a service stopped finishing rounds. Its REST answer
 * keeps coming with the last round's results, so every other entity would look as fresh as ever:
 * this one turns on when {@code checked_at} is older than three intervals (at least 15 minutes, as
 * the {@code HaRemoteAccessChecksStalled} alert). Off before the first round (no {@code checked_at}
 * yet: readiness covers that).
 */
public final class ChecksStalledEntity {
  static final long MIN_SECONDS = 900;

  private ChecksStalledEntity() {}

  /**
   * @param name the entity's name, e.g. "ddns-service checks stalled"
   * @param uniqueId stable, e.g. {@code ddns_checks_stalled}
   * @param interval the service's check interval
   */
  public static HaEntity of(String name, String uniqueId, Duration interval) {
    return new HaEntity(
        "binary_sensor",
        name,
        uniqueId,
        template(thresholdSeconds(interval)),
        "problem",
        null,
        null,
        null,
        null,
        null);
  }

  static long thresholdSeconds(Duration interval) {
    return Math.max(MIN_SECONDS, 3 * interval.toSeconds());
  }

  // now() in a rest template is rendered at each poll, which is when the answer can have aged.
  private static String template(long seconds) {
    return "{% set t = value_json.checked_at | default(none, true) %}"
        + "{{ 'on' if t is not none and (now() - as_datetime(t)).total_seconds() > "
        + seconds
        + " else 'off' }}";
  }
}
