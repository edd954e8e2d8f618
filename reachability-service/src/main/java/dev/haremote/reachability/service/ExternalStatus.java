package dev.haremote.reachability.service;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.haremote.reachability.outside.OutsideViewStatus;
import java.util.List;
import java.util.Map;

/**
 * The outside view in the status JSON.
 *
 * @param state reachable, unreachable, disagree (no majority either way) or unknown
 * @param reachable true/false by majority of the configured peers, null otherwise
 * @param families the same decided per IP family ({@code ipv4}, {@code ipv6}: reachable,
 *     unreachable, disagree or unknown): the outside over one family says nothing about the other
 * @param outsideView the public probes' view (Globalping) when enabled, else null; it also votes as
 *     the peer named {@code globalping}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ExternalStatus(
    String state,
    Boolean reachable,
    List<PeerStatus> peers,
    Map<String, String> families,
    OutsideViewStatus outsideView) {

  public ExternalStatus(
      String state, Boolean reachable, List<PeerStatus> peers, Map<String, String> families) {
    this(state, reachable, peers, families, null);
  }
}
