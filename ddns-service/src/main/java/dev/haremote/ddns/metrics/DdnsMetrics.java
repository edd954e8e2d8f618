package dev.haremote.ddns.metrics;

import dev.haremote.common.net.IpFamily;
import dev.haremote.ddns.service.WatchedRecord;
import dev.haremote.ddns.status.DdnsStatus;
import dev.haremote.ddns.status.RecordStatus;
import dev.haremote.ddns.update.UpdateResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code ddns_*} meters. Every series exists from start-up, so dashboards and alerts see them
 * before the first round: 0, or NaN for the yes/no series whose answer is not known yet (unknown is
 * never shown as "no"); labels hold only configured names, families, providers and fixed result
 * keys (never an address or free text).
 */
public class DdnsMetrics {

  private final MeterRegistry registry;
  private final Map<String, Double> values = new ConcurrentHashMap<>();
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final AtomicReference<DdnsStatus> last = new AtomicReference<>(DdnsStatus.empty());

  public DdnsMetrics(MeterRegistry registry, List<WatchedRecord> records) {
    this.registry = registry;
    for (IpFamily f : IpFamily.values()) {
      gauge(
          "ddns_source_agreement",
          "1 when the discovery sources of the family agree on an"
              + " address that meets the quorum, else 0",
          "src/" + f.key(),
          "family",
          f.key());
      counter(
          "ddns_public_address_changes_total",
          "Times the agreed public address of the family changed",
          "family",
          f.key());
      gauge(
          "ddns_public_address_known",
          "1 when an agreed public address of the family is known",
          "known/" + f.key(),
          "family",
          f.key());
    }
    yesNoGauge(
        "ddns_cgnat",
        "1 when the router has no public IPv4 address (CG-NAT), 0 when it has, NaN when unknown",
        "cgnat");
    yesNoGauge(
        "ddns_double_nat",
        "1 when the router's WAN address is private (another NAT in front), 0 when not, NaN when"
            + " unknown",
        "doublenat");
    gauge(
        "ddns_last_check_timestamp_seconds", "End of the last completed round (Unix time)", "last");
    for (WatchedRecord r : records) {
      for (IpFamily f : r.families()) {
        String k = r.name() + "/" + f.key();
        yesNoGauge(
            "ddns_record_in_sync",
            "1 when the authoritative servers publish the agreed public"
                + " address, 0 when they publish another, NaN when unknown",
            "sync/" + k,
            "name",
            r.name(),
            "family",
            f.key());
        gauge(
            "ddns_drift_since_timestamp_seconds",
            "Start of the current drift (Unix time), 0" + " when not drifting",
            "drift/" + k,
            "name",
            r.name(),
            "family",
            f.key());
        yesNoGauge(
            "ddns_record_propagated",
            "1 when every public resolver answers the home's public address (in sync and"
                + " propagated), 0 when not, NaN when unknown",
            "prop/" + k,
            "name",
            r.name(),
            "family",
            f.key());
        gauge(
            "ddns_record_ttl_seconds",
            "TTL of the published record at the authoritative" + " servers",
            "ttl/" + k,
            "name",
            r.name(),
            "family",
            f.key());
      }
      gauge(
          "ddns_updates_stopped",
          "1 when updates stopped on a fatal provider answer, until the secret file (read again"
              + " when it changes) or the configuration changes",
          "stopped/" + r.name(),
          "name",
          r.name());
      for (UpdateResult result : UpdateResult.values()) {
        counter(
            "ddns_updates_total",
            "Update attempts by outcome (every result key from start-up, 0 until it happens)",
            "name",
            r.name(),
            "provider",
            r.providerKey(),
            "result",
            result.key());
      }
    }
  }

  private void gauge(String name, String help, String key, String... tags) {
    gauge(0.0, name, help, key, tags);
  }

  /** A yes/no series: unknown (NaN) until a round knows it. */
  private void yesNoGauge(String name, String help, String key, String... tags) {
    gauge(Double.NaN, name, help, key, tags);
  }

  private void gauge(double initial, String name, String help, String key, String... tags) {
    values.put(key, initial);
    Gauge.builder(name, values, m -> m.getOrDefault(key, 0.0))
        .description(help)
        .tags(tags)
        .register(registry);
  }

  private void counter(String name, String help, String... tags) {
    counters.put(
        name + String.join("/", tags),
        Counter.builder(name).description(help).tags(tags).register(registry));
  }

  public void publicAddressChanged(IpFamily family) {
    counters.get("ddns_public_address_changes_total" + "family/" + family.key()).increment();
  }

  public void updated(String name, String provider, UpdateResult result) {
    Counter c =
        counters.get(
            "ddns_updates_total"
                + String.join("/", "name", name, "provider", provider, "result", result.key()));
    if (c != null) {
      c.increment();
    }
  }

  public void record(
      DdnsStatus status, Map<IpFamily, Boolean> agreement, Map<IpFamily, Boolean> known) {
    last.set(status);
    for (IpFamily f : IpFamily.values()) {
      values.put("src/" + f.key(), bool(agreement.get(f)));
      values.put("known/" + f.key(), bool(known.get(f)));
    }
    values.put("cgnat", known(status.cgnat()));
    values.put("doublenat", known(status.doubleNat()));
    if (status.checkedAt() != null) {
      values.put("last", status.checkedAt().toEpochMilli() / 1000.0);
    }
    status.records().forEach(r -> values.put("stopped/" + r.name(), 0.0));
    for (RecordStatus r : status.records()) {
      String k = r.name() + "/" + r.family().key();
      values.put("sync/" + k, known(r.inSync()));
      values.put(
          "drift/" + k, r.driftSince() == null ? 0.0 : r.driftSince().toEpochMilli() / 1000.0);
      values.put("prop/" + k, known(r.propagated()));
      values.put("ttl/" + k, r.ttl() == null ? 0.0 : r.ttl());
      if (r.updatesStopped() != null) {
        values.put("stopped/" + r.name(), 1.0);
      }
    }
  }

  /** Unknown is not "no": NaN, which alerts and comparisons never take for 0. */
  private static double known(Boolean b) {
    return b == null ? Double.NaN : b ? 1.0 : 0.0;
  }

  private static double bool(Boolean b) {
    return Boolean.TRUE.equals(b) ? 1.0 : 0.0;
  }
}
