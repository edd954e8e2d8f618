package dev.haremote.certwatch.rest;

import dev.haremote.certwatch.check.Observation;
import dev.haremote.certwatch.check.SourceKind;
import dev.haremote.certwatch.config.CertWatchConfig;
import dev.haremote.common.ha.ChecksStalledEntity;
import dev.haremote.common.ha.HaEntity;
import dev.haremote.common.ha.HaPackageRenderer;
import dev.haremote.common.ha.HaRestResource;
import dev.haremote.common.net.IpFamily;
import dev.haremote.common.suite.PublicUrl;
import dev.haremote.common.suite.SuiteConfig;
import dev.haremote.common.suite.rest.ErrorBody;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * A Home Assistant package for every configured certificate: days left (duration, d), expiry
 * (timestamp), one problem binary sensor, and a problem-reason sensor carrying the advice as
 * attributes (HA's rest binary_sensor takes none). All from one {@code rest:} resource polling the
 * status.
 */
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
        "Certificates watched by cert-watch-service: drop into packages/ as is.", resources());
  }

  List<HaRestResource> resources() {
    List<HaEntity> entities = new ArrayList<>();
    for (CertWatchConfig.Endpoint endpoint : config.endpoints().orElse(List.of())) {
      for (IpFamily family : endpoint.families()) {
        String key = Observation.key(SourceKind.ENDPOINT, endpoint.id(), family);
        entities.addAll(entities(key, "Certificate " + endpoint.id() + " (" + family.key() + ")"));
      }
    }
    for (CertWatchConfig.CertificateFile file : config.files().orElse(List.of())) {
      String key = Observation.key(SourceKind.FILE, file.id(), null);
      entities.addAll(entities(key, "Certificate file " + file.id()));
    }
    if (entities.isEmpty()) {
      return List.of();
    }
    entities.add(
        ChecksStalledEntity.of(
            "cert-watch-service checks stalled", "certwatch_checks_stalled", config.interval()));
    String url = PublicUrl.base(suite, SERVICE_NAME, DEFAULT_PORT) + "/api/v1/status";
    int scan = (int) Math.max(30, Math.min(300, config.interval().toSeconds()));
    return List.of(
        new HaRestResource(
            url, scan, HaPackageRenderer.bearerSecretName(suite.protectReads()), entities));
  }

  static List<HaEntity> entities(String key, String name) {
    String uid = "certwatch_" + key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    String select = "value_json.certificates | selectattr('key', 'eq', '" + key + "') | list";
    String path = "$.certificates[?(@.key == '" + key + "')]";
    // Numeric and timestamp sensors must never get a non-value as state: availability says when.
    String hasDays =
        "{% set c = " + select + " %}{{ (c | count > 0) and c[0].days_left is not none }}";
    String hasExpiry =
        "{% set c = " + select + " %}{{ (c | count > 0) and c[0].not_after is not none }}";
    return List.of(
        new HaEntity(
            "sensor",
            name + " days left",
            uid + "_days_left",
            "{% set c = " + select + " %}{{ c[0].days_left if c | count > 0 else 0 }}",
            "duration",
            "d",
            "measurement",
            null,
            null,
            hasDays),
        new HaEntity(
            "sensor",
            name + " expiry",
            uid + "_expiry",
            "{% set c = " + select + " %}{{ c[0].not_after if c | count > 0 else '' }}",
            "timestamp",
            null,
            null,
            null,
            null,
            hasExpiry),
        new HaEntity(
            "binary_sensor",
            name + " problem",
            uid + "_problem",
            // Missing from the status (not checked yet, or removed) counts as a problem.
            "{% set c = " + select + " %}{{ c[0].problem if c | count > 0 else true }}",
            "problem",
            null,
            null,
            null,
            null,
            null),
        // HA's rest binary_sensor takes no attributes, so the why lives on this sensor: its state
        // is the reason code (none when all is well), its attributes the advice and the details.
        new HaEntity(
            "sensor",
            name + " problem reason",
            uid + "_problem_reason",
            "{% set c = "
                + select
                + " %}{{ (c[0].problem_reason or 'none') if c | count > 0 else 'not_checked' }}",
            null,
            null,
            null,
            path,
            List.of(
                "advice",
                "error",
                "days_left",
                "not_after",
                "renewal_due_at",
                "renewal_overdue",
                "served_matches_file",
                "key_matches",
                "sans",
                "checked_at"),
            null));
  }
}
