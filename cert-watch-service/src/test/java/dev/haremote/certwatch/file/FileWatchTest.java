package dev.haremote.certwatch.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.certwatch.service.CertificateStatus;
import dev.haremote.certwatch.testing.Await;
import dev.haremote.certwatch.testing.MonitorHarness;
import dev.haremote.certwatch.testing.TestCertificates;
import dev.haremote.certwatch.testing.TestCertificates.Issued;
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

  private static Issued leaf(Issued ca, int days) {
    Instant now = Instant.now();
    return TestCertificates.leaf(
        ca, List.of("home.test"), now.minusSeconds(60), now.plus(Duration.ofDays(days)));
  }

  @Test
  void fileReplacedByRenameIsSeenWithinTwoSeconds() throws Exception {
    Issued ca = TestCertificates.root("Watch Root");
    Path file =
        Files.writeString(
            dir.resolve("fullchain.pem"), TestCertificates.pem(leaf(ca, 90).certificate()));
    Map<String, String> p =
        Map.of("certwatch.files[0].id", "ha-ssl", "certwatch.files[0].path", file.toString());
    try (MonitorHarness harness = new MonitorHarness(p, List.of(ca.certificate()));
        CertificateFileWatcher watcher =
            new CertificateFileWatcher(
                harness.config.files().orElseThrow(), harness.monitor::checkFile)) {
      harness.monitor.checkAll();
      watcher.start();
      String before = harness.certificate("file-ha-ssl").fingerprintSha256();

      Issued renewed = leaf(ca, 45);
      Path tmp =
          Files.writeString(
              dir.resolve(".fullchain.pem.tmp"), TestCertificates.pem(renewed.certificate()));
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
    Issued ca = TestCertificates.root("Certbot Root");
    Path archive = Files.createDirectories(dir.resolve("archive/home.test"));
    Path live = Files.createDirectories(dir.resolve("live/home.test"));
    Files.writeString(
        archive.resolve("fullchain1.pem"), TestCertificates.pem(leaf(ca, 90).certificate()));
    Path link = live.resolve("fullchain.pem");
    Files.createSymbolicLink(link, Path.of("../../archive/home.test/fullchain1.pem"));
    Map<String, String> p =
        Map.of("certwatch.files[0].id", "certbot", "certwatch.files[0].path", link.toString());
    try (MonitorHarness harness = new MonitorHarness(p, List.of(ca.certificate()));
        CertificateFileWatcher watcher =
            new CertificateFileWatcher(
                harness.config.files().orElseThrow(), harness.monitor::checkFile)) {
      harness.monitor.checkAll();
      assertThat(CertificateFileWatcher.directoriesOf(link)).contains(live, archive);
      watcher.start();

      // certbot renew: a new archive file, then the live link is replaced by rename.
      Issued renewed = leaf(ca, 6);
      Files.writeString(
          archive.resolve("fullchain2.pem"), TestCertificates.pem(renewed.certificate()));
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
