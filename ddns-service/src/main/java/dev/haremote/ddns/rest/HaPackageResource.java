package dev.haremote.ddns.rest;

import dev.haremote.common.ha.DdnsPackage;
import dev.haremote.common.ha.HaPackageRenderer;
import dev.haremote.common.net.IpFamily;
import dev.haremote.common.suite.PublicUrl;
import dev.haremote.common.suite.SuiteAssembly;
import dev.haremote.common.suite.SuiteConfig;
import dev.haremote.common.suite.rest.ErrorBody;
import dev.haremote.ddns.config.DdnsConfig;
import io.quarkus.arc.properties.UnlessBuildProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code GET /api/v1/ha/package}: a Home Assistant package reading {@code /api/v1/status} ({@link
 * DdnsPackage}). Records are picked from the status by name and family, not by position.
 */
// Served under a path prefix by the one-process assembly instead (one-process module).
@UnlessBuildProperty(
    name = SuiteAssembly.PROPERTY,
    stringValue = SuiteAssembly.ONE_PROCESS,
    enableIfMissing = true)
@Path("/api/v1/ha/package")
public class HaPackageResource {
  static final String SERVICE_NAME = "ddns-service";
  static final int DEFAULT_PORT = 8083;

  private final DdnsConfig config;
  private final SuiteConfig suite;

  public HaPackageResource(DdnsConfig config, SuiteConfig suite) {
    this.config = config;
    this.suite = suite;
  }

  @GET
  @Produces("application/yaml")
  @Operation(
      summary = "A Home Assistant package for this service",
      description = "YAML with rest: resources, sensors and binary_sensors; drop into packages/.")
  @APIResponse(
      responseCode = "200",
      description = "the package",
      content =
          @Content(
              mediaType = "application/yaml",
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
  public String haPackage() {
    List<DdnsPackage.Record> records = new ArrayList<>();
    for (DdnsConfig.Record r : config.records()) {
      for (IpFamily f : r.families().stream().map(IpFamily::parse).distinct().toList()) {
        records.add(new DdnsPackage.Record(r.name(), f));
      }
    }
    String url = PublicUrl.base(suite, SERVICE_NAME, DEFAULT_PORT) + "/api/v1/status";
    int scan = (int) Math.max(30, config.interval().toSeconds());
    return HaPackageRenderer.render(
        DdnsPackage.NAME,
        "ha-remote-access ddns-service: public address, what the names say, drift and repairs."
            + " Drop into packages/ unchanged.",
        DdnsPackage.resources(
            url,
            scan,
            HaPackageRenderer.bearerSecretName(suite.protectReads()),
            !config.discovery().sources().isEmpty(),
            records,
            config.interval()));
  }
}
