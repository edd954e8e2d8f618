package dev.haremote.reachability.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.common.suite.rest.StatusEndpoints;
import dev.haremote.reachability.service.ReachabilityService;
import dev.haremote.reachability.service.ReachabilityStatus;
import java.util.concurrent.CompletionStage;

/**
 * The contract's status endpoints (common's {@link StatusEndpoints}) for {@link
 * ReachabilityStatus}.
 */
// Mounted at its path by StandaloneMounts (own port) or the one-process assembly (prefix).
public class StatusResource extends StatusEndpoints<ReachabilityStatus> {
  private final ReachabilityService service;

  public StatusResource(ReachabilityService service, ObjectMapper mapper) {
    super(mapper);
    this.service = service;
  }

  @Override
  protected ReachabilityStatus latest() {
    return service.status();
  }

  @Override
  protected CompletionStage<ReachabilityStatus> requestRound() {
    return service.requestRound();
  }
}
