package dev.haremote.certwatch.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.certwatch.check.Reason;
import dev.haremote.certwatch.renewal.AriCertId;
import dev.haremote.certwatch.testing.MonitorHarness;
import dev.haremote.certwatch.testing.MutableClock;
import dev.haremote.labkit.acme.AriServer;
import dev.haremote.labkit.certs.IssuedCert;
import dev.haremote.labkit.certs.TestPki;
import dev.haremote.labkit.tls.TlsTestServer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Renewal due/overdue of 6-, 45- and 90-day certificates, through the whole monitor (file read,
 * chain verification, judging, metrics) at instants chosen with an injected clock.
 */
class RenewalClockTest {
  private static final Instant ISSUED =
      Instant.now().minus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  private static TestPki pki;

  @TempDir static Path dir;

  @BeforeAll
  static void pki() {
    pki = TestPki.create("Renewal");
  }

  private static Path certificateFile(int days) throws Exception {
    Path file = dir.resolve("cert-" + days + ".pem");
    if (!Files.exists(file)) {
      pki.leaf()
          .dns("home.test")
          .validity(ISSUED, ISSUED.plus(Duration.ofDays(days)).minusSeconds(1))
          .issue()
          .writeChainPem(file);
    }
    return file;
  }

  @ParameterizedTest(name = "{0}-day certificate at +{1}h: overdue={2}, problem={3}")
  @CsvSource({
    "6, 1, false, ''",
    "6, 97, false, ''", // due (2/3 = 96 h), not yet a problem
    "6, 121, true, renewal_overdue", // 5/6 = 120 h
    "6, 145, true, expired", // expired wins as the problem; the renewal was missed too
    "45, 721, false, ''", // due at 720 h
    "45, 901, true, renewal_overdue", // 5/6 = 900 h
    "90, 1441, false, ''", // due at 30 days left
    "90, 1801, true, renewal_overdue", // 15 days left
  })
  void dueAndOverdueAtChosenTimes(int days, int hours, boolean overdue, String problem)
      throws Exception {
    MutableClock clock = new MutableClock(ISSUED.plus(Duration.ofHours(hours)));
    try (MonitorHarness harness =
        new MonitorHarness(
            Map.of(
                "certwatch.files[0].id",
                "cert",
                "certwatch.files[0].path",
                certificateFile(days).toString()),
            List.of(pki.root()),
            clock,
            Instant.EPOCH)) {
      CertificateStatus cert = MonitorHarness.certificate(harness.monitor.checkAll(), "file-cert");
      Duration lifetime = Duration.ofDays(days).minusSeconds(1);
      assertThat(cert.renewalDueAt()).isEqualTo(ISSUED.plus(lifetime.multipliedBy(2).dividedBy(3)));
      assertThat(cert.renewalWindowEnd())
          .isEqualTo(ISSUED.plus(lifetime.multipliedBy(5).dividedBy(6)));
      assertThat(cert.renewalSource()).isEqualTo("lifetime");
      assertThat(cert.renewalOverdue()).isEqualTo(overdue);
      assertThat(cert.problemReason()).isEqualTo(problem.isEmpty() ? null : problem);
      assertThat(cert.problem()).isEqualTo(!problem.isEmpty());
      assertThat(cert.lifetimeDays()).isCloseTo(days, org.assertj.core.data.Offset.offset(0.01));
      double due =
          harness
              .registry
              .find("certwatch_renewal_due_timestamp_seconds")
              .tags("id", "cert")
              .gauge()
              .value();
      assertThat((long) due).isEqualTo(cert.renewalDueAt().getEpochSecond());
    }
  }

  @Test
  void ariWindowDecidesDueAndOverdue() throws Exception {
    Path file = dir.resolve("ari.pem");
    IssuedCert leaf =
        pki.leaf()
            .dns("home.test")
            .validity(ISSUED, ISSUED.plus(Duration.ofDays(90)).minusSeconds(1))
            .issue();
    leaf.writeChainPem(file);
    // The CA moved the window early (say, an incident): days 10-11 instead of day 60.
    Instant start = ISSUED.plus(Duration.ofDays(10));
    Instant end = ISSUED.plus(Duration.ofDays(11));
    try (AriServer ari = AriServer.start()) {
      ari.window(
          AriCertId.of(leaf.certificate()).orElseThrow(), start, end, "https://ca.test/incident");
      ari.retryAfter("3600");
      MutableClock clock = new MutableClock(ISSUED.plus(Duration.ofDays(5)));
      try (MonitorHarness harness =
          new MonitorHarness(
              Map.of(
                  "certwatch.files[0].id",
                  "cert",
                  "certwatch.files[0].path",
                  file.toString(),
                  "certwatch.ari.enabled",
                  "true",
                  "certwatch.ari.directories",
                  ari.directoryUri().toString()),
              List.of(pki.root()),
              clock,
              Instant.EPOCH)) {
        CertificateStatus early =
            MonitorHarness.certificate(harness.monitor.checkAll(), "file-cert");
        assertThat(early.renewalSource()).isEqualTo("ari");
        assertThat(early.renewalDueAt()).isEqualTo(start);
        assertThat(early.renewalWindowEnd()).isEqualTo(end);
        assertThat(early.ariExplanationUrl()).isEqualTo("https://ca.test/incident");
        assertThat(early.renewalOverdue()).isFalse();

        // Day 12: far from 5/6 of 90 days, but the CA's window has ended.
        clock.set(ISSUED.plus(Duration.ofDays(12)));
        CertificateStatus late =
            MonitorHarness.certificate(harness.monitor.checkAll(), "file-cert");
        assertThat(late.renewalOverdue()).isTrue();
        assertThat(late.problemReason()).isEqualTo(Reason.RENEWAL_OVERDUE);
        assertThat(ari.renewalInfoRequests()).isEqualTo(2); // Retry-After (1 h) had passed
      }
    }
  }

