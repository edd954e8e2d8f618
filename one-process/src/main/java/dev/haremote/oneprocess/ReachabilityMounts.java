package dev.haremote.oneprocess;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.common.suite.SuiteConfig;
import dev.haremote.reachability.config.ReachabilityConfig;
import dev.haremote.reachability.peer.PeerProbeResource;
import dev.haremote.reachability.rest.HaBlueprintResource;
import dev.haremote.reachability.rest.HaPackageResource;
import dev.haremote.reachability.rest.StatusResource;
import dev.haremote.reachability.service.ReachabilityService;
import dev.haremote.reachability.service.ReachabilityStatus;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * reachability-service's API under {@code /reachability-service}: the service's own resources,
 * inherited method by method (same contract, same OpenAPI annotations), at a prefixed path.
 */
final class ReachabilityMounts {
  static final String PREFIX = "/reachability-service";

  private ReachabilityMounts() {}

  // Names the status type for the OpenAPI document: StatusEndpoints' methods cannot, and SmallRye
  // reads a class-level @APIResponse from the root resource class only (#20).
  @APIResponse(
      responseCode = "200",
      description = "the service's status",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ReachabilityStatus.class)))
  @Path(PREFIX + "/api/v1")
  public static class Status extends StatusResource {
    public Status(ReachabilityService service, ObjectMapper mapper) {
      super(service, mapper);
    }
  }

  @Path(PREFIX + "/api/v1/ha/package")
  public static class Package extends HaPackageResource {
    public Package(ReachabilityService service, ReachabilityConfig config, SuiteConfig suite) {
      super(service, config, suite);
    }
  }

  @Path(PREFIX + "/api/v1/ha/blueprint")
  public static class Blueprint extends HaBlueprintResource {}

  @Path(PREFIX + "/api/v1/peer/probe")
  public static class Peer extends PeerProbeResource {
    public Peer(ReachabilityConfig config, ReachabilityService service) {
      super(config, service);
    }
  }
}
