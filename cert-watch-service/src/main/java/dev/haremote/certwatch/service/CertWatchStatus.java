package dev.haremote.certwatch.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.haremote.certwatch.clock.ClockReading;
import java.time.Instant;
import java.util.List;

/**
 * The whole status as {@code GET /api/v1/status} answers it.
 *
 * @param ok no certificate has a problem (and the clock can be believed)
 * @param minDaysLeft the fewest days left over all certificates seen, or null
 * @param clockSane false when the system clock is known to be wrong
 * @param clockProblem what is wrong with the clock, or null
 * @param clockReason why the clock is known to be wrong ({@code before_build_time}, {@code
 *     differs_from_reference}), or null
 * @param clockSkewSeconds system clock minus the reference's time, when a reference answered
 * @param trustedTime the time certificates were judged at (null: no time verdicts were made)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CertWatchStatus(
    Instant checkedAt,
    boolean ok,
    Double minDaysLeft,
    List<CertificateStatus> certificates,
    boolean clockSane,
    String clockProblem,
    String clockReason,
    Long clockSkewSeconds,
    Instant trustedTime) {

  static CertWatchStatus of(
      Instant checkedAt,
      boolean ok,
      Double minDaysLeft,
      List<CertificateStatus> certificates,
      ClockReading clock) {
    return new CertWatchStatus(
        checkedAt,
        ok,
        minDaysLeft,
        certificates,
        clock.sane(),
        clock.problem(),
        clock.reason(),
        clock.skewSeconds(),
        clock.trusted());
  }
}
