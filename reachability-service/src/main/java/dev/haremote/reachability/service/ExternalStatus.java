package dev.haremote.reachability.service;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The outside view in the status JSON.
 *
 * @param state reachable, unreachable, disagree (no majority either way) or unknown
 * @param reachable true/false by majority of the configured peers, null otherwise
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ExternalStatus(String state, Boolean reachable, List<PeerStatus> peers) {}
