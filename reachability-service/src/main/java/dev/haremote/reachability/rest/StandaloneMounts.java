package dev.haremote.reachability.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.common.suite.SuiteAssembly;
import dev.haremote.common.suite.SuiteConfig;
import dev.haremote.reachability.config.ReachabilityConfig;
import dev.haremote.reachability.peer.PeerProbeResource;
import dev.haremote.reachability.service.ReachabilityService;
import dev.haremote.reachability.service.ReachabilityStatus;
import io.quarkus.arc.properties.UnlessBuildProperty;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The service's API at the root of its own port: its resources, each at its contract path. The
 * one-process assembly mounts the same resources under {@code /reachability-service} instead
 * (one-process's {@code ReachabilityMounts}). The build condition sits here, not on the resources:
 * Quarkus hides a class it excludes at build time from the OpenAPI scanner, and with it every
 * method a subclass inherits from it (#20).
 */
final class StandaloneMounts {
  private StandaloneMounts() {}

  @UnlessBuildProperty(
      name = SuiteAssembly.PROPERTY,
      stringValue = SuiteAssembly.ONE_PROCESS,
      enableIfMissing = true)
  // Names the status type for the OpenAPI document: StatusEndpoints' methods cannot, and SmallRye
  // reads a class-level @APIResponse from the root resource class only (#20).
  @APIResponse(
      responseCode = "200",
      description = "the service's status",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ReachabilityStatus.class)))
  @Path("/api/v1")
  public static class Status extends StatusResource {
    public Status(ReachabilityService service, ObjectMapper mapper) {
      super(service, mapper);
    }
  }

  @UnlessBuildProperty(
      name = SuiteAssembly.PROPERTY,
      stringValue = SuiteAssembly.ONE_PROCESS,
      enableIfMissing = true)
  @Path("/api/v1/ha/package")
  public static class Package extends HaPackageResource {
    public Package(ReachabilityService service, ReachabilityConfig config, SuiteConfig suite) {
      super(service, config, suite);
    }
  }

  @UnlessBuildProperty(
      name = SuiteAssembly.PROPERTY,
      stringValue = SuiteAssembly.ONE_PROCESS,
      enableIfMissing = true)
  @Path("/api/v1/ha/blueprint")
  public static class Blueprint extends HaBlueprintResource {}

  @UnlessBuildProperty(
      name = SuiteAssembly.PROPERTY,
      stringValue = SuiteAssembly.ONE_PROCESS,
      enableIfMissing = true)
  @Path("/api/v1/peer/probe")
  public static class Peer extends PeerProbeResource {
    public Peer(ReachabilityConfig config, ReachabilityService service) {
      super(config, service);
    }
  }
}
