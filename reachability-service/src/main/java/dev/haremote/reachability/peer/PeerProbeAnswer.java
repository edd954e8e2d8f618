package dev.haremote.reachability.peer;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.haremote.reachability.service.FamilyStatus;
import java.time.Instant;

/**
 * A peer's outside view of one URL: the same diagnosis as at home, without hairpin and ddns facts.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PeerProbeAnswer(
    String url,
    Instant checkedAt,
    Boolean reachable,
    String verdict,
    String advice,
    FamilyStatus ipv4,
    FamilyStatus ipv6) {}
