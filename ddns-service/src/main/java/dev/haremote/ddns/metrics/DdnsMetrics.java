package dev.haremote.ddns.metrics;

import dev.haremote.common.net.IpFamily;
import dev.haremote.common.suite.metrics.GaugeCell;
import dev.haremote.ddns.service.WatchedRecord;
import dev.haremote.ddns.status.DdnsStatus;
import dev.haremote.ddns.status.RecordStatus;
import dev.haremote.ddns.update.UpdateResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The {@code ddns_*} meters. Every series exists from start-up, so dashboards and alerts see them
 * before the first round: 0, or NaN for the yes/no series whose answer is not known yet (unknown is
 * never shown as "no"); labels hold only configured names, families, providers and fixed result
 * keys (never an address or free text). Each series is a typed cell ({@link GaugeCell}), found by
 * family or by record, never by a string key.
 */
public class DdnsMetrics {
  private static final Logger LOG = Logger.getLogger(DdnsMetrics.class);

  /** The series of one record and family. */
  private record RecordCells(
      GaugeCell inSync, GaugeCell driftSince, GaugeCell propagated, GaugeCell ttl) {}

  /** Names compare without case, as DNS does (the status may spell a name as the zone does). */
  private record RecordKey(String name, IpFamily family) {
    static RecordKey of(String name, IpFamily family) {
      return new RecordKey(name.toLowerCase(Locale.ROOT), family);
    }
  }

  private final Map<IpFamily, GaugeCell> sourceAgreement = new EnumMap<>(IpFamily.class);
  private final Map<IpFamily, GaugeCell> addressKnown = new EnumMap<>(IpFamily.class);
  private final Map<IpFamily, Counter> addressChanges = new EnumMap<>(IpFamily.class);
  private final GaugeCell cgnat;
  private final GaugeCell doubleNat;
  private final GaugeCell lastCheck;
  private final Map<RecordKey, RecordCells> records = new HashMap<>();
  private final Map<String, GaugeCell> updatesStopped = new HashMap<>();
  private final Map<String, Map<UpdateResult, Counter>> updates = new HashMap<>();

  public DdnsMetrics(MeterRegistry registry, List<WatchedRecord> watched) {
    for (IpFamily f : IpFamily.values()) {
      sourceAgreement.put(
          f,
          GaugeCell.zero(
              registry,
              "ddns_source_agreement",
              "1 when the discovery sources of the family agree on an"
                  + " address that meets the quorum, else 0",
              "family",
              f.key()));
      addressChanges.put(
          f,
          Counter.builder("ddns_public_address_changes_total")
              .description("Times the agreed public address of the family changed")
              .tags("family", f.key())
              .register(registry));
      addressKnown.put(
          f,
          GaugeCell.zero(
              registry,
              "ddns_public_address_known",
              "1 when an agreed public address of the family is known",
              "family",
              f.key()));
    }
    cgnat =
        GaugeCell.yesNo(
            registry,
            "ddns_cgnat",
            "1 when the router has no public IPv4 address (CG-NAT), 0 when it has, NaN when"
                + " unknown");
    doubleNat =
        GaugeCell.yesNo(
            registry,
            "ddns_double_nat",
            "1 when the router's WAN address is private (another NAT in front), 0 when not, NaN"
                + " when unknown");
    lastCheck =
        GaugeCell.zero(
            registry,
            "ddns_last_check_timestamp_seconds",
            "End of the last completed round (Unix time)");
    for (WatchedRecord r : watched) {
      for (IpFamily f : r.families()) {
        String[] tags = {"name", r.name(), "family", f.key()};
        records.put(
            RecordKey.of(r.name(), f),
            new RecordCells(
                GaugeCell.yesNo(
                    registry,
                    "ddns_record_in_sync",
                    "1 when the authoritative servers publish the agreed public"
                        + " address, 0 when they publish another, NaN when unknown",
                    tags),
                GaugeCell.zero(
                    registry,
                    "ddns_drift_since_timestamp_seconds",
                    "Start of the current drift (Unix time), 0 when not drifting",
                    tags),
                GaugeCell.yesNo(
                    registry,
                    "ddns_record_propagated",
                    "1 when every public resolver answers the home's public address (in sync and"
                        + " propagated), 0 when not, NaN when unknown",
                    tags),
                GaugeCell.zero(
                    registry,
                    "ddns_record_ttl_seconds",
                    "TTL of the published record at the authoritative servers",
                    tags)));
      }
      String name = r.name().toLowerCase(Locale.ROOT);
      updatesStopped.put(
          name,
          GaugeCell.zero(
              registry,
              "ddns_updates_stopped",
              "1 when updates stopped on a fatal provider answer, until the secret file (read"
                  + " again when it changes) or the configuration changes",
              "name",
              r.name()));
      Map<UpdateResult, Counter> byResult = new EnumMap<>(UpdateResult.class);
      for (UpdateResult result : UpdateResult.values()) {
        byResult.put(
            result,
            Counter.builder("ddns_updates_total")
                .description(
                    "Update attempts by outcome (every result key from start-up, 0 until it"
                        + " happens)")
                .tags("name", r.name(), "provider", r.providerKey(), "result", result.key())
                .register(registry));
      }
      updates.put(name, byResult);
    }
  }

  public void publicAddressChanged(IpFamily family) {
    addressChanges.get(family).increment();
  }

  /**
   * One update attempt of a configured record, counted under its configured provider. A record that
   * is no longer configured (an update interrupted before a restart with another configuration) has
   * no series: logged, not counted.
   */
  public void updated(String name, UpdateResult result) {
    Map<UpdateResult, Counter> byResult = updates.get(name.toLowerCase(Locale.ROOT));
    if (byResult == null) {
      LOG.debugf("update of %s (no longer configured): %s, not counted", name, result.key());
      return;
    }
    byResult.get(result).increment();
  }

  public void record(
      DdnsStatus status, Map<IpFamily, Boolean> agreement, Map<IpFamily, Boolean> known) {
    for (IpFamily f : IpFamily.values()) {
      sourceAgreement.get(f).setFlag(agreement.get(f));
      addressKnown.get(f).setFlag(known.get(f));
    }
    cgnat.setYesNo(status.cgnat());
    doubleNat.setYesNo(status.doubleNat());
    if (status.checkedAt() != null) {
      lastCheck.setTimestamp(status.checkedAt());
    }
    Map<String, Boolean> stopped = new HashMap<>();
    for (RecordStatus r : status.records()) {
      RecordCells cells = records.get(RecordKey.of(r.name(), r.family()));
      if (cells != null) {
        cells.inSync().setYesNo(r.inSync());
        cells.driftSince().setTimestamp(r.driftSince());
        cells.propagated().setYesNo(r.propagated());
        cells.ttl().set(r.ttl() == null ? 0.0 : r.ttl());
      }
      stopped.merge(
          r.name().toLowerCase(Locale.ROOT), r.updatesStopped() != null, Boolean::logicalOr);
    }
    stopped.forEach(
        (name, isStopped) -> {
          GaugeCell cell = updatesStopped.get(name);
          if (cell != null) {
            cell.setFlag(isStopped);
          }
        });
  }
}
