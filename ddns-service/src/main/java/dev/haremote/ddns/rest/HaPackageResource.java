package dev.haremote.ddns.rest;

import dev.haremote.common.ha.ChecksStalledEntity;
import dev.haremote.common.ha.HaEntity;
import dev.haremote.common.ha.HaPackageRenderer;
import dev.haremote.common.ha.HaRestResource;
import dev.haremote.common.net.IpFamily;
import dev.haremote.common.suite.PublicUrl;
import dev.haremote.common.suite.SuiteConfig;
import dev.haremote.common.suite.rest.ErrorBody;
import dev.haremote.ddns.config.DdnsConfig;
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
 * {@code GET /api/v1/ha/package}: a Home Assistant package reading {@code /api/v1/status}. Records
 * are addressed by their position, which follows the configuration (records, then families), as the
 * status does; unique ids come from the names, so they stay stable.
 */
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
    List<HaEntity> entities = new ArrayList<>();
    if (!config.discovery().sources().isEmpty() || !config.records().isEmpty()) {
      entities.addAll(publicAddressEntities());
    }
    int i = 0;
    for (DdnsConfig.Record r : config.records()) {
      for (IpFamily f : r.families().stream().map(IpFamily::parse).distinct().toList()) {
        entities.addAll(recordEntities(i++, r.name().trim(), f));
      }
    }
    List<HaRestResource> resources = new ArrayList<>();
    if (!entities.isEmpty()) {
      entities.add(
          ChecksStalledEntity.of(
              "ddns-service checks stalled", "ddns_checks_stalled", config.interval()));
      String url = PublicUrl.base(suite, SERVICE_NAME, DEFAULT_PORT) + "/api/v1/status";
      int scan = (int) Math.max(30, config.interval().toSeconds());
      resources.add(
          new HaRestResource(
              url, scan, HaPackageRenderer.bearerSecretName(suite.protectReads()), entities));
    }
    return HaPackageRenderer.render(
        "ha-remote-access ddns-service: public address, what the names say, drift and repairs."
            + " Drop into packages/ unchanged.",
        resources);
  }

  private static List<HaEntity> publicAddressEntities() {
    List<HaEntity> out = new ArrayList<>();
    for (IpFamily f : IpFamily.values()) {
      String field = "public_" + f.key();
      out.add(
          new HaEntity(
              "sensor",
              "DDNS public " + (f == IpFamily.IPV4 ? "IPv4" : "IPv6"),
              "ddns_public_" + f.key(),
              "{{ value_json." + field + " | default('unknown', true) }}",
              null,
              null,
              null,
              null,
              List.of("sources_agree", "odd_sources", "checked_at"),
              null));
    }
    out.add(
        new HaEntity(
            "binary_sensor",
            "DDNS CG-NAT",
            "ddns_cgnat",
            "{{ 'on' if value_json.cgnat else 'off' }}",
            "problem",
            null,
            null,
            null,
            List.of("cgnat_advice", "router_wan_address", "double_nat", "advice"),
            "{{ value_json.cgnat is not none }}"));
    return out;
  }

  private static List<HaEntity> recordEntities(int index, String name, IpFamily family) {
    String r = "value_json.records[" + index + "]";
    String path = "$.records[" + index + "]";
    String id = "ddns_" + slug(name) + "_" + family.key();
    String label = "DDNS " + name + " " + (family == IpFamily.IPV4 ? "IPv4" : "IPv6");
    return List.of(
        new HaEntity(
            "binary_sensor",
            label + " drift",
            id + "_drift",
            "{{ 'on' if " + r + ".in_sync == false else 'off' }}",
            "problem",
            null,
            null,
            path,
            List.of(
                "expected",
                "published",
                "drift_since",
                "ttl",
                "propagated",
                "caches_expire_at",
                "updates_stopped",
                "advice",
                "error"),
            "{{ " + r + " is defined and " + r + ".in_sync is not none }}"),
        new HaEntity(
            "sensor",
            label + " published",
            id + "_published",
            "{{ " + r + ".published | default('unknown', true) }}",
            null,
            null,
            null,
            null,
            null,
            null),
        new HaEntity(
            "sensor",
            label + " drift since",
            id + "_drift_since",
            "{{ " + r + ".drift_since }}",
            "timestamp",
            null,
            null,
            null,
            null,
            "{{ " + r + " is defined and " + r + ".drift_since is not none }}"),
        new HaEntity(
            "sensor",
            label + " last update",
            id + "_last_update",
            "{{ " + r + ".last_update.at }}",
            "timestamp",
            null,
            null,
            null,
            null,
            "{{ " + r + " is defined and " + r + ".last_update is not none }}"),
        new HaEntity(
            "sensor",
            label + " last update result",
            id + "_last_update_result",
            "{{ " + r + ".last_update.result if " + r + ".last_update else 'none' }}",
            null,
            null,
            null,
            path + ".last_update",
            List.of("at", "address", "detail"),
            null));
  }

  static String slug(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
  }
}
