package dev.haremote.common.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.labkit.certs.CertBuilder;
import dev.haremote.labkit.certs.IssuedCert;
import dev.haremote.labkit.certs.Pki;
import dev.haremote.labkit.certs.TestPki;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {
  private static TestPki pki;
  private static ChainVerifier verifier;

  @BeforeAll
  static void pki() {
    pki = TestPki.create("verifier");
    verifier = new ChainVerifier(TrustConfig.of(List.of(pki.root())));
  }

  @Test
  void validChainReachesTheAnchor() {
    IssuedCert leaf = pki.leaf().dns("home.example.org").issue();
    var v = verifier.verify(leaf.chain(), Instant.now());
    assertThat(v.status()).isEqualTo(ChainStatus.VALID);
    assertThat(v.complete()).isTrue();
    assertThat(v.reason()).isNull();
  }

  @Test
  void chainThatAlsoCarriesTheRootOrComesOutOfOrderIsStillValid() {
    IssuedCert leaf = pki.leaf().dns("home.example.org").issue();
    var withRoot =
        verifier.verify(List.of(leaf.certificate(), pki.intermediate(), pki.root()), Instant.now());
    assertThat(withRoot.status()).isEqualTo(ChainStatus.VALID);
    var shuffled =
        verifier.verify(List.of(leaf.certificate(), pki.root(), pki.intermediate()), Instant.now());
    assertThat(shuffled.status()).isEqualTo(ChainStatus.VALID);
  }

  @Test
  void expiredLeaf() {
    IssuedCert leaf = pki.leaf().dns("home.example.org").expired().issue();
    var v = verifier.verify(leaf.chain(), Instant.now());
    assertThat(v.status()).isEqualTo(ChainStatus.EXPIRED);
    assertThat(v.complete()).isTrue();
    assertThat(v.reason()).contains("expired at");
  }

  @Test
  void theInstantIsInjected() {
    IssuedCert leaf = pki.leaf().dns("home.example.org").issue();
    Instant afterExpiry = leaf.certificate().getNotAfter().toInstant().plusSeconds(1);
    assertThat(verifier.verify(leaf.chain(), afterExpiry).status()).isEqualTo(ChainStatus.EXPIRED);
    Instant beforeStart = leaf.certificate().getNotBefore().toInstant().minusSeconds(1);
    assertThat(verifier.verify(leaf.chain(), beforeStart).status())
        .isEqualTo(ChainStatus.NOT_YET_VALID);
  }

  @Test
  void notYetValidLeaf() {
    IssuedCert leaf = pki.leaf().dns("home.example.org").notYetValid().issue();
    assertThat(verifier.verify(leaf.chain(), Instant.now()).status())
        .isEqualTo(ChainStatus.NOT_YET_VALID);
  }

  @Test
  void expiredIntermediateCounts() {
    IssuedCert leaf = pki.leaf().dns("home.example.org").issue();
    Instant farFuture = pki.intermediate().getNotAfter().toInstant().plus(Duration.ofDays(1));
    var v = verifier.verify(leaf.chain(), farFuture);
    assertThat(v.status()).isEqualTo(ChainStatus.EXPIRED);
  }

  @Test
  void missingIntermediateIsIncompleteNotUntrusted() {
    IssuedCert leaf = pki.leaf().dns("home.example.org").issue();
    var v = verifier.verify(leaf.leafOnly(), Instant.now());
    assertThat(v.status()).isEqualTo(ChainStatus.INCOMPLETE_CHAIN);
    assertThat(v.complete()).isFalse();
    assertThat(v.reason()).contains("missing intermediate");
  }

  @Test
  void selfSignedIsUntrusted() {
    IssuedCert self = TestPki.selfSigned().dns("home.example.org").issue();
    var v = verifier.verify(self.chain(), Instant.now());
    assertThat(v.status()).isEqualTo(ChainStatus.UNTRUSTED);
    assertThat(v.problem()).isEqualTo(ChainProblem.SELF_SIGNED);
    // Nothing is missing from a self-signed chain: "complete" is only about intermediates.
    assertThat(v.complete()).isTrue();
    assertThat(v.reason()).contains("self-signed");
  }

  @Test
  void chainOfAnotherCaIsUntrustedWhenItsRootIsPresented() {
    TestPki other = TestPki.create("other");
    IssuedCert leaf = other.leaf().dns("home.example.org").issue();
    var v =
        verifier.verify(
            List.of(leaf.certificate(), other.intermediate(), other.root()), Instant.now());
    assertThat(v.status()).isEqualTo(ChainStatus.UNTRUSTED);
  }

  @Test
  void selfSignedCertificateThatIsAnAnchorIsValid() {
    IssuedCert self = TestPki.selfSigned().dns("home.example.org").issue();
    var trusting = new ChainVerifier(TrustConfig.of(List.of(self.certificate())));
    assertThat(trusting.verify(self.chain(), Instant.now()).status()).isEqualTo(ChainStatus.VALID);
  }

  @Test
  void nothingPresentedIsNone() {
    assertThat(verifier.verify(List.of(), Instant.now()).status()).isEqualTo(ChainStatus.NONE);
  }

  @Test
  void aRepeatedChainHasItsSignaturesCheckedOnce() {
    var fresh = new ChainVerifier(TrustConfig.of(List.of(pki.root())));
    IssuedCert leaf = pki.leaf().dns("home.example.org").issue();
    assertThat(fresh.verify(leaf.chain(), Instant.now()).status()).isEqualTo(ChainStatus.VALID);
    // Equal bytes in new objects, as every probe's handshake hands over.
    List<X509Certificate> again = reparsed(leaf.chain());
    assertThat(fresh.verify(again, Instant.now()).status()).isEqualTo(ChainStatus.VALID);
    assertThat(fresh.signatureChecks()).isEqualTo(1);
  }

  @Test
  void aChangedChainIsNotHiddenByTheCache() {
    var fresh = new ChainVerifier(TrustConfig.of(List.of(pki.root())));
    IssuedCert before = pki.leaf().dns("home.example.org").issue();
    IssuedCert renewedBadly = pki.leaf().dns("home.example.org").expired().issue();
    assertThat(fresh.verify(before.chain(), Instant.now()).status()).isEqualTo(ChainStatus.VALID);
    assertThat(fresh.verify(renewedBadly.chain(), Instant.now()).status())
        .isEqualTo(ChainStatus.EXPIRED);
    // The same leaf without its intermediate is another chain.
    assertThat(fresh.verify(before.leafOnly(), Instant.now()).status())
        .isEqualTo(ChainStatus.INCOMPLETE_CHAIN);
    // A self-signed stand-in for the same name.
    IssuedCert self = TestPki.selfSigned().dns("home.example.org").issue();
    assertThat(fresh.verify(self.chain(), Instant.now()).status()).isEqualTo(ChainStatus.UNTRUSTED);
    assertThat(fresh.verify(before.chain(), Instant.now()).status()).isEqualTo(ChainStatus.VALID);
    assertThat(fresh.signatureChecks()).isEqualTo(4);
  }

  @Test
  void crossingTheValidityDatesIsNotHiddenByTheCache() {
    var fresh = new ChainVerifier(TrustConfig.of(List.of(pki.root())));
    IssuedCert leaf = pki.leaf().dns("home.example.org").issue();
    Instant notAfter = leaf.certificate().getNotAfter().toInstant();
    Instant notBefore = leaf.certificate().getNotBefore().toInstant();
    assertThat(fresh.verify(leaf.chain(), Instant.now()).status()).isEqualTo(ChainStatus.VALID);
    assertThat(fresh.verify(leaf.chain(), notAfter.plusSeconds(1)).status())
        .isEqualTo(ChainStatus.EXPIRED);
    assertThat(fresh.verify(leaf.chain(), notBefore.minusSeconds(1)).status())
        .isEqualTo(ChainStatus.NOT_YET_VALID);
    assertThat(fresh.verify(leaf.chain(), notAfter.minusSeconds(1)).status())
        .isEqualTo(ChainStatus.VALID);
    assertThat(fresh.signatureChecks()).isEqualTo(1);
  }

  @Test
  void aChainFirstSeenExpiredIsValidatedWhenItsDatesPass() {
    var fresh = new ChainVerifier(TrustConfig.of(List.of(pki.root())));
    IssuedCert leaf = pki.leaf().dns("home.example.org").issue();
    Instant afterExpiry = leaf.certificate().getNotAfter().toInstant().plusSeconds(1);
    assertThat(fresh.verify(leaf.chain(), afterExpiry).status()).isEqualTo(ChainStatus.EXPIRED);
    assertThat(fresh.verify(leaf.chain(), Instant.now()).status()).isEqualTo(ChainStatus.VALID);
  }

  @Test
  void theTrustConfigurationIsPartOfTheVerdict() {
    TestPki other = TestPki.create("other-trust");
    IssuedCert leaf = other.leaf().dns("home.example.org").issue();
    assertThat(verifier.verify(leaf.chain(), Instant.now()).status())
        .isNotEqualTo(ChainStatus.VALID);
    var trusting = new ChainVerifier(TrustConfig.of(List.of(other.root())));
    assertThat(trusting.verify(leaf.chain(), Instant.now()).status()).isEqualTo(ChainStatus.VALID);
    assertThat(verifier.verify(leaf.chain(), Instant.now()).status())
        .isNotEqualTo(ChainStatus.VALID);
  }

  @Test
  void theEndEntityIsPickedByItsRelationsNotByItsPlace() {
    IssuedCert leaf = pki.leaf().dns("home.example.org").expired().issue();
    List<X509Certificate> intermediateFirst = List.of(pki.intermediate(), leaf.certificate());
    var v = verifier.verify(intermediateFirst, Instant.now());
    assertThat(v.problem()).isEqualTo(ChainProblem.WRONG_ORDER);
    // The verdict is about the real leaf, whose own dates the caller reports.
    assertThat(v.leaf()).isEqualTo(leaf.certificate());
    assertThat(v.status()).isNotEqualTo(ChainStatus.VALID);
    // With the key's help too; and in the right order nothing is wrong with the order.
    var byKey =
        verifier.verify(intermediateFirst, Instant.now(), c -> c.equals(leaf.certificate()));
    assertThat(byKey.leaf()).isEqualTo(leaf.certificate());
    assertThat(verifier.verify(leaf.chain(), Instant.now()).problem())
        .isEqualTo(ChainProblem.EXPIRED);
  }

  @Test
  void anIntermediateThatExpiredIsItsOwnProblem() {
    Pki root = CertBuilder.root("expired-intermediate").build();
    Instant now = Instant.now();
    Pki ca =
        CertBuilder.intermediate("expired-intermediate CA", root)
            .validity(now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(2)))
            .build();
    Pki leaf =
        CertBuilder.leaf(ca)
            .dns("home.example.org")
            .validity(now.minus(Duration.ofDays(10)), now.plus(Duration.ofDays(80)))
            .build();
    var v =
        new ChainVerifier(TrustConfig.of(List.of(root.certificate())))
            .verify(leaf.withoutRoot(), now);
    assertThat(v.problem()).isEqualTo(ChainProblem.INTERMEDIATE_EXPIRED);
    assertThat(v.status()).isEqualTo(ChainStatus.EXPIRED);
    assertThat(v.reason()).contains("expired-intermediate CA");
  }

  @Test
  void thePathEndsAtTheFirstCertificateATrustedRootIssued() {
    // OpenSSL 3 (trusted first) says OK: the trusted root issued the intermediate, so the expired
    // cross-signed copy of that root and the untrusted old root above it are never looked at.
    Instant now = Instant.now();
    Pki root = CertBuilder.root("cross new").build();
    Pki oldRoot = CertBuilder.root("cross old").build();
    Pki crossSigned =
        CertBuilder.intermediate("cross new", oldRoot)
            .keys(root.keys())
            .validity(now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(2)))
            .build();
    Pki ca = CertBuilder.intermediate("cross CA", root).build();
    Pki leaf = CertBuilder.leaf(ca).dns("home.example.org").build();
    var v =
        new ChainVerifier(TrustConfig.of(List.of(root.certificate())))
            .verify(
                List.of(
                    leaf.certificate(),
                    ca.certificate(),
                    crossSigned.certificate(),
                    oldRoot.certificate()),
                now);
    assertThat(v.problem()).as(v.reason()).isEqualTo(ChainProblem.NONE);
  }

  @Test
  void aCurrentlyValidIssuerIsPreferredToAnExpiredOneOfTheSameNameAndKey() {
    Instant now = Instant.now();
    Pki root = CertBuilder.root("copies").build();
    Pki ca = CertBuilder.intermediate("copies CA", root).build();
    Pki expiredCopy =
        CertBuilder.intermediate("copies CA", root)
            .keys(ca.keys())
            .validity(now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(2)))
            .build();
    Pki leaf = CertBuilder.leaf(ca).dns("home.example.org").build();
    ChainVerifier copies = new ChainVerifier(TrustConfig.of(List.of(root.certificate())));
    var v =
        copies.verify(
            List.of(leaf.certificate(), expiredCopy.certificate(), ca.certificate()), now);
    assertThat(v.problem()).as(v.reason()).isEqualTo(ChainProblem.NONE);
    var currentFirst =
        copies.verify(
            List.of(leaf.certificate(), ca.certificate(), expiredCopy.certificate()), now);
    assertThat(currentFirst.problem()).as(currentFirst.reason()).isEqualTo(ChainProblem.NONE);
  }

  @Test
  void anExpiredTrustedRootFailsAsInOpenSsl() {
    // Java's PKIX never looks at an anchor's dates; OpenSSL 3 does (error 10 at the root's depth).
    Instant now = Instant.now();
    Pki root =
        CertBuilder.root("expired root")
            .validity(now.minus(Duration.ofDays(800)), now.minus(Duration.ofDays(2)))
            .build();
    Pki ca =
        CertBuilder.intermediate("expired root CA", root)
            .validity(now.minus(Duration.ofDays(10)), now.plus(Duration.ofDays(1000)))
            .build();
    Pki leaf =
        CertBuilder.leaf(ca)
            .dns("home.example.org")
            .validity(now.minus(Duration.ofDays(5)), now.plus(Duration.ofDays(80)))
            .build();
    ChainVerifier expiredRoot = new ChainVerifier(TrustConfig.of(List.of(root.certificate())));
    for (List<X509Certificate> chain : List.of(leaf.withoutRoot(), leaf.chain())) {
      var v = expiredRoot.verify(chain, now);
      assertThat(v.problem()).isEqualTo(ChainProblem.INTERMEDIATE_EXPIRED);
      assertThat(v.reason()).startsWith("the trusted root CN=expired root");
    }
    // Before its end the same chain is valid.
    assertThat(expiredRoot.verify(leaf.withoutRoot(), now.minus(Duration.ofDays(3))).problem())
        .isEqualTo(ChainProblem.NONE);
  }

  @Test
  void aCompleteChainOfAnUntrustedPrivateCaLacksNothing() {
    TestPki other = TestPki.create("private-untrusted");
    IssuedCert leaf = other.leaf().dns("home.example.org").issue();
    var v = verifier.verify(leaf.chain(), Instant.now());
    assertThat(v.problem()).isEqualTo(ChainProblem.UNTRUSTED_ROOT);
    assertThat(v.status()).isEqualTo(ChainStatus.UNTRUSTED);
    assertThat(v.complete()).isTrue();
  }

  @Test
  void whatOpenSslRefusesAtSecurityLevelTwoHasItsOwnProblem() {
    Pki root = CertBuilder.root("policy").build();
    Pki sha1Root = CertBuilder.root("policy SHA-1 root").digest("SHA1").build();
    var policy =
        new ChainVerifier(TrustConfig.of(List.of(root.certificate(), sha1Root.certificate())));
    Pki ca = CertBuilder.intermediate("policy CA", root).build();
    Map<ChainProblem, Pki> cases = new java.util.LinkedHashMap<>();
    cases.put(ChainProblem.WEAK_CRYPTO, CertBuilder.leaf(ca).dns("h.test").digest("SHA1").build());
    cases.put(
        ChainProblem.WRONG_PURPOSE,
        CertBuilder.leaf(
                CertBuilder.intermediate("policy client CA", root)
                    .eku(org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_clientAuth)
                    .build())
            .dns("h.test")
            .build());
    cases.put(
        ChainProblem.CRITICAL_EXTENSION,
        CertBuilder.leaf(ca).dns("h.test").unknownCriticalExtension().build());
    cases.put(
        ChainProblem.NAME_CONSTRAINTS,
        CertBuilder.leaf(
                CertBuilder.intermediate("policy NC CA", root).permitDns("allowed.test").build())
            .dns("h.test")
            .build());
    cases.put(
        ChainProblem.INVALID_CA,
        CertBuilder.leaf(
                CertBuilder.intermediate("policy not a CA", root).withoutBasicConstraints().build())
            .dns("h.test")
            .build());
    // A trusted root's own SHA-1 signature is never checked.
    cases.put(
        ChainProblem.NONE,
        CertBuilder.leaf(CertBuilder.intermediate("policy CA 2", sha1Root).build())
            .dns("h.test")
            .build());
    cases.forEach(
        (expected, leaf) -> {
          var v = policy.verify(leaf.withoutRoot(), Instant.now());
          assertThat(v.problem()).as(v.reason()).isEqualTo(expected);
          assertThat(v.status() == ChainStatus.VALID).isEqualTo(expected == ChainProblem.NONE);
          assertThat(v.complete()).isTrue();
        });
  }

  private static List<X509Certificate> reparsed(List<X509Certificate> chain) {
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      List<X509Certificate> result = new java.util.ArrayList<>();
      for (X509Certificate c : chain) {
        result.add(
            (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(c.getEncoded())));
      }
      return result;
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