  @Test
  void wrongSystemClockIsReportedAndRaisesNoExpiryAlarm() throws Exception {
    // The clock says 1970, before the build: every certificate would look "not yet valid".
    MutableClock clock = new MutableClock(Instant.parse("1970-01-02T00:00:00Z"));
    try (MonitorHarness harness =
        new MonitorHarness(
            Map.of(
                "certwatch.files[0].id",
                "cert",
                "certwatch.files[0].path",
                certificateFile(6).toString()),
            List.of(pki.root()),
            clock,
            ISSUED)) {
      CertWatchStatus status = harness.monitor.checkAll();
      assertThat(status.clockSane()).isFalse();
      assertThat(status.clockProblem()).contains("1970-01-02T00:00:00Z");
      assertThat(status.ok()).isFalse();
      CertificateStatus cert = MonitorHarness.certificate(status, "file-cert");
      assertThat(cert.error()).isNull();
      assertThat(cert.problem()).isFalse();
      assertThat(cert.renewalOverdue()).isNull(); // not judged at a wrong clock
      assertThat(cert.daysLeft()).isNull();
      assertThat(cert.expiresInSeconds()).isNull();
      assertThat(status.clockReason()).isEqualTo("before_build_time");
      assertThat(status.trustedTime()).isNull();
      assertThat(cert.chainValid()).isTrue(); // verified at the build time instead
    }

    // An endpoint too: its chain is judged at the build time, not at "1970".
    IssuedCert served =
        pki.leaf().dns("home.test").validity(ISSUED, ISSUED.plus(Duration.ofDays(6))).issue();
    try (TlsTestServer server =
            TlsTestServer.start(InetAddress.getByName("127.0.0.1"), served, true, null);
        MonitorHarness harness =
            new MonitorHarness(
                Map.of(
                    "certwatch.endpoints[0].id", "home",
                    "certwatch.endpoints[0].host", "home.test",
                    "certwatch.endpoints[0].address", "127.0.0.1",
                    "certwatch.endpoints[0].port", Integer.toString(server.port())),
                List.of(pki.root()),
                clock,
                ISSUED)) {
      CertWatchStatus status = harness.monitor.checkAll();
      assertThat(status.clockSane()).isFalse();
      CertificateStatus cert = MonitorHarness.certificate(status, "endpoint-home-ipv4");
      assertThat(cert.chainValid()).isTrue();
      assertThat(cert.error()).isNull();
      assertThat(cert.problem()).isFalse();
    }

    // A time verdict at a wrong clock with no trusted time is clock_skew, never "expired".
    try (MonitorHarness harness =
        new MonitorHarness(
            Map.of(
                "certwatch.files[0].id",
                "cert",
                "certwatch.files[0].path",
                certificateFile(6).toString()),
            List.of(pki.root()),
            clock,
            ISSUED.plus(Duration.ofDays(30)))) {
      CertificateStatus cert = MonitorHarness.certificate(harness.monitor.checkAll(), "file-cert");
      assertThat(cert.error()).isEqualTo(Reason.CLOCK_SKEW);
      assertThat(cert.problemReason()).isEqualTo(Reason.CLOCK_SKEW);
      assertThat(cert.daysLeft()).isNull();
    }

    // The same certificate long expired with a sane clock: the alarm is there.
    MutableClock later = new MutableClock(ISSUED.plus(Duration.ofDays(30)));
    try (MonitorHarness harness =
        new MonitorHarness(
            Map.of(
                "certwatch.files[0].id",
                "cert",
                "certwatch.files[0].path",
                certificateFile(6).toString()),
            List.of(pki.root()),
            later,
            ISSUED)) {
      CertificateStatus cert = MonitorHarness.certificate(harness.monitor.checkAll(), "file-cert");
      assertThat(cert.error()).isEqualTo(Reason.EXPIRED);
    }
  }
}
