package dev.haremote.common.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.labkit.certs.IssuedCert;
import dev.haremote.labkit.certs.TestPki;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
    assertThat(v.complete()).isFalse();
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
}
