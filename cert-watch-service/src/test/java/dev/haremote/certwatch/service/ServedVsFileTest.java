package dev.haremote.certwatch.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.certwatch.check.Observation;
import dev.haremote.certwatch.check.Reason;
import dev.haremote.certwatch.check.SourceKind;
import dev.haremote.common.net.IpFamily;
import dev.haremote.common.tls.CertificateFacts;
import dev.haremote.labkit.certs.TestPki;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The served-vs-file part over both families of an endpoint, without any I/O. */
class ServedVsFileTest {
  private static final Instant NOW = Instant.now();
  private static final TestPki PKI = TestPki.create("Served");
  private static final X509Certificate FILE = leaf(50);
  private static final X509Certificate OLDER = leaf(20);

  private static X509Certificate leaf(int daysLeft) {
    return PKI.leaf()
        .dns("home.test")
        .validity(NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(daysLeft)))
        .issue()
        .certificate();
  }

  private static Observation served(IpFamily family, X509Certificate leaf) {
    return new Observation(
        "home",
        SourceKind.ENDPOINT,
        family,
        NOW,
        List.of(leaf),
        /* verification */ null,
        true,
        /* keyMatches */ null,
        /* failure */ null,
        /* failureDetail */ null);
  }

  @Test
  void bothFamiliesServingTheFileMatchWithItsFingerprint() {
    ServedVsFile verdict =
        ServedVsFile.compare(
            List.of(served(IpFamily.IPV4, FILE), served(IpFamily.IPV6, FILE)),
            LeafFacts.of(FILE, null));
    assertThat(verdict)
        .isEqualTo(new ServedVsFile(true, CertificateFacts.fingerprintSha256(FILE), true));
    assertThat(verdict.differs()).isFalse();
  }

  @Test
  void oneFamilyServingAnOlderCertificateIsAMismatchWhicheverComesFirst() {
    ServedVsFile expected =
        new ServedVsFile(false, CertificateFacts.fingerprintSha256(OLDER), true);
    assertThat(
            ServedVsFile.compare(
                List.of(served(IpFamily.IPV4, OLDER), served(IpFamily.IPV6, FILE)),
                LeafFacts.of(FILE, null)))
        .isEqualTo(expected);
    assertThat(
            ServedVsFile.compare(
                List.of(served(IpFamily.IPV4, FILE), served(IpFamily.IPV6, OLDER)),
                LeafFacts.of(FILE, null)))
        .isEqualTo(expected);
    assertThat(expected.differs()).isTrue();
  }

  @Test
  void nothingServedYetOrNoServedByIsNotCompared() {
    Observation refused =
        Observation.failed("home", SourceKind.ENDPOINT, IpFamily.IPV4, NOW, Reason.REFUSED, "no");
    assertThat(ServedVsFile.compare(List.of(refused), LeafFacts.of(FILE, null)))
        .isEqualTo(ServedVsFile.NOT_COMPARED);
    assertThat(ServedVsFile.compare(null, LeafFacts.of(FILE, null)))
        .isEqualTo(ServedVsFile.NOT_COMPARED);
    assertThat(ServedVsFile.NOT_COMPARED.matchesFile()).isNull();
  }
}
