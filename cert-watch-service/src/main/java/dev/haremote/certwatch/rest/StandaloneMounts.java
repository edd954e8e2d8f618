package dev.haremote.certwatch.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.certwatch.config.CertWatchConfig;
import dev.haremote.certwatch.service.CertWatchService;
import dev.haremote.certwatch.service.CertWatchStatus;
import dev.haremote.common.suite.SuiteAssembly;
import dev.haremote.common.suite.SuiteConfig;
import io.quarkus.arc.properties.UnlessBuildProperty;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The service's API at the root of its own port: its resources, each at its contract path. The
 * one-process assembly mounts the same resources under {@code /cert-watch-service} instead
 * (one-process's {@code CertWatchMounts}). The build condition sits here, not on the resources:
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
              schema = @Schema(implementation = CertWatchStatus.class)))
  @Path("/api/v1")
  public static class Status extends StatusResource {
    public Status(CertWatchService service, ObjectMapper mapper) {
      super(service, mapper);
    }
  }

  @UnlessBuildProperty(
      name = SuiteAssembly.PROPERTY,
      stringValue = SuiteAssembly.ONE_PROCESS,
      enableIfMissing = true)
  @Path("/api/v1/ha/package")
  public static class Package extends HaPackageResource {
    public Package(CertWatchConfig config, SuiteConfig suite) {
      super(config, suite);
    }
  }
}
