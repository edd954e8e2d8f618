package dev.haremote.reachability.service;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * The whole status JSON ({@code GET /api/v1/status}).
 *
 * @param checkedAt end of the last round; null before the first
 * @param reachable all targets reachable; null before the first round or with no targets
 * @param ddnsError why ddns-service facts are missing, or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReachabilityStatus(
    Instant checkedAt,
    Boolean reachable,
    String verdict,
    String advice,
    List<TargetStatus> targets,
    String ddnsError) {}
