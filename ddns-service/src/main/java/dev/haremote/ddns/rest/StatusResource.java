package dev.haremote.ddns.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.common.json.SerializedOnce;
import dev.haremote.common.suite.SuiteAssembly;
import dev.haremote.common.suite.rest.ErrorBody;
import dev.haremote.ddns.service.DdnsService;
import dev.haremote.ddns.status.DdnsStatus;
import io.quarkus.arc.properties.UnlessBuildProperty;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** {@code GET /api/v1/status} from memory; {@code POST /api/v1/check} runs a round now. */
// Served under a path prefix by the one-process assembly instead (one-process module).
@UnlessBuildProperty(
    name = SuiteAssembly.PROPERTY,
    stringValue = SuiteAssembly.ONE_PROCESS,
    enableIfMissing = true)
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@SecurityScheme(
    securitySchemeName = "bearer",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description = "suite.api-token (env SUITE_API_TOKEN or suite.api-token-file)")
public class StatusResource {
  private final SerializedOnce statusJson;
  private final DdnsService service;

  public StatusResource(DdnsService service, ObjectMapper mapper) {
    this.statusJson = new SerializedOnce(mapper);
    this.service = service;
  }

  /** From memory, written as JSON once per round (never waits on a probe, never blocks). */
  @GET
  @Path("/status")
  @Operation(
      summary = "The latest results",
      description = "From memory: never waits on a check. Fields: docs/api.md.")
  @APIResponse(
      responseCode = "200",
      description = "the status of the last round (empty lists before the first)",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = DdnsStatus.class)))
  @APIResponse(
      responseCode = "401",
      description = "suite.protect-reads is on and the bearer token is missing or wrong",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ErrorBody.class)))
  @NonBlocking
  public byte[] status() {
    return statusJson.json(service.latest());
  }

  /** The bearer token is enforced by common's filter for every POST /api/**. */
  @POST
  @Path("/check")
  @Operation(summary = "Runs every check now and answers the new status")
  @SecurityRequirement(name = "bearer")
  @APIResponse(
      responseCode = "200",
      description =
          "the status of a round started no earlier than the request (requests while one runs"
              + " share the next)",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = DdnsStatus.class)))
  @APIResponse(
      responseCode = "401",
      description = "the bearer token is missing or wrong",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "403",
      description = "no API token is configured: writes are disabled",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ErrorBody.class)))
  public CompletionStage<DdnsStatus> check() {
    // Joins the round running or pending: a flood of checks runs two rounds, holds no thread.
    return service.requestRound();
  }
}
