package dev.haremote.certwatch.metrics;

import dev.haremote.certwatch.check.Observation;
import dev.haremote.certwatch.check.Reason;
import dev.haremote.certwatch.check.SourceKind;
import dev.haremote.certwatch.config.CertWatchConfig;
import dev.haremote.certwatch.service.CertWatchStatus;
import dev.haremote.certwatch.service.CertificateMonitor;
import dev.haremote.certwatch.service.CertificateStatus;
import dev.haremote.common.net.IpFamily;
import dev.haremote.common.suite.metrics.GaugeCell;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Prometheus series of docs/api.md, registered up front for every configured certificate so
 * that each exists (as 0) before the first check. Labels: {@code id}, {@code source} and, as an
 * extension, {@code family} ({@code ipv4}/{@code ipv6} for endpoints, {@code none} for files),
 * since one endpoint is checked per family. Each series is a {@link GaugeCell}, set when a status
 * is published and found by the certificate's status key ({@link Observation#key}).
 */
public class CertWatchMetrics implements CertificateMonitor.Listener {
  private static final String NONE = "none";

  private final MeterRegistry registry;
  private final Map<String, CertificateCells> certificates = new HashMap<>();
  private final Map<String, GaugeCell> servedMatchesFile = new HashMap<>();
  private final Map<String, Counter> errors = new ConcurrentHashMap<>();
  private final GaugeCell lastCheck;

  /** The series of one certificate (one endpoint family, or one file). */
  private record CertificateCells(
      GaugeCell notAfter,
      GaugeCell notBefore,
      GaugeCell renewalDue,
      GaugeCell valid,
      GaugeCell renewalOverdue) {

    void show(CertificateStatus status) {
      notAfter.set(seconds(status.notAfter()));
      notBefore.set(seconds(status.notBefore()));
      renewalDue.set(seconds(status.renewalDueAt()));
      valid.set(status.notAfter() != null && status.error() == null ? 1 : 0);
      renewalOverdue.setFlag(status.renewalOverdue());
    }
  }

  public CertWatchMetrics(MeterRegistry registry, CertWatchConfig config) {
    this.registry = registry;
    // What the "checks stalled" alert watches: a round that never ends leaves every other series
    // at its last value, which looks healthy.
    lastCheck =
        GaugeCell.zero(
            registry,
            "certwatch_last_check_timestamp_seconds",
            "End of the last completed round (Unix time); 0 before the first");
    for (CertWatchConfig.Endpoint endpoint : config.endpoints().orElse(List.of())) {
      for (IpFamily family : endpoint.families()) {
        registerCertificate(endpoint.id(), SourceKind.ENDPOINT, family);
      }
      registerErrors(endpoint.id());
    }
    for (CertWatchConfig.CertificateFile file : config.files().orElse(List.of())) {
      registerCertificate(file.id(), SourceKind.FILE, null);
      registerErrors(file.id());
      if (file.servedBy().isPresent()) {
        servedMatchesFile.put(
            Observation.key(SourceKind.FILE, file.id(), null),
            GaugeCell.zero(
                registry,
                "certwatch_served_matches_file",
                "1 when the endpoint named by served-by serves the same certificate as the file,"
                    + " 0 when not (renewed but not reloaded) or unknown",
                "id",
                file.id()));
      }
    }
  }

  private void registerCertificate(String id, SourceKind source, IpFamily family) {
    String[] tags = {
      "id", id, "source", source.key(), "family", family == null ? NONE : family.key()
    };
    certificates.put(
        Observation.key(source, id, family),
        new CertificateCells(
            GaugeCell.zero(
                registry,
                "certwatch_certificate_not_after_timestamp_seconds",
                "End of the certificate's validity (notAfter) as a Unix timestamp; 0 when none was"
                    + " seen",
                tags),
            GaugeCell.zero(
                registry,
                "certwatch_certificate_not_before_timestamp_seconds",
                "Start of the certificate's validity (notBefore) as a Unix timestamp; 0 when none"
                    + " was seen",
                tags),
            GaugeCell.zero(
                registry,
                "certwatch_renewal_due_timestamp_seconds",
                "When renewal is due (ARI window start, else 2/3 of the lifetime) as a Unix"
                    + " timestamp",
                tags),
            GaugeCell.zero(
                registry,
                "certwatch_certificate_valid",
                "1 when the certificate was read and has no error (chain, name, key, served vs"
                    + " file)",
                tags),
            GaugeCell.zero(
                registry,
                "certwatch_renewal_overdue",
                "1 when the renewal window has passed and the same certificate is still in place",
                tags)));
  }

  private void registerErrors(String id) {
    for (String reason : Reason.CHECK_ERRORS) {
      errors.put(
          id + "\u0000" + reason,
          Counter.builder("certwatch_check_errors_total")
              .description(
                  "Checks that could not read a certificate (or its key), by stable reason code")
              .tags("id", id, "reason", reason)
              .register(registry));
    }
  }

  @Override
  public void observed(Observation observation) {
    if (observation.failure() == null) {
      return;
    }
    Counter counter = errors.get(observation.id() + "\u0000" + observation.failure());
    if (counter != null) {
      counter.increment();
    }
  }

  @Override
  public void published(CertWatchStatus status) {
    for (CertificateStatus certificate : status.certificates()) {
      CertificateCells cells = certificates.get(certificate.key());
      if (cells != null) {
        cells.show(certificate);
      }
      GaugeCell served = servedMatchesFile.get(certificate.key());
      if (served != null) {
        served.setFlag(certificate.servedMatchesFile());
      }
    }
    lastCheck.setTimestamp(status.checkedAt());
  }

  /** Whole seconds (as before the cells: a renewal instant at 2/3 of a lifetime has a fraction). */
  private static double seconds(Instant instant) {
    return instant == null ? 0 : instant.getEpochSecond();
  }
}
