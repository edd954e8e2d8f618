package dev.haremote.certwatch.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.certwatch.check.Observation;
import dev.haremote.certwatch.check.Reason;
import dev.haremote.certwatch.check.SourceKind;
import dev.haremote.common.net.IpFamily;
import dev.haremote.common.tls.ChainStatus;
import dev.haremote.common.tls.ChainVerifier;
import dev.haremote.labkit.certs.TestPki;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Served vs file edge cases, judged without any I/O. */
class CertificateJudgeTest {
  private static final Instant NOW = Instant.now();
  private static final TestPki PKI = TestPki.create("Judge");
  private static final ChainVerifier.Verification VALID =
      new ChainVerifier.Verification(ChainStatus.VALID, true, null);

  private static X509Certificate leaf(int daysLeft) {
    return PKI.leaf()
        .dns("home.test")
        .validity(NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(daysLeft)))
        .issue()
        .certificate();
  }

  private static Observation file(X509Certificate leaf) {
    return new Observation(
        "ha-ssl", SourceKind.FILE, null, NOW, List.of(leaf), VALID, null, null, null, null);
  }

  private static Observation served(X509Certificate leaf) {
    return new Observation(
        "home",
        SourceKind.ENDPOINT,
        IpFamily.IPV4,
        NOW,
        List.of(leaf),
        VALID,
        true,
        null,
        null,
        null);
  }

  @Test
  void unreadableFileOrSilentEndpointLeavesServedVsFileUnknown() {
    Observation unreadable =
        Observation.failed("ha-ssl", SourceKind.FILE, null, NOW, Reason.NOT_FOUND, "no file");
    CertificateStatus failed =
        CertificateJudge.judge(
            unreadable, "/ssl/x", null, List.of(served(leaf(50))), "home.test", NOW, true);
    assertThat(failed.servedMatchesFile()).isNull();
    assertThat(failed.error()).isEqualTo(Reason.NOT_FOUND);

    Observation refused =
        Observation.failed(
            "home", SourceKind.ENDPOINT, IpFamily.IPV4, NOW, Reason.REFUSED, "refused");
    CertificateStatus silent =
        CertificateJudge.judge(
            file(leaf(50)), "/ssl/x", null, List.of(refused), "home.test", NOW, true);
    assertThat(silent.servedMatchesFile()).isNull();
    assertThat(silent.error()).isNull();
    assertThat(silent.hostnameMatch()).isTrue(); // the file is checked against the endpoint's name
  }

  @Test
  void olderServedCertificateMeansNotReloaded() {
    CertificateStatus status =
        CertificateJudge.judge(
            file(leaf(80)), "/ssl/x", null, List.of(served(leaf(20))), "home.test", NOW, true);
    assertThat(status.servedMatchesFile()).isFalse();
    assertThat(status.error()).isEqualTo(Reason.SERVED_MISMATCH);
    assertThat(status.errorDetail()).contains("not reload").doesNotContain("newer");
    assertThat(status.advice()).contains("restart Home Assistant");
  }

  @Test
  void newerServedCertificateMeansTheWrongFileIsWatched() {
    CertificateStatus status =
        CertificateJudge.judge(
            file(leaf(20)), "/ssl/x", null, List.of(served(leaf(80))), "home.test", NOW, true);
    assertThat(status.error()).isEqualTo(Reason.SERVED_MISMATCH);
    assertThat(status.errorDetail()).contains("newer");
    assertThat(status.advice()).contains("Point this file entry");
  }

  @Test
  void fileNotCoveringTheServedNameIsNameMismatch() {
    X509Certificate cert = leaf(50);
    CertificateStatus status =
        CertificateJudge.judge(
            file(cert), "/ssl/x", null, List.of(served(cert)), "other.test", NOW, true);
    assertThat(status.hostnameMatch()).isFalse();
    assertThat(status.error()).isEqualTo(Reason.NAME_MISMATCH);
    assertThat(status.errorDetail()).contains("other.test").contains("home.test");
  }
}
