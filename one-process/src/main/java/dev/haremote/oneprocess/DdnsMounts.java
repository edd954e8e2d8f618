package dev.haremote.oneprocess;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.common.suite.SuiteConfig;
import dev.haremote.ddns.config.DdnsConfig;
import dev.haremote.ddns.rest.HaPackageResource;
import dev.haremote.ddns.rest.StatusResource;
import dev.haremote.ddns.service.DdnsService;
import dev.haremote.ddns.status.DdnsStatus;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** ddns-service's API under {@code /ddns-service} (see {@link ReachabilityMounts}). */
final class DdnsMounts {
  static final String PREFIX = "/ddns-service";

  private DdnsMounts() {}

  // Names the status type for the OpenAPI document: StatusEndpoints' methods cannot, and SmallRye
  // reads a class-level @APIResponse from the root resource class only (#20).
  @APIResponse(
      responseCode = "200",
      description = "the service's status",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = DdnsStatus.class)))
  @Path(PREFIX + "/api/v1")
  public static class Status extends StatusResource {
    public Status(DdnsService service, ObjectMapper mapper) {
      super(service, mapper);
    }
  }

  @Path(PREFIX + "/api/v1/ha/package")
  public static class Package extends HaPackageResource {
    public Package(DdnsConfig config, SuiteConfig suite) {
      super(config, suite);
    }
  }
}
