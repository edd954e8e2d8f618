package dev.haremote.common.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.labkit.certs.IssuedCert;
import dev.haremote.labkit.certs.TestPki;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CertificateFactsTest {
  private static IssuedCert cert;

  @BeforeAll
  static void issue() {
    cert =
        TestPki.create("facts")
            .leaf()
            .dns("home.example.org", "*.apps.example.org", "*.com", "f*.example.net")
            .ip("192.0.2.7", "2001:db8::7")
            .serial(new BigInteger("0087654321", 16))
            .issue();
  }

  @Test
  void sansInCertificateOrderIpsCanonical() {
    assertThat(CertificateFacts.sans(cert.certificate()))
        .containsExactly(
            "home.example.org",
            "*.apps.example.org",
            "*.com",
            "f*.example.net",
            "192.0.2.7",
            "2001:db8::7");
  }

  @ParameterizedTest
  @CsvSource({
    "home.example.org, true",
    "HOME.Example.ORG., true",
    "other.example.org, false",
    "example.org, false",
    "grafana.apps.example.org, true",
    "apps.example.org, false",
    "a.b.apps.example.org, false",
    "evil.com, false",
    "foo.example.net, false",
    "192.0.2.7, true",
    "192.0.2.8, false",
    "2001:db8:0:0:0:0:0:7, true",
    "'[2001:db8::7]', true",
    "7.2.0.192.in-addr.arpa, false",
  })
  void hostnameMatchFollowsRfc6125(String host, boolean covered) {
    assertThat(CertificateFacts.coversHost(cert.certificate(), host)).isEqualTo(covered);
  }

  @Test
  void ipLiteralNeverMatchesADnsSan() {
    IssuedCert dnsOnly = TestPki.create("ip").leaf().dns("192.0.2.7").issue();
    assertThat(CertificateFacts.coversHost(dnsOnly.certificate(), "192.0.2.7")).isFalse();
  }

  @Test
  void serialKeepsTheLeadingZeroByteLikeAri() {
    assertThat(CertificateFacts.serialHex(cert.certificate())).isEqualTo("00:87:65:43:21");
  }

  @Test
  void fingerprintIsSha256OfTheDer() throws Exception {
    String expected =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest(cert.certificate().getEncoded()));
    assertThat(CertificateFacts.fingerprintSha256(cert.certificate()))
        .isEqualTo(expected)
        .hasSize(64)
        .isLowerCase();
  }
}
