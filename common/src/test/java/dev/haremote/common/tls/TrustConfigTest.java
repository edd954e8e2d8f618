package dev.haremote.common.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haremote.labkit.certs.IssuedCert;
import dev.haremote.labkit.certs.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustConfigTest {
  @TempDir Path dir;

  @Test
  void systemStoreIsNotEmptyAndTheExtraBundleIsAdded() throws Exception {
    TestPki pki = TestPki.create("private-ca");
    Path bundle = dir.resolve("ca.pem");
    Files.writeString(bundle, IssuedCert.pem(List.of(pki.root(), pki.intermediate())));

    TrustConfig system = TrustConfig.systemPlus(Optional.empty());
    TrustConfig plus = TrustConfig.systemPlus(Optional.of(bundle));

    assertThat(system.anchors()).isNotEmpty();
    assertThat(system.anchors()).doesNotContain(pki.root());
    assertThat(plus.anchors()).hasSize(system.anchors().size() + 2).contains(pki.root());

    IssuedCert leaf = pki.leaf().dns("home.example.org").issue();
    assertThat(new ChainVerifier(plus).verify(leaf.chain(), java.time.Instant.now()).status())
        .isEqualTo(ChainStatus.VALID);
  }

  @Test
  void unreadableBundleNamesTheFile() throws Exception {
    Path missing = dir.resolve("missing.pem");
    assertThatThrownBy(() -> TrustConfig.systemPlus(Optional.of(missing)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing.pem");
    Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate");
    assertThatThrownBy(() -> TrustConfig.systemPlus(Optional.of(junk)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("junk.pem");
  }
}
