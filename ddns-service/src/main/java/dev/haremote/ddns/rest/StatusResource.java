package dev.haremote.ddns.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.common.suite.rest.StatusEndpoints;
import dev.haremote.ddns.service.DdnsService;
import dev.haremote.ddns.status.DdnsStatus;
import java.util.concurrent.CompletionStage;

/** The contract's status endpoints (common's {@link StatusEndpoints}) for {@link DdnsStatus}. */
// Mounted at its path by StandaloneMounts (own port) or the one-process assembly (prefix).
public class StatusResource extends StatusEndpoints<DdnsStatus> {
  private final DdnsService service;

  public StatusResource(DdnsService service, ObjectMapper mapper) {
    super(mapper);
    this.service = service;
  }

  @Override
  protected DdnsStatus latest() {
    return service.latest();
  }

  @Override
  protected CompletionStage<DdnsStatus> requestRound() {
    return service.requestRound();
  }
}
