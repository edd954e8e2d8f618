package dev.haremote.reachability.outside;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Map;

/**
 * The public-probe outside view of one target in the status JSON ({@code external.outside_view}).
 *
 * @param source {@code globalping}
 * @param api the API the measurement requests go to
 * @param sent the only thing that leaves the home: the URL the probes fetch
 * @param measuredAt when the answers shown were measured, null before the first
 * @param nextMeasurementAt the earliest next measurement (interval, or a rate-limit back-off)
 * @param error why the last attempt gave no answer, or null
 * @param families per IP family: state, probes and what they saw
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OutsideViewStatus(
    String source,
    String api,
    String sent,
    Instant measuredAt,
    Instant nextMeasurementAt,
    String error,
    Map<String, Family> families) {

  /**
   * One family.
   *
   * @param state reachable, unreachable, disagree (probes answered both ways without agreement) or
   *     unknown
   * @param failed probes that did not reach Home Assistant, by verdict code
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Family(
      String state,
      Boolean reachable,
      String verdict,
      int probes,
      int reachedHomeAssistant,
      Map<String, Integer> failed,
      String detail) {}
}
