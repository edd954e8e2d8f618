package dev.haremote.certwatch.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.certwatch.service.CertWatchService;
import dev.haremote.certwatch.service.CertWatchStatus;
import dev.haremote.common.suite.SuiteAssembly;
import dev.haremote.common.suite.rest.StatusEndpoints;
import io.quarkus.arc.properties.UnlessBuildProperty;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The contract's status endpoints (common's {@link StatusEndpoints}) for {@link CertWatchStatus}.
 */
// Served under a path prefix by the one-process assembly instead (one-process module).
@UnlessBuildProperty(
    name = SuiteAssembly.PROPERTY,
    stringValue = SuiteAssembly.ONE_PROCESS,
    enableIfMissing = true)
@Path("/api/v1")
// Names the status type for the OpenAPI document: StatusEndpoints' methods cannot (#20).
@APIResponse(
    responseCode = "200",
    description = "the service's status",
    content =
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CertWatchStatus.class)))
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
