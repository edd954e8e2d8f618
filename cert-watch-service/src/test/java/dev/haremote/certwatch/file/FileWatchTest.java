package dev.haremote.certwatch.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.certwatch.service.CertificateStatus;
import dev.haremote.certwatch.testing.Await;
import dev.haremote.certwatch.testing.MonitorHarness;
import dev.haremote.certwatch.testing.TestCertificates;
import dev.haremote.labkit.certs.IssuedCert;
import dev.haremote.labkit.certs.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A replaced file, in place or by a certbot-style symlink swap, is re-checked within 2 s. */
class FileWatchTest {
  private static final Duration BOUND = Duration.ofSeconds(2);
  @TempDir Path dir;

  private static IssuedCert leaf(TestPki pki, int days) {
    Instant now = Instant.now();
    return pki.leaf()
        .dns("home.test")
        .validity(now.minusSeconds(60), now.plus(Duration.ofDays(days)))
        .issue();
  }

  @Test
  void fileReplacedByRenameIsSeenWithinTwoSeconds() throws Exception {
    TestPki ca = TestPki.create("Watch");
    Path file = leaf(ca, 90).writeChainPem(dir.resolve("fullchain.pem"));
    Map<String, String> p =
        Map.of("certwatch.files[0].id", "ha-ssl", "certwatch.files[0].path", file.toString());
    try (MonitorHarness harness = new MonitorHarness(p, List.of(ca.root()));
        CertificateFileWatcher watcher =
            new CertificateFileWatcher(
                harness.config.files().orElseThrow(), harness.monitor::checkFile)) {
      harness.monitor.checkAll();
      watcher.start();
      String before = harness.certificate("file-ha-ssl").fingerprintSha256();

      IssuedCert renewed = leaf(ca, 45);
      Path tmp = renewed.writeChainPem(dir.resolve(".fullchain.pem.tmp"));
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      String after = TestCertificates.fingerprint(renewed.certificate());

      Duration took =
          Await.until(
              Duration.ofSeconds(5),
              () -> after.equals(harness.certificate("file-ha-ssl").fingerprintSha256()),
              "renewed file seen");
      assertThat(after).isNotEqualTo(before);
      System.out.println("file change seen after " + took.toMillis() + " ms");
      assertThat(took).isLessThan(BOUND);
      CertificateStatus seen = harness.certificate("file-ha-ssl");
      assertThat(seen.daysLeft()).isBetween(44.0, 45.0);
    }
  }

  @Test
  void certbotSymlinkSwapIsSeenWithinTwoSeconds() throws Exception {
    TestPki ca = TestPki.create("Certbot");
    Path archive = Files.createDirectories(dir.resolve("archive/home.test"));
    Path live = Files.createDirectories(dir.resolve("live/home.test"));
    leaf(ca, 90).writeChainPem(archive.resolve("fullchain1.pem"));
    Path link = live.resolve("fullchain.pem");
    Files.createSymbolicLink(link, Path.of("../../archive/home.test/fullchain1.pem"));
    Map<String, String> p =
        Map.of("certwatch.files[0].id", "certbot", "certwatch.files[0].path", link.toString());
    try (MonitorHarness harness = new MonitorHarness(p, List.of(ca.root()));
        CertificateFileWatcher watcher =
            new CertificateFileWatcher(
                harness.config.files().orElseThrow(), harness.monitor::checkFile)) {
      harness.monitor.checkAll();
      assertThat(CertificateFileWatcher.directoriesOf(link)).contains(live, archive);
      watcher.start();

      // certbot renew: a new archive file, then the live link is replaced by rename.
      IssuedCert renewed = leaf(ca, 6);
      renewed.writeChainPem(archive.resolve("fullchain2.pem"));
      Path newLink = live.resolve("fullchain.pem.new");
      Files.createSymbolicLink(newLink, Path.of("../../archive/home.test/fullchain2.pem"));
      Files.move(
          newLink, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      String after = TestCertificates.fingerprint(renewed.certificate());

      Duration took =
          Await.until(
              Duration.ofSeconds(5),
              () -> after.equals(harness.certificate("file-certbot").fingerprintSha256()),
              "swapped link seen");
      System.out.println("file change seen after " + took.toMillis() + " ms");
      assertThat(took).isLessThan(BOUND);
      assertThat(harness.certificate("file-certbot").lifetimeDays()).isLessThan(7.0);
    }
  }
}
