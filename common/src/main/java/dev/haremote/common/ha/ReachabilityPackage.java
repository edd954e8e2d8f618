package dev.haremote.common.ha;

import dev.haremote.common.net.IpFamily;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The reachability-service package: overall reachable, verdict and advice; per target (by its
 * configured id) reachable, one connectivity sensor per family, verdict, advice and response time;
 * and the stall sensor. The verdict and advice sensors are what the notification blueprint and the
 * dashboard read.
 */
public final class ReachabilityPackage {
  /** The file name users save it under in {@code packages/} (without {@code .yaml}). */
  public static final String NAME = HaNames.packageName("reachability");

  /** The prefix of every entity name: {@code sensor.ha_remote_access_...}. */
  public static final String PREFIX = "HA remote access";

  /** One configured target. */
  public record Target(String id, List<IpFamily> families) {}

  private ReachabilityPackage() {}

  public static List<HaRestResource> resources(
      String statusUrl, int scanIntervalSeconds, String bearerSecretName, List<Target> targets) {
    if (targets.isEmpty()) {
      return List.of();
    }
    String s = HaJinja.STATUS;
    List<HaEntity> entities = new ArrayList<>();
    entities.add(
        HaEntity.binary(
            PREFIX + " reachable",
            "connectivity",
            s + HaJinja.onWhenTrue("s.get('reachable')"),
            s + HaJinja.has("s.get('reachable')")));
    entities.add(
        HaEntity.sensor(
            PREFIX + " verdict",
            s + HaJinja.text("s.get('verdict')", "unknown"),
            s + HaJinja.has("s.get('verdict')")));
    entities.add(
        HaEntity.sensor(
            PREFIX + " advice",
            s + HaJinja.text("s.get('advice')", "none"),
            s + HaJinja.has("s.get('verdict')")));
    for (Target target : targets) {
      String t = HaJinja.select("t", "targets", "id", target.id());
      String name = PREFIX + " " + target.id();
      entities.add(
          HaEntity.binary(
              name + " reachable",
              "connectivity",
              t + HaJinja.onWhenTrue("t.get('reachable')"),
              t + HaJinja.has("t.get('reachable')")));
      for (IpFamily family : target.families()) {
        String f = t + "{% set f = t.get('" + family.key() + "') or {} %}";
        entities.add(
            HaEntity.binary(
                name + " " + (family == IpFamily.IPV4 ? "IPv4" : "IPv6"),
                "connectivity",
                f + HaJinja.onWhenTrue("f.get('reachable')"),
                f + "{{ f is mapping and f.get('reachable') is not none }}"));
      }
      entities.add(
          HaEntity.sensor(
              name + " verdict",
              t + HaJinja.text("t.get('verdict')", "unknown"),
              t + HaJinja.has("t.get('verdict')")));
      entities.add(
          HaEntity.sensor(
              name + " advice",
              t + HaJinja.text("t.get('advice')", "none"),
              t + HaJinja.has("t.get('verdict')")));
      entities.add(HaEntity.duration(name + " response time", "s", t, "t.get('duration_seconds')"));
      // Home Assistant's own External / Internal URL against the way that works.
      String u = t + "{% set u = t.get('ha_urls') or {} %}";
      entities.add(
          HaEntity.sensor(
              name + " URL settings",
              u + "{{ u.get('problem') or ('ok' if u.get('checked') else 'not_checked') }}",
              u + "{{ u.get('checked') is not none }}"));
    }
    // The scan interval is the check interval: rounds older than three of them mean a stall.
    entities.add(
        ChecksStalledEntity.of(
            PREFIX + " checks stalled", Duration.ofSeconds(scanIntervalSeconds)));
    return List.of(new HaRestResource(statusUrl, scanIntervalSeconds, bearerSecretName, entities));
  }
}
