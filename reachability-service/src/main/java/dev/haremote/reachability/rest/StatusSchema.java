package dev.haremote.reachability.rest;

import dev.haremote.common.suite.openapi.StatusSchemaFilter;
import dev.haremote.common.suite.rest.HaPackageEndpoints;
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

  @Override
  protected String packageMediaType() {
    return HaPackageEndpoints.TEXT_YAML;
  }
}
