package dev.haremote.reachability.rest;

import dev.haremote.common.ha.HaPackageRenderer;
import dev.haremote.common.ha.ReachabilityPackage;
import dev.haremote.common.suite.PublicUrl;
import dev.haremote.common.suite.SuiteConfig;
import dev.haremote.common.suite.rest.ErrorBody;
import dev.haremote.reachability.config.ReachabilityConfig;
import dev.haremote.reachability.service.ReachabilityService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/ha/package}: a package that works when dropped into {@code packages/}. */
// Mounted at its path by StandaloneMounts (own port) or the one-process assembly (prefix).
public class HaPackageResource {
  static final String SERVICE_NAME = "reachability-service";
  static final int DEFAULT_PORT = 8081;

  private final ReachabilityService service;
  private final ReachabilityConfig config;
  private final SuiteConfig suite;

  public HaPackageResource(
      ReachabilityService service, ReachabilityConfig config, SuiteConfig suite) {
    this.service = service;
    this.config = config;
    this.suite = suite;
  }

  @GET
  @Produces("text/yaml")
  // The name Quarkus gave it from the resource class before the mounts (#20).
  @Tag(name = "Ha Package Resource")
  @Operation(
      summary = "A Home Assistant package for this service",
      description = "YAML with rest: resources, sensors and binary_sensors; drop into packages/.")
  @APIResponse(
      responseCode = "200",
      description = "the package",
      content =
          @Content(
              mediaType = "text/yaml",
              schema =
                  @Schema(
                      type = SchemaType.OBJECT,
                      description = "a Home Assistant package: rest: [] when nothing is configured",
                      requiredProperties = "rest",
                      properties = @SchemaProperty(name = "rest", type = SchemaType.ARRAY))))
  @APIResponse(
      responseCode = "401",
      description = "suite.protect-reads is on and the bearer token is missing or wrong",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ErrorBody.class)))
  public String ha() {
    int scan = (int) Math.max(30, config.interval().toSeconds());
    return HaPackageRenderer.render(
        ReachabilityPackage.NAME,
        "Home Assistant remote access: reachability-service. Drop into packages/.",
        HaPackageBuilder.resources(
            PublicUrl.base(suite, SERVICE_NAME, DEFAULT_PORT),
            scan,
            suite.protectReads(),
            service.targets()));
  }
}
