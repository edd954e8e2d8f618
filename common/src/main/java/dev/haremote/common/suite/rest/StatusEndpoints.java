package dev.haremote.common.suite.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.common.json.SerializedOnce;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The contract's status endpoints, once for the three services (#20): {@code GET status} from
 * memory, written as JSON once per round (never waits on a check, never blocks), and {@code POST
 * check}, a round started no earlier than the request. Writes are guarded by common's bearer-token
 * filter. A service's resource extends this with its status type and says where the status and the
 * rounds are; its class carries {@code @Path} (and, for the one-process assembly, the mounts
 * subclass it at a prefix). What annotations on this abstract class cannot say, each service's
 * {@code StatusSchemaFilter} adds to the document: the status type of both answers and the {@code
 * bearer} security scheme.
 *
 * @param <S> the service's status record
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class StatusEndpoints<S> {
  /**
   * The operations' tag: the name Quarkus gave them from the resource class before the mounts
   * (#20), when the resource class was each service's {@code StatusResource}.
   */
  private static final String TAG = "Status Resource";

  private final SerializedOnce statusJson;

  protected StatusEndpoints(ObjectMapper mapper) {
    this.statusJson = new SerializedOnce(mapper);
  }

  /** The latest status, from memory. */
  protected abstract S latest();

  /** A round that starts no earlier than now, shared by the requests that come while one runs. */
  protected abstract CompletionStage<S> requestRound();

  @GET
  @Path("/status")
  @Tag(name = TAG)
  @Operation(
      summary = "The latest results",
      description = "From memory: never waits on a check. Fields: docs/api.md.")
  @APIResponse(
      responseCode = "200",
      description = "the status of the last round (empty lists before the first)",
      content = @Content(mediaType = MediaType.APPLICATION_JSON))
  @APIResponse(
      responseCode = "401",
      description = "suite.protect-reads is on and the bearer token is missing or wrong",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ErrorBody.class)))
  @NonBlocking
  public byte[] status() {
    return statusJson.json(latest());
  }

  @POST
  @Path("/check")
  @Tag(name = TAG)
  @Operation(summary = "Runs every check now and answers the new status")
  @SecurityRequirement(name = "bearer")
  @APIResponse(
      responseCode = "200",
      description =
          "the status of a round started no earlier than the request (requests while one runs"
              + " share the next)",
      content = @Content(mediaType = MediaType.APPLICATION_JSON))
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
  public CompletionStage<S> check() {
    // Joins the round running or pending (one running, one pending at most): a flood of checks
    // runs two rounds and holds no thread per request.
    return requestRound();
  }
}
