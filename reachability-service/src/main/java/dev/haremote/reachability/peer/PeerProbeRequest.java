package dev.haremote.reachability.peer;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * What a caller asks a peer: probe this URL from outside, on these families.
 *
 * @param families default [ipv4]
 * @param timeoutMs how long the caller waits, in milliseconds: the probe ends within it (and within
 *     this peer's own {@code reachability.timeout}); absent = the peer's own timeout
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PeerProbeRequest(String url, List<String> families, Long timeoutMs) {}
