package dev.haremote.certwatch.rest;

import dev.haremote.certwatch.check.Observation;
import dev.haremote.certwatch.check.SourceKind;
import dev.haremote.certwatch.config.CertWatchConfig;
import dev.haremote.common.ha.CertWatchPackage;
import dev.haremote.common.ha.HaPackageRenderer;
import dev.haremote.common.ha.HaRestResource;
import dev.haremote.common.net.IpFamily;
import dev.haremote.common.suite.PublicUrl;
import dev.haremote.common.suite.SuiteAssembly;
import dev.haremote.common.suite.SuiteConfig;
import dev.haremote.common.suite.rest.ErrorBody;
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
 * A Home Assistant package for every configured certificate ({@link CertWatchPackage}): each
 * certificate is picked from the status by its key (source, id, family), not by position.
 */
// Served under a path prefix by the one-process assembly instead (one-process module).
@UnlessBuildProperty(
    name = SuiteAssembly.PROPERTY,
    stringValue = SuiteAssembly.ONE_PROCESS,
    enableIfMissing = true)
@Path("/api/v1/ha/package")
public class HaPackageResource {
  static final String SERVICE_NAME = "cert-watch-service";
  static final int DEFAULT_PORT = 8082;

  private final CertWatchConfig config;
  private final SuiteConfig suite;

  public HaPackageResource(CertWatchConfig config, SuiteConfig suite) {
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
    return HaPackageRenderer.render(
        CertWatchPackage.NAME,
        "Certificates watched by cert-watch-service: drop into packages/ as is.",
        resources());
  }

  List<HaRestResource> resources() {
    List<CertWatchPackage.Certificate> certificates = new ArrayList<>();
    for (CertWatchConfig.Endpoint endpoint : config.endpoints().orElse(List.of())) {
      for (IpFamily family : endpoint.families()) {
        certificates.add(
            new CertWatchPackage.Certificate(
                Observation.key(SourceKind.ENDPOINT, endpoint.id(), family),
                "Certificate "
                    + endpoint.id()
                    + " "
                    + (family == IpFamily.IPV4 ? "IPv4" : "IPv6")));
      }
    }
    for (CertWatchConfig.CertificateFile file : config.files().orElse(List.of())) {
      certificates.add(
          new CertWatchPackage.Certificate(
              Observation.key(SourceKind.FILE, file.id(), null), "Certificate file " + file.id()));
    }
    String url = PublicUrl.base(suite, SERVICE_NAME, DEFAULT_PORT) + "/api/v1/status";
    int scan = (int) Math.max(30, Math.min(300, config.interval().toSeconds()));
    return CertWatchPackage.resources(
        url,
        scan,
        HaPackageRenderer.bearerSecretName(suite.protectReads()),
        certificates,
        config.interval());
  }
}
