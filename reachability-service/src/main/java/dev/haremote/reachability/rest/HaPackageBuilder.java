package dev.haremote.reachability.rest;

import dev.haremote.common.ha.ChecksStalledEntity;
import dev.haremote.common.ha.HaEntity;
import dev.haremote.common.ha.HaPackageRenderer;
import dev.haremote.common.ha.HaRestResource;
import dev.haremote.common.net.IpFamily;
import dev.haremote.reachability.probe.TargetSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The entities of the Home Assistant package: per target a connectivity binary sensor, one per
 * family, the verdict with its advice as attribute, and the response time; plus the overall
 * reachable and verdict. unique_ids derive from the target ids only, so they stay stable; every
 * entity has a value_template.
 */
public final class HaPackageBuilder {
  static final String SECRET_NAME = HaPackageRenderer.AUTH_SECRET_NAME;

  private HaPackageBuilder() {}

  public static List<HaRestResource> resources(
      String baseUrl, int scanIntervalSeconds, boolean protectReads, List<TargetSpec> targets) {
    if (targets.isEmpty()) {
      return List.of();
    }
    List<HaEntity> entities = new ArrayList<>();
    entities.add(
        binary(
            "HA remote access",
            "reachability_reachable",
            "{{ 'on' if value_json.reachable == true else 'off' }}",
            "{{ value_json.reachable is not none }}"));
    entities.add(
        new HaEntity(
            "sensor",
            "HA remote access verdict",
            "reachability_verdict",
            "{{ value_json.verdict if value_json.verdict is not none else 'unknown' }}",
            null,
            null,
            null,
            null,
            List.of("advice", "checked_at"),
            null));
    for (int i = 0; i < targets.size(); i++) {
      TargetSpec t = targets.get(i);
      String at = "value_json.targets[" + i + "]";
      String id = t.id();
      entities.add(
          binary(
              "HA remote access " + id,
              "reachability_" + id + "_reachable",
              "{{ 'on' if " + at + ".reachable == true else 'off' }}",
              "{{ " + at + ".reachable is not none }}"));
      for (IpFamily f : t.families()) {
        String fam = at + "." + f.key();
        entities.add(
            binary(
                "HA remote access " + id + " " + (f == IpFamily.IPV4 ? "IPv4" : "IPv6"),
                "reachability_" + id + "_" + f.key(),
                "{{ 'on' if (" + fam + " and " + fam + ".reachable == true) else 'off' }}",
                "{{ " + fam + " is not none and " + fam + ".reachable is not none }}"));
      }
      entities.add(
          new HaEntity(
              "sensor",
              "HA remote access " + id + " verdict",
              "reachability_" + id + "_verdict",
              "{{ " + at + ".verdict if " + at + ".verdict is not none else 'unknown' }}",
              null,
              null,
              null,
              "$.targets[" + i + "]",
              List.of(
                  "advice",
                  "raw_verdict",
                  "verdict_family",
                  "hairpin",
                  "split_horizon",
                  "split_horizon_needed",
                  "plain_http_exposed",
                  "checked_at"),
              null));
      entities.add(
          new HaEntity(
              "sensor",
              "HA remote access " + id + " response time",
              "reachability_" + id + "_response_time",
              "{{ " + at + ".duration_seconds }}",
              "duration",
              "s",
              "measurement",
              null,
              null,
              "{{ " + at + ".duration_seconds is not none }}"));
    }
    // The scan interval is the check interval (never under 30 s): rounds older than three of them
    // mean the checks stalled.
    entities.add(
        ChecksStalledEntity.of(
            "HA remote access checks stalled",
            "reachability_checks_stalled",
            Duration.ofSeconds(scanIntervalSeconds)));
    return List.of(
        new HaRestResource(
            baseUrl + "/api/v1/status",
            scanIntervalSeconds,
            protectReads ? SECRET_NAME : null,
            entities));
  }

  private static HaEntity binary(String name, String uniqueId, String template, String available) {
    return new HaEntity(
        "binary_sensor",
        name,
        uniqueId,
        template,
        "connectivity",
        null,
        null,
        null,
        null,
        available);
  }
}
