package dev.haremote.certwatch.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.haremote.certwatch.check.Reason;
import dev.haremote.labkit.certs.IssuedCert;
import dev.haremote.labkit.certs.TestPki;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileInputTest {
  private static final long MAX = 1024 * 1024;
  static TestPki pki;
  static IssuedCert leaf;

  @TempDir Path dir;

  @BeforeAll
  static void pki() {
    pki = TestPki.create("File Test");
    leaf = pki.leaf().dns("home.test").issue();
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
    leaf.writeChainPem(file);
    CertificateParser.Parsed parsed = parse(file);
    assertThat(parsed.reason()).isNull();
    assertThat(parsed.certificates()).containsExactly(leaf.certificate(), pki.intermediate());
  }

  @Test
  void utf8ByteOrderMarkBeforeTheFirstBlockIsReadPast() throws Exception {
    byte[] pem = Files.readAllBytes(leaf.writeChainPem(dir.resolve("plain.pem")));
    byte[] withBom = new byte[pem.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(pem, 0, withBom, 3, pem.length);
    Path file = Files.write(dir.resolve("bom.pem"), withBom);
    CertificateParser.Parsed parsed = parse(file);
    assertThat(parsed.reason()).isNull();
    // The leaf is not lost: OpenSSL and nginx read it as the first certificate too.
    assertThat(parsed.certificates()).containsExactly(leaf.certificate(), pki.intermediate());
  }

  @Test
  void pemWithBundledKeySkipsTheKey() throws Exception {
    Path file = dir.resolve("combined.pem");
    Files.writeString(
        file,
        Files.readString(leaf.writeKeyPem(dir.resolve("key.pem")))
            + IssuedCert.pem(List.of(leaf.certificate())));
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
    leaf.writeKeyPem(file);
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
    String one = IssuedCert.pem(List.of(pki.intermediate()));
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
    leaf.writeLeafPem(file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    assertThat(parse(file).reason()).isEqualTo(Reason.PERMISSION_DENIED);
  }

  @Test
  void parserNeverSeesMoreThanTheCap() {
    byte[] big = "A".repeat(100).getBytes(StandardCharsets.US_ASCII);
    assertThat(CertificateParser.parse(big, 16).reason()).isEqualTo(Reason.BAD_PEM);
  }
}
