package dev.haremote.reachability.rest;

import dev.haremote.common.suite.openapi.StatusSchemaFilter;
import dev.haremote.reachability.peer.PeerProbeAnswer;
import dev.haremote.reachability.service.ReachabilityStatus;

/**
 * The OpenAPI schemas of {@link ReachabilityStatus} as the JSON is written (mp.openapi.filter; see
 * {@link StatusSchemaFilter}).
 */
public class StatusSchema extends StatusSchemaFilter {
  public StatusSchema() {
    super(ReachabilityStatus.class, PeerProbeAnswer.class);
  }
}
