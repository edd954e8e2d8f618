package dev.haremote.certwatch.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.certwatch.check.Reason;
import dev.haremote.certwatch.service.CertWatchStatus;
import dev.haremote.certwatch.service.CertificateStatus;
import dev.haremote.certwatch.testing.MonitorHarness;
import dev.haremote.labkit.certs.IssuedCert;
import dev.haremote.labkit.certs.TestPki;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input in one configuration: each gets its stable reason in the status and in
 * certwatch_check_errors_total, and the good file next to them is still checked (the service stays
 * up).
 */
class FileReasonsTest {
  @TempDir Path dir;

  @Test
  void everyBadInputHasItsReasonAndCounter() throws Exception {
    TestPki pki = TestPki.create("Files");
    Instant now = Instant.now();
    IssuedCert leaf =
        pki.leaf()
            .dns("home.test")
            .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(60)))
            .issue();
    Path good = leaf.writeChainPem(dir.resolve("fullchain.pem"));
    Path goodKey = leaf.writeKeyPem(dir.resolve("privkey.pem"));
    Path otherKey = pki.leaf().dns("home.test").issue().writeKeyPem(dir.resolve("other-key.pem"));
    Path certOnly = leaf.writeLeafPem(dir.resolve("cert.pem"));
    Path huge = dir.resolve("huge.pem");
    try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(10L * 1024 * 1024);
    }
    Path fifty =
        Files.writeString(
            dir.resolve("fifty.pem"), IssuedCert.pem(List.of(pki.intermediate())).repeat(50));
    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "<html>not a certificate</html>");
    Path directory = Files.createDirectory(dir.resolve("ssl-dir.pem"));
    Path broken =
        Files.createSymbolicLink(dir.resolve("live.pem"), dir.resolve("archive/fullchain9.pem"));
    Path missing = dir.resolve("missing.pem");

    Map<String, String> p = new HashMap<>();
    file(p, 0, "good", good, goodKey);
    file(p, 1, "wrongkey", good, otherKey);
    file(p, 2, "certonly", certOnly, null);
    file(p, 3, "huge", huge, null);
    file(p, 4, "fifty", fifty, null);
    file(p, 5, "garbage", garbage, null);
    file(p, 6, "directory", directory, null);
    file(p, 7, "broken", broken, null);
    file(p, 8, "missing", missing, null);
    file(p, 9, "nokey", good, dir.resolve("no-such-key.pem"));
    // A key file that cannot be read gets the certificate file's code for the same cause.
    Path emptyKey = Files.writeString(dir.resolve("empty-key.pem"), "");
    file(p, 10, "keydir", good, directory);
    file(p, 11, "keyhuge", good, huge);
    file(p, 12, "keyempty", good, emptyKey);
    // ... and does not hide what is wrong with the certificate itself.
    IssuedCert expired =
        pki.leaf()
            .dns("home.test")
            .validity(now.minus(Duration.ofDays(90)), now.minus(Duration.ofDays(1)))
            .issue();
    Path expiredChain = expired.writeChainPem(dir.resolve("expired.pem"));
    file(p, 13, "expirednokey", expiredChain, dir.resolve("no-such-key.pem"));
    file(p, 14, "expiredkeydir", expiredChain, directory);

    try (MonitorHarness harness = new MonitorHarness(p, List.of(pki.root()))) {
      CertWatchStatus status = harness.monitor.checkAll();

      CertificateStatus ok = MonitorHarness.certificate(status, "file-good");
      assertThat(ok.error()).isNull();
      assertThat(ok.keyMatches()).isTrue();
      assertThat(ok.chainValid()).isTrue();
      assertThat(ok.servedMatchesFile()).isNull();
      assertThat(ok.daysLeft()).isBetween(59.0, 60.0);

      CertificateStatus wrongKey = MonitorHarness.certificate(status, "file-wrongkey");
      assertThat(wrongKey.keyMatches()).isFalse();
      assertThat(wrongKey.error()).isEqualTo(Reason.KEY_MISMATCH);

      assertThat(MonitorHarness.certificate(status, "file-certonly").error())
          .isEqualTo(Reason.INCOMPLETE_CHAIN);

      Map<String, String> expected =
          Map.of(
              "huge", Reason.TOO_LARGE,
              "fifty", Reason.TOO_MANY_CERTIFICATES,
              "garbage", Reason.BAD_PEM,
              "directory", Reason.NOT_A_FILE,
              "broken", Reason.BROKEN_SYMLINK,
              "missing", Reason.NOT_FOUND,
              "nokey", Reason.KEY_NOT_FOUND,
              "keydir", Reason.NOT_A_FILE,
              "keyhuge", Reason.TOO_LARGE,
              "keyempty", Reason.EMPTY_FILE);
      expected.forEach(
          (id, reason) -> {
            CertificateStatus c = MonitorHarness.certificate(status, "file-" + id);
            assertThat(c.error()).as(id).isEqualTo(reason);
            assertThat(c.problem()).as(id).isTrue();
            assertThat(c.problemReason()).as(id).isEqualTo(reason);
            assertThat(c.errorDetail()).as(id).isNotBlank();
            assertThat(harness.errors(id, reason)).as(id).isEqualTo(1.0);
          });
      for (String id : List.of("expirednokey", "expiredkeydir")) {
        CertificateStatus c = MonitorHarness.certificate(status, "file-" + id);
        assertThat(c.error()).as(id).isEqualTo(Reason.EXPIRED);
        assertThat(c.keyMatches()).as(id).isNull();
      }
      assertThat(harness.errors("expiredkeydir", Reason.NOT_A_FILE)).isEqualTo(1.0);
      // The advice is about the key file, not the certificate file.
      assertThat(MonitorHarness.certificate(status, "file-keydir").advice())
          .isEqualTo("The private key file cannot be read: check the key path.");
      // The key file missing does not hide the certificate's data.
      assertThat(MonitorHarness.certificate(status, "file-nokey").notAfter()).isNotNull();
      assertThat(harness.errors("good", Reason.BAD_PEM)).isZero();

      // A second round counts again, and the good file is still fine: the service stays up.
      CertWatchStatus again = harness.monitor.checkAll();
      assertThat(harness.errors("huge", Reason.TOO_LARGE)).isEqualTo(2.0);
      assertThat(MonitorHarness.certificate(again, "file-good").error()).isNull();
    }
  }

  @Test
  void aKeyFileThatCannotBeReadHasTheCertificateFilesCodes() {
    assertThat(FileChecker.keyReadFailure(Reason.PERMISSION_DENIED))
        .isEqualTo(Reason.PERMISSION_DENIED);
    assertThat(FileChecker.keyReadFailure(Reason.IO_ERROR)).isEqualTo(Reason.IO_ERROR);
    assertThat(FileChecker.keyReadFailure(Reason.NOT_FOUND)).isEqualTo(Reason.KEY_NOT_FOUND);
    assertThat(FileChecker.keyReadFailure(Reason.BROKEN_SYMLINK)).isEqualTo(Reason.KEY_NOT_FOUND);
  }

  private static void file(Map<String, String> p, int i, String id, Path path, Path key) {
    p.put("certwatch.files[" + i + "].id", id);
    p.put("certwatch.files[" + i + "].path", path.toString());
    if (key != null) {
      p.put("certwatch.files[" + i + "].key", key.toString());
    }
  }
}
