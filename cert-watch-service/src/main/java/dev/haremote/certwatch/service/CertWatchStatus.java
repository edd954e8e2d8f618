package dev.haremote.certwatch.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * The whole status as {@code GET /api/v1/status} answers it.
 *
 * @param ok no certificate has a problem (and the clock can be believed)
 * @param minDaysLeft the fewest days left over all certificates seen, or null
 * @param clockSane false when the system clock is before this service's build time
 * @param clockProblem what is wrong with the clock, or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CertWatchStatus(
    Instant checkedAt,
    boolean ok,
    Double minDaysLeft,
    List<CertificateStatus> certificates,
    boolean clockSane,
    String clockProblem) {}
