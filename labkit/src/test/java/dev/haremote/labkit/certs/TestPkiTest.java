package dev.haremote.labkit.certs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPkiTest {
  @TempDir Path dir;

  @Test
  void leafChainsToTheIntermediateAndRoot() throws Exception {
    TestPki pki = TestPki.create("t");
    IssuedCert leaf = pki.leaf().dns("home.example.org").ip("192.0.2.1").issue();

    assertThat(leaf.chain()).containsExactly(leaf.certificate(), pki.intermediate());
    leaf.certificate().verify(pki.intermediate().getPublicKey());
    pki.intermediate().verify(pki.root().getPublicKey());
    List<Object> sanValues = new java.util.ArrayList<>();
    leaf.certificate().getSubjectAlternativeNames().forEach(san -> sanValues.add(san.get(1)));
    assertThat(sanValues).containsExactly("home.example.org", "192.0.2.1");
    assertThat(leaf.certificate().getBasicConstraints()).isEqualTo(-1);
    assertThat(pki.intermediate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void lifetimesSerialAndKeyIdentifiersAreAsChosen() throws Exception {
    byte[] keyId =
        HexFormat.ofDelimiter(":")
            .parseHex("69:88:5B:6B:87:46:40:41:E1:B3:7B:84:7B:A0:AE:2C:DE:01:C8:D4");
    TestPki pki = TestPki.create("ari", keyId);
    IssuedCert sixDay =
        pki.leaf()
            .dns("a.example.org")
            .lifetime(Duration.ofDays(6), Duration.ofDays(2))
            .serial(new BigInteger("0087654321", 16))
            .issue();
    X509Certificate c = sixDay.certificate();
    assertThat(Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant()))
        .isEqualTo(Duration.ofDays(6));
    assertThat(c.getSerialNumber()).isEqualTo(new BigInteger("87654321", 16));
    // AKI extension: OCTET STRING { SEQUENCE { [0] keyIdentifier } }; the key id is its tail.
    byte[] aki = c.getExtensionValue("2.5.29.35");
    assertThat(HexFormat.of().formatHex(aki)).endsWith(HexFormat.of().formatHex(keyId));

    IssuedCert expired = pki.leaf().dns("a.example.org").expired().issue();
    assertThat(expired.certificate().getNotAfter()).isInThePast();
    IssuedCert future = pki.leaf().dns("a.example.org").notYetValid().issue();
    assertThat(future.certificate().getNotBefore()).isInTheFuture();
  }

  @Test
  void filesAreWhatCertbotWrites() throws Exception {
    TestPki pki = TestPki.create("files");
    IssuedCert leaf = pki.leaf().dns("home.example.org").issue();
    Path chain = leaf.writeChainPem(dir.resolve("fullchain.pem"));
    Path der = leaf.writeDer(dir.resolve("cert.der"));
    Path key = leaf.writeKeyPem(dir.resolve("privkey.pem"));

    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    try (InputStream in = Files.newInputStream(chain)) {
      List<Object> certs = new java.util.ArrayList<>(cf.generateCertificates(in));
      assertThat(certs).containsExactly(leaf.certificate(), pki.intermediate());
    }
    try (InputStream in = Files.newInputStream(der)) {
      assertThat(cf.generateCertificate(in)).isEqualTo(leaf.certificate());
    }
    String pem = Files.readString(key);
    assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n");
    String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    var parsed =
        KeyFactory.getInstance("EC")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
    assertThat(parsed).isEqualTo(leaf.privateKey());
  }

  @Test
  void selfSignedHasNoIssuerChain() throws Exception {
    IssuedCert self = TestPki.selfSigned().dns("x.example.org").rsa(2048).issue();
    assertThat(self.chain()).hasSize(1);
    assertThat(self.root()).isNull();
    self.certificate().verify(self.certificate().getPublicKey());
    assertThat(self.presented(true)).isEqualTo(List.of(self.certificate()));
  }
}
