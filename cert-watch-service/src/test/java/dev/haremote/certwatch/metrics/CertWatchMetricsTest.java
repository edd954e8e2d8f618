package dev.haremote.certwatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.certwatch.service.CertWatchStatus;
import dev.haremote.certwatch.service.CertificateStatus;
import dev.haremote.certwatch.testing.MonitorHarness;
import dev.haremote.labkit.certs.IssuedCert;
import dev.haremote.labkit.certs.TestPki;
import dev.haremote.labkit.tls.TlsTestServer;
import io.micrometer.core.instrument.Gauge;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cert-watch's gauges through the real monitor: every configured series exists as 0 before the
 * first round, and after it shows the values of the published status, by certificate (an endpoint
 * family, a good file served by that endpoint, a missing file).
 */
class CertWatchMetricsTest {
  private static final Instant ISSUED = Instant.now().minus(Duration.ofDays(1));

  @TempDir Path dir;

  @Test
  void everySeriesIsZeroBeforeTheFirstRoundAndShowsThePublishedStatusAfter() throws Exception {
    TestPki pki = TestPki.create("Metrics");
    // A lifetime whose two thirds end inside a second: the renewal gauge shows whole seconds.
    IssuedCert leaf =
        pki.leaf()
            .dns("home.test")
            .validity(ISSUED, ISSUED.plus(Duration.ofDays(45)).minusSeconds(1))
            .issue();
    Path cert = leaf.writeChainPem(dir.resolve("fullchain.pem"));
    Path key = leaf.writeKeyPem(dir.resolve("privkey.pem"));
    try (TlsTestServer server = TlsTestServer.start(leaf, true);
        MonitorHarness harness =
            new MonitorHarness(
                Map.of(
                    "certwatch.endpoints[0].id", "home",
                    "certwatch.endpoints[0].host", "home.test",
                    "certwatch.endpoints[0].address", "127.0.0.1",
                    "certwatch.endpoints[0].port", Integer.toString(server.port()),
                    "certwatch.files[0].id", "ha-ssl",
                    "certwatch.files[0].path", cert.toString(),
                    "certwatch.files[0].key", key.toString(),
                    "certwatch.files[0].served-by", "home",
                    "certwatch.files[1].id", "gone",
                    "certwatch.files[1].path", dir.resolve("missing.pem").toString()),
                List.of(pki.root()))) {
      assertThat(harness.registry.find("certwatch_certificate_valid").gauges()).hasSize(3);
      for (String name : CERTIFICATE_SERIES) {
        for (String[] labels : CERTIFICATES) {
          assertThat(value(harness, name, labels)).as("%s %s before", name, labels[0]).isZero();
        }
      }
      assertThat(served(harness)).isZero();
      assertThat(lastCheck(harness)).isZero();

      CertWatchStatus status = harness.monitor.checkAll();

      CertificateStatus file = MonitorHarness.certificate(status, "file-ha-ssl");
      assertThat(file.error()).isNull();
      assertThat(file.renewalDueAt().getNano()).as("a due instant with a fraction").isNotZero();
      long notAfter = leaf.certificate().getNotAfter().toInstant().getEpochSecond();
      long notBefore = leaf.certificate().getNotBefore().toInstant().getEpochSecond();
      for (String[] labels : List.of(ENDPOINT, FILE)) {
        String what = labels[0];
        assertThat(value(harness, "certwatch_certificate_not_after_timestamp_seconds", labels))
            .as(what)
            .isEqualTo(notAfter);
        assertThat(value(harness, "certwatch_certificate_not_before_timestamp_seconds", labels))
            .as(what)
            .isEqualTo(notBefore);
        assertThat(value(harness, "certwatch_renewal_due_timestamp_seconds", labels))
            .as(what)
            .isEqualTo(file.renewalDueAt().getEpochSecond());
        assertThat(value(harness, "certwatch_certificate_valid", labels)).as(what).isEqualTo(1.0);
        assertThat(value(harness, "certwatch_renewal_overdue", labels)).as(what).isZero();
      }
      assertThat(served(harness)).isEqualTo(1.0);
      // The missing file: read nothing, so no validity and not valid; overdue stays 0.
      assertThat(MonitorHarness.certificate(status, "file-gone").error()).isEqualTo("not_found");
      for (String name : CERTIFICATE_SERIES) {
        assertThat(value(harness, name, GONE)).as(name).isZero();
      }
      assertThat(lastCheck(harness)).isEqualTo(status.checkedAt().toEpochMilli() / 1000.0);
    }
  }

  private static final List<String> CERTIFICATE_SERIES =
      List.of(
          "certwatch_certificate_not_after_timestamp_seconds",
          "certwatch_certificate_not_before_timestamp_seconds",
          "certwatch_renewal_due_timestamp_seconds",
          "certwatch_certificate_valid",
          "certwatch_renewal_overdue");
  private static final String[] ENDPOINT = {"home", "endpoint", "ipv4"};
  private static final String[] FILE = {"ha-ssl", "file", "none"};
  private static final String[] GONE = {"gone", "file", "none"};
  private static final List<String[]> CERTIFICATES = List.of(ENDPOINT, FILE, GONE);

  /** The value of one series; fails when the series does not exist. */
  private static double value(MonitorHarness harness, String name, String[] labels) {
    Gauge gauge =
        harness
            .registry
            .find(name)
            .tags("id", labels[0], "source", labels[1], "family", labels[2])
            .gauge();
    assertThat(gauge).as("%s{id=%s}", name, labels[0]).isNotNull();
    return gauge.value();
  }

  private static double served(MonitorHarness harness) {
    Gauge gauge =
        harness.registry.find("certwatch_served_matches_file").tags("id", "ha-ssl").gauge();
    assertThat(gauge).as("certwatch_served_matches_file{id=ha-ssl}").isNotNull();
    return gauge.value();
  }

  private static double lastCheck(MonitorHarness harness) {
    return harness.registry.find("certwatch_last_check_timestamp_seconds").gauge().value();
  }
}
