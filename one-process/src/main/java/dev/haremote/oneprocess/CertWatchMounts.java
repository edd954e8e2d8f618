package dev.haremote.oneprocess;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.certwatch.config.CertWatchConfig;
import dev.haremote.certwatch.rest.HaPackageResource;
import dev.haremote.certwatch.rest.StatusResource;
import dev.haremote.certwatch.service.CertWatchService;
import dev.haremote.certwatch.service.CertWatchStatus;
import dev.haremote.common.suite.SuiteConfig;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** cert-watch-service's API under {@code /cert-watch-service} (see {@link ReachabilityMounts}). */
final class CertWatchMounts {
  static final String PREFIX = "/cert-watch-service";

  private CertWatchMounts() {}

  // Names the status type for the OpenAPI document: StatusEndpoints' methods cannot, and SmallRye
  // reads a class-level @APIResponse from the root resource class only (#20).
  @APIResponse(
      responseCode = "200",
      description = "the service's status",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = CertWatchStatus.class)))
  @Path(PREFIX + "/api/v1")
  public static class Status extends StatusResource {
    public Status(CertWatchService service, ObjectMapper mapper) {
      super(service, mapper);
    }
  }

  @Path(PREFIX + "/api/v1/ha/package")
  public static class Package extends HaPackageResource {
    public Package(CertWatchConfig config, SuiteConfig suite) {
      super(config, suite);
    }
  }
}
