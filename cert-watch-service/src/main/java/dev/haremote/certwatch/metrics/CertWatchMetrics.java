package dev.haremote.certwatch.metrics;

import dev.haremote.certwatch.check.Observation;
import dev.haremote.certwatch.check.Reason;
import dev.haremote.certwatch.check.SourceKind;
import dev.haremote.certwatch.config.CertWatchConfig;
import dev.haremote.certwatch.service.CertWatchStatus;
import dev.haremote.certwatch.service.CertificateMonitor;
import dev.haremote.certwatch.service.CertificateStatus;
import dev.haremote.common.net.IpFamily;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The Prometheus series of docs/api.md, registered up front for every configured certificate so
 * that each exists (as 0) before the first check. Labels: {@code id}, {@code source} and, as an
 * extension, {@code family} ({@code ipv4}/{@code ipv6} for endpoints, {@code none} for files),
 * since one endpoint is checked per family.
 */
public class CertWatchMetrics implements CertificateMonitor.Listener {
  private static final String NONE = "none";

  private final MeterRegistry registry;
  private final Map<String, CertificateStatus> latest = new ConcurrentHashMap<>();
  private final Map<String, Counter> errors = new ConcurrentHashMap<>();
  private volatile Instant lastCheck;

  public CertWatchMetrics(MeterRegistry registry, CertWatchConfig config) {
    this.registry = registry;
    // What the "checks stalled" alert watches: a round that never ends leaves every other series
    // at its last value, which looks healthy.
    Gauge.builder(
            "certwatch_last_check_timestamp_seconds",
            this,
            m -> m.lastCheck == null ? 0 : m.lastCheck.toEpochMilli() / 1000.0)
        .description("End of the last completed round (Unix time); 0 before the first")
        .register(registry);
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
        String key = Observation.key(SourceKind.FILE, file.id(), null);
        Gauge.builder(
                "certwatch_served_matches_file",
                latest,
                m -> bool(m.get(key) == null ? null : m.get(key).servedMatchesFile()))
            .description(
                "1 when the endpoint named by served-by serves the same certificate as the file,"
                    + " 0 when not (renewed but not reloaded) or unknown")
            .tags("id", file.id())
            .register(registry);
      }
    }
  }

  private void registerCertificate(String id, SourceKind source, IpFamily family) {
    String key = Observation.key(source, id, family);
    Tags tags =
        Tags.of("id", id, "source", source.key(), "family", family == null ? NONE : family.key());
    gauge(
        "certwatch_certificate_not_after_timestamp_seconds",
        "End of the certificate's validity (notAfter) as a Unix timestamp; 0 when none was seen",
        tags,
        key,
        s -> seconds(s.notAfter()));
    gauge(
        "certwatch_certificate_not_before_timestamp_seconds",
        "Start of the certificate's validity (notBefore) as a Unix timestamp; 0 when none was seen",
        tags,
        key,
        s -> seconds(s.notBefore()));
    gauge(
        "certwatch_renewal_due_timestamp_seconds",
        "When renewal is due (ARI window start, else 2/3 of the lifetime) as a Unix timestamp",
        tags,
        key,
        s -> seconds(s.renewalDueAt()));
    gauge(
        "certwatch_certificate_valid",
        "1 when the certificate was read and has no error (chain, name, key, served vs file)",
        tags,
        key,
        s -> s.notAfter() != null && s.error() == null ? 1 : 0);
    gauge(
        "certwatch_renewal_overdue",
        "1 when the renewal window has passed and the same certificate is still in place",
        tags,
        key,
        s -> bool(s.renewalOverdue()));
  }

  private void gauge(
      String name,
      String description,
      Tags tags,
      String key,
      ToDoubleFunction<CertificateStatus> value) {
    Gauge.builder(
            name,
            latest,
            m -> {
              CertificateStatus s = m.get(key);
              return s == null ? 0 : value.applyAsDouble(s);
            })
        .description(description)
        .tags(tags)
        .register(registry);
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
      latest.put(certificate.key(), certificate);
    }
    lastCheck = status.checkedAt();
  }

  private static double seconds(Instant instant) {
    return instant == null ? 0 : instant.getEpochSecond();
  }

  private static double bool(Boolean value) {
    return Boolean.TRUE.equals(value) ? 1 : 0;
  }
}
