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
 * The {@code ddns_*} meters. Every series exists from start-up with 0, so dashboards and alerts see
 * them before the first round; labels hold only configured names, families, providers and fixed
 * result keys (never an address or free text).
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
    gauge(
        "ddns_cgnat",
        "1 when the router's WAN address is not the public address (CG-NAT)",
        "cgnat");
    gauge(
        "ddns_last_check_timestamp_seconds", "End of the last completed round (Unix time)", "last");
    for (WatchedRecord r : records) {
      for (IpFamily f : r.families()) {
        String k = r.name() + "/" + f.key();
        gauge(
            "ddns_record_in_sync",
            "1 when the authoritative servers publish the agreed public"
                + " address, else 0 (also when unknown)",
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
        gauge(
            "ddns_record_propagated",
            "1 when every public resolver gives the authoritative" + " answer, else 0",
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
          "1 when updates stopped on a fatal provider answer until the" + " configuration changes",
          "stopped/" + r.name(),
          "name",
          r.name());
      for (UpdateResult result : UpdateResult.values()) {
        counter(
            "ddns_updates_total",
            "Update attempts by outcome",
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
    values.put(key, 0.0);
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
    values.put("cgnat", bool(status.cgnat()));
    if (status.checkedAt() != null) {
      values.put("last", status.checkedAt().toEpochMilli() / 1000.0);
    }
    status.records().forEach(r -> values.put("stopped/" + r.name(), 0.0));
    for (RecordStatus r : status.records()) {
      String k = r.name() + "/" + r.family().key();
      values.put("sync/" + k, bool(r.inSync()));
      values.put(
          "drift/" + k, r.driftSince() == null ? 0.0 : r.driftSince().toEpochMilli() / 1000.0);
      values.put("prop/" + k, bool(r.propagated()));
      values.put("ttl/" + k, r.ttl() == null ? 0.0 : r.ttl());
      if (r.updatesStopped() != null) {
        values.put("stopped/" + r.name(), 1.0);
      }
    }
  }

  private static double bool(Boolean b) {
    return Boolean.TRUE.equals(b) ? 1.0 : 0.0;
  }
}
