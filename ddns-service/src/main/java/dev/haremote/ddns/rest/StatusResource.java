package dev.haremote.ddns.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.common.suite.SuiteAssembly;
import dev.haremote.common.suite.rest.StatusEndpoints;
import dev.haremote.ddns.service.DdnsService;
import dev.haremote.ddns.status.DdnsStatus;
import io.quarkus.arc.properties.UnlessBuildProperty;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The contract's status endpoints (common's {@link StatusEndpoints}) for {@link DdnsStatus}. */
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
            schema = @Schema(implementation = DdnsStatus.class)))
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
