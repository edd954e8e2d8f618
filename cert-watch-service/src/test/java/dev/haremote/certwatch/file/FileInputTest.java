package dev.haremote.certwatch.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.haremote.certwatch.check.Reason;
import dev.haremote.certwatch.testing.TestCertificates;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileInputTest {
  private static final long MAX = 1024 * 1024;
  static TestCertificates.Issued ca;
  static TestCertificates.Issued intermediate;
  static TestCertificates.Issued leaf;

  @TempDir Path dir;

  @BeforeAll
  static void pki() {
    ca = TestCertificates.root("File Test Root");
    intermediate = TestCertificates.intermediate(ca, "File Test Intermediate");
    leaf =
        TestCertificates.leaf(
            intermediate,
            List.of("home.test"),
            Instant.now().minusSeconds(60),
            Instant.now().plusSeconds(86_400));
  }

  private CertificateParser.Parsed parse(Path path) {
    FileBytes bytes = FileBytes.read(path, MAX);
    if (!bytes.ok()) {
      return new CertificateParser.Parsed(List.of(), bytes.reason(), bytes.detail());
    }
    return CertificateParser.parse(bytes.bytes(), 16);
  }

  @Test
  void pemChainLeafFirst() throws Exception {
    Path file = dir.resolve("fullchain.pem");
    Files.writeString(file, TestCertificates.pem(leaf.certificate(), intermediate.certificate()));
    CertificateParser.Parsed parsed = parse(file);
    assertThat(parsed.reason()).isNull();
    assertThat(parsed.certificates())
        .containsExactly(leaf.certificate(), intermediate.certificate());
  }

  @Test
  void pemWithBundledKeySkipsTheKey() throws Exception {
    Path file = dir.resolve("combined.pem");
    Files.writeString(
        file, TestCertificates.pkcs8(leaf.keyPair()) + TestCertificates.pem(leaf.certificate()));
    assertThat(parse(file).certificates()).containsExactly(leaf.certificate());
  }

  @Test
  void derCertificate() throws Exception {
    Path file = dir.resolve("cert.der");
    Files.write(file, leaf.certificate().getEncoded());
    assertThat(parse(file).certificates()).containsExactly(leaf.certificate());
  }

  @Test
  void garbageIsBadPem() throws Exception {
    Path file = dir.resolve("garbage.pem");
    Files.writeString(file, "this is not a certificate\n\u0001\u0002");
    assertThat(parse(file).reason()).isEqualTo(Reason.BAD_PEM);
  }

  @Test
  void brokenBase64IsBadPem() throws Exception {
    Path file = dir.resolve("broken.pem");
    Files.writeString(
        file, "-----BEGIN CERTIFICATE-----\n@@@not base64@@@\n-----END CERTIFICATE-----\n");
    assertThat(parse(file).reason()).isEqualTo(Reason.BAD_PEM);
  }

  @Test
  void keyFileGivenAsCertificateIsBadPemNamingWhatWasFound() throws Exception {
    Path file = dir.resolve("privkey.pem");
    Files.writeString(file, TestCertificates.pkcs8(leaf.keyPair()));
    CertificateParser.Parsed parsed = parse(file);
    assertThat(parsed.reason()).isEqualTo(Reason.BAD_PEM);
    assertThat(parsed.detail()).contains("PRIVATE KEY");
  }

  @Test
  void derGarbageIsBadDer() throws Exception {
    Path file = dir.resolve("bad.der");
    Files.write(file, new byte[] {0x30, 0x03, 0x01, 0x02});
    assertThat(parse(file).reason()).isEqualTo(Reason.BAD_DER);
  }

  @Test
  void tenMegabyteFileIsTooLargeWithoutReadingIt() throws Exception {
    Path file = dir.resolve("huge.pem");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(10L * 1024 * 1024);
    }
    assertThat(parse(file).reason()).isEqualTo(Reason.TOO_LARGE);
  }

  @Test
  void fiftyCertificateChainIsTooMany() throws Exception {
    Path file = dir.resolve("fifty.pem");
    String one = TestCertificates.pem(intermediate.certificate());
    Files.writeString(file, one.repeat(50));
    CertificateParser.Parsed parsed = parse(file);
    assertThat(parsed.reason()).isEqualTo(Reason.TOO_MANY_CERTIFICATES);
    assertThat(parsed.detail()).contains("16");
  }

  @Test
  void missingFileBrokenSymlinkDirectoryEmpty() throws Exception {
    assertThat(parse(dir.resolve("nope.pem")).reason()).isEqualTo(Reason.NOT_FOUND);

    Path link = dir.resolve("live.pem");
    Files.createSymbolicLink(link, dir.resolve("archive/gone.pem"));
    assertThat(parse(link).reason()).isEqualTo(Reason.BROKEN_SYMLINK);

    Path directory = Files.createDirectory(dir.resolve("fullchain.pem"));
    assertThat(parse(directory).reason()).isEqualTo(Reason.NOT_A_FILE);

    Path empty = Files.createFile(dir.resolve("empty.pem"));
    assertThat(parse(empty).reason()).isEqualTo(Reason.EMPTY_FILE);
  }

  @Test
  void fifoIsNotAFileAndDoesNotBlock() throws Exception {
    Path fifo = dir.resolve("fifo.pem");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assumeThat(mkfifo.waitFor()).as("mkfifo available").isZero();
    assertThat(parse(fifo).reason()).isEqualTo(Reason.NOT_A_FILE);
  }

  @Test
  void unreadableFileIsPermissionDeniedForNonRoot() throws Exception {
    // Root reads mode-000 files, so this case can only be shown for other users.
    assumeThat(System.getProperty("user.name")).as("not running as root").isNotEqualTo("root");
    Path file = dir.resolve("secret.pem");
    Files.writeString(file, TestCertificates.pem(leaf.certificate()));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    assertThat(parse(file).reason()).isEqualTo(Reason.PERMISSION_DENIED);
  }

  @Test
  void parserNeverSeesMoreThanTheCap() {
    byte[] big = "A".repeat(100).getBytes(StandardCharsets.US_ASCII);
    assertThat(CertificateParser.parse(big, 16).reason()).isEqualTo(Reason.BAD_PEM);
  }
}
