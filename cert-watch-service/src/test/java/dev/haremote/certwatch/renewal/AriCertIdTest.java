package dev.haremote.certwatch.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.certwatch.testing.TestCertificates;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class AriCertIdTest {

  @Test
  void passesTheRfc9773TestVector() {
    String id =
        AriCertId.of(
            AriCertId.hex("69:88:5B:6B:87:46:40:41:E1:B3:7B:84:7B:A0:AE:2C:DE:01:C8:D4"),
            AriCertId.hex("00:87:65:43:21"));
    assertThat(id).isEqualTo("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE");
  }

  @Test
  void takesAkiAndSerialFromACertificate() {
    TestCertificates.Issued ca = TestCertificates.root("ARI Test CA");
    TestCertificates.Issued leaf =
        TestCertificates.leaf(
            ca, List.of("home.test"), Instant.now(), Instant.now().plusSeconds(86_400));
    String id = AriCertId.of(leaf.certificate()).orElseThrow();
    String[] parts = id.split("\\.");
    assertThat(parts).hasSize(2);
    assertThat(id).doesNotContain("=").doesNotContain("+").doesNotContain("/");
    assertThat(Base64.getUrlDecoder().decode(parts[1]))
        .isEqualTo(leaf.certificate().getSerialNumber().toByteArray());
    assertThat(Base64.getUrlDecoder().decode(parts[0])).hasSize(20);
  }

  @Test
  void selfSignedWithoutAkiHasNoCertId() {
    TestCertificates.Issued self =
        TestCertificates.selfSigned(
            List.of("home.test"), Instant.now(), Instant.now().plusSeconds(86_400));
    assertThat(AriCertId.of(self.certificate())).isEmpty();
  }
}
