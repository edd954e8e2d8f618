package dev.haremote.certwatch.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.certwatch.service.CertWatchService;
import dev.haremote.certwatch.service.CertWatchStatus;
import dev.haremote.common.suite.rest.StatusEndpoints;
import java.util.concurrent.CompletionStage;

/**
 * The contract's status endpoints (common's {@link StatusEndpoints}) for {@link CertWatchStatus}.
 */
// Mounted at its path by StandaloneMounts (own port) or the one-process assembly (prefix).
public class StatusResource extends StatusEndpoints<CertWatchStatus> {
  private final CertWatchService service;

  public StatusResource(CertWatchService service, ObjectMapper mapper) {
    super(mapper);
    this.service = service;
  }

  @Override
  protected CertWatchStatus latest() {
    return service.status();
  }

  @Override
  protected CompletionStage<CertWatchStatus> requestRound() {
    return service.requestRound();
  }
}
