package dev.haremote.certwatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.haremote.certwatch.check.Reason;
import dev.haremote.certwatch.file.CertificateFileWatcher;
import dev.haremote.certwatch.testing.Await;
import dev.haremote.certwatch.testing.MonitorHarness;
import dev.haremote.certwatch.testing.NginxRunner;
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

/**
 * Debian's nginx serves the certificate file. The file is renewed: within 2 s the file change is
 * seen and, since nginx has not reloaded, served vs file is a mismatch with "reload" advice. After
 * {@code nginx -s reload} the mismatch is gone.
 */
class ServedVsFileNginxTest {
  @TempDir Path dir;

  @Test
  void renewedButNotReloadedUntilNginxReloads() throws Exception {
    boolean ci = "true".equals(System.getenv("CI"));
    if (!ci) {
      assumeThat(NginxRunner.available()).as("nginx (Debian nginx-light) installed").isTrue();
    }
    Issued root = TestCertificates.root("Nginx Root");
    Issued intermediate = TestCertificates.intermediate(root, "Nginx Intermediate");
    Instant now = Instant.now();
    Issued old =
        TestCertificates.leaf(
            intermediate,
            List.of("home.test"),
            now.minus(Duration.ofDays(60)),
            now.plus(Duration.ofDays(30)));
    Path ssl = Files.createDirectories(dir.resolve("ssl"));
    Path cert = ssl.resolve("fullchain.pem");
    Path key = ssl.resolve("privkey.pem");
    Files.writeString(cert, TestCertificates.pem(old.certificate(), intermediate.certificate()));
    Files.writeString(key, TestCertificates.pkcs8(old.keyPair()));

    try (NginxRunner nginx = NginxRunner.start(dir.resolve("nginx"), cert, key);
        MonitorHarness harness =
            new MonitorHarness(
                Map.of(
                    "certwatch.endpoints[0].id", "home",
                    "certwatch.endpoints[0].host", "home.test",
                    "certwatch.endpoints[0].address", "127.0.0.1",
                    "certwatch.endpoints[0].port", Integer.toString(nginx.port()),
                    "certwatch.files[0].id", "ha-ssl",
                    "certwatch.files[0].path", cert.toString(),
                    "certwatch.files[0].key", key.toString(),
                    "certwatch.files[0].served-by", "home"),
                List.of(root.certificate()));
        CertificateFileWatcher watcher =
            new CertificateFileWatcher(
                harness.config.files().orElseThrow(), harness.monitor::checkFile)) {
      harness.monitor.checkAll();
      CertificateStatus before = harness.certificate("file-ha-ssl");
      assertThat(before.servedMatchesFile()).isTrue();
      assertThat(before.keyMatches()).isTrue();
      assertThat(before.hostnameMatch()).isTrue();
      assertThat(before.error()).isNull();
      assertThat(servedMetric(harness)).isEqualTo(1.0);
      watcher.start();

      // Renewal writes the new key and certificate; nginx keeps serving the old one.
      Issued renewed =
          TestCertificates.leaf(
              intermediate,
              List.of("home.test"),
              now.minusSeconds(60),
              now.plus(Duration.ofDays(90)));
      String renewedFingerprint = TestCertificates.fingerprint(renewed.certificate());
      replace(key, TestCertificates.pkcs8(renewed.keyPair()));
      replace(cert, TestCertificates.pem(renewed.certificate(), intermediate.certificate()));

      Duration took =
          Await.until(
              Duration.ofSeconds(5),
              () ->
                  renewedFingerprint.equals(harness.certificate("file-ha-ssl").fingerprintSha256()),
              "renewed file seen");
      System.out.println("file change seen after " + took.toMillis() + " ms");
      assertThat(took).isLessThan(Duration.ofSeconds(2));
      CertificateStatus mismatch = harness.certificate("file-ha-ssl");
      assertThat(mismatch.servedMatchesFile()).isFalse();
      assertThat(mismatch.error()).isEqualTo(Reason.SERVED_MISMATCH);
      assertThat(mismatch.problem()).isTrue();
      assertThat(mismatch.servedFingerprintSha256())
          .isEqualTo(TestCertificates.fingerprint(old.certificate()));
      assertThat(mismatch.advice()).contains("restart Home Assistant").contains("reload");
      assertThat(mismatch.keyMatches()).isTrue();
      assertThat(servedMetric(harness)).isZero();

      nginx.reload();
      Await.until(
          Duration.ofSeconds(10),
          () -> {
            harness.monitor.checkAll();
            return Boolean.TRUE.equals(harness.certificate("file-ha-ssl").servedMatchesFile());
          },
          "nginx serving the renewed certificate after reload");
      CertificateStatus after = harness.certificate("file-ha-ssl");
      assertThat(after.error()).isNull();
      assertThat(after.problem()).isFalse();
      assertThat(harness.certificate("endpoint-home-ipv4").fingerprintSha256())
          .isEqualTo(renewedFingerprint);
      assertThat(servedMetric(harness)).isEqualTo(1.0);
    }
  }

  private static double servedMetric(MonitorHarness harness) {
    return harness
        .registry
        .find("certwatch_served_matches_file")
        .tags("id", "ha-ssl")
        .gauge()
        .value();
  }

  private static void replace(Path target, String content) throws Exception {
    Path tmp =
        Files.writeString(target.resolveSibling("." + target.getFileName() + ".tmp"), content);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
