package dev.haremote.common.ha;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The cert-watch-service package: per certificate (endpoint and family, or file; picked by its
 * status {@code key}, never by position) days left, expiry, problem, problem reason and advice; and
 * the stall sensor.
 */
public final class CertWatchPackage {
  public static final String NAME = HaNames.packageName("certwatch");

  /**
   * One watched certificate.
   *
   * @param key the status' {@code certificates[].key}, e.g. {@code endpoint-home-ipv4}
   * @param label how it is named, e.g. {@code Certificate home IPv4}
   */
  public record Certificate(String key, String label) {}

  private CertWatchPackage() {}

  public static List<HaRestResource> resources(
      String statusUrl,
      int scanIntervalSeconds,
      String bearerSecretName,
      List<Certificate> certificates,
      Duration checkInterval) {
    if (certificates.isEmpty()) {
      return List.of();
    }
    List<HaEntity> entities = new ArrayList<>();
    for (Certificate certificate : certificates) {
      entities.addAll(entities(certificate));
    }
    entities.add(ChecksStalledEntity.of("Certificate checks stalled", checkInterval));
    return List.of(new HaRestResource(statusUrl, scanIntervalSeconds, bearerSecretName, entities));
  }

  static List<HaEntity> entities(Certificate certificate) {
    String c = HaJinja.select("c", "certificates", "key", certificate.key());
    String name = certificate.label();
    // A certificate the status does not hold yet (not checked, just added) is unavailable, not a
    // false alarm.
    String judged = c + HaJinja.has("c.get('problem')");
    return List.of(
        HaEntity.duration(name + " days left", "d", c, "c.get('days_left')"),
        HaEntity.timestamp(name + " expiry", c, "c.get('not_after')"),
        HaEntity.binary(
            name + " problem", "problem", c + HaJinja.onWhenTrue("c.get('problem')"), judged),
        HaEntity.sensor(
            name + " problem reason", c + HaJinja.text("c.get('problem_reason')", "none"), judged),
        HaEntity.sensor(name + " advice", c + HaJinja.text("c.get('advice')", "none"), judged));
  }
}
