package dev.haremote.common.ha;

import dev.haremote.common.net.IpFamily;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The ddns-service package: the home's public addresses and CG-NAT; per record and family (picked
 * by {@code name} and {@code family}, never by position) drift, published address, drift since,
 * last update and its result, advice; and the stall sensor. Watch-only records (no update ever
 * sent) have an unavailable last update, without a log line.
 */
public final class DdnsPackage {
  public static final String NAME = HaNames.packageName("ddns");

  /** One configured record name and family. */
  public record Record(String name, IpFamily family) {}

  private DdnsPackage() {}

  public static List<HaRestResource> resources(
      String statusUrl,
      int scanIntervalSeconds,
      String bearerSecretName,
      boolean publicAddress,
      List<Record> records,
      Duration checkInterval) {
    List<HaEntity> entities = new ArrayList<>();
    String s = HaJinja.STATUS;
    String round = s + HaJinja.has("s.get('checked_at')");
    if (publicAddress || !records.isEmpty()) {
      for (IpFamily f : IpFamily.values()) {
        entities.add(
            HaEntity.sensor(
                "DDNS public " + label(f),
                s + HaJinja.text("s.get('public_" + f.key() + "')", "unknown"),
                round));
      }
      entities.add(
          HaEntity.binary(
              "DDNS CGNAT",
              "problem",
              s + HaJinja.onWhenTrue("s.get('cgnat')"),
              s + HaJinja.has("s.get('cgnat')")));
    }
    for (Record record : records) {
      String r =
          HaJinja.select("r", "records", "name", record.name(), "family", record.family().key());
      String u =
          r + "{% set u = r.get('last_update') or {} %}{% set u = u if u is mapping else {} %}";
      String name = "DDNS " + record.name() + " " + label(record.family());
      String known = r + HaJinja.has("r.get('name')");
      entities.add(
          HaEntity.binary(
              name + " drift",
              "problem",
              r + "{{ 'on' if r.get('in_sync') == false else 'off' }}",
              r + HaJinja.has("r.get('in_sync')")));
      entities.add(
          HaEntity.sensor(
              name + " published", r + HaJinja.text("r.get('published')", "unknown"), known));
      entities.add(HaEntity.timestamp(name + " drift since", r, "r.get('drift_since')"));
      entities.add(HaEntity.timestamp(name + " last update", u, "u.get('at')"));
      entities.add(
          HaEntity.sensor(
              name + " last update result", u + HaJinja.text("u.get('result')", "none"), known));
      entities.add(
          HaEntity.sensor(name + " advice", r + HaJinja.text("r.get('advice')", "none"), known));
    }
    if (entities.isEmpty()) {
      return List.of();
    }
    entities.add(ChecksStalledEntity.of("DDNS checks stalled", checkInterval));
    return List.of(new HaRestResource(statusUrl, scanIntervalSeconds, bearerSecretName, entities));
  }

  static String label(IpFamily family) {
    return family == IpFamily.IPV4 ? "IPv4" : "IPv6";
  }
}
