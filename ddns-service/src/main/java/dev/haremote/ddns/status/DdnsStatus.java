package dev.haremote.ddns.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.haremote.ddns.discovery.SourceReading;
import java.time.Instant;
import java.util.List;

/**
 * The service's answer to {@code GET /api/v1/status}.
 *
 * @param checkedAt end of the last round; null before the first
 * @param inSync every record in sync; null when some are unknown and none is out of sync
 * @param sourcesAgree false when any family's sources disagree; null when nothing to compare
 * @param cgnat true when the router has no public IPv4 address (carrier-grade NAT); false when its
 *     WAN address is the public one; null when unknown (no UPnP answer, or no echo to compare)
 * @param doubleNat true when the router's WAN address is private (another NAT device in front);
 *     null when unknown
 * @param advice what to do, in one sentence a person reads (never null after the first round)
 * @param oddSources the sources whose address differs from the others
 * @param error a problem of the whole round (e.g. the state file), or null
 * @param clockSkewSeconds this host's clock minus a DNS server's, measured from the server's time
 *     in its TSIG BADTIME answer (positive: this clock is ahead); null when no server refused our
 *     time at the last attempt
 * @param clockProblem what is wrong with this host's clock and what to do, or null when nothing
 *     says it is off
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DdnsStatus(
    Instant checkedAt,
    Boolean inSync,
    String publicIpv4,
    String publicIpv6,
    Boolean sourcesAgree,
    Boolean cgnat,
    String cgnatAdvice,
    String routerWanAddress,
    List<String> oddSources,
    List<SourceReading> sources,
    List<RecordStatus> records,
    String error,
    Boolean doubleNat,
    String advice,
    Long clockSkewSeconds,
    String clockProblem) {

  public static DdnsStatus empty() {
    return new DdnsStatus(
        null, null, null, null, null, null, null, null, List.of(), List.of(), List.of(), null, null,
        null, null, null);
  }
}
