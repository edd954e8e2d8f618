package dev.haremote.hatests;

import dev.haremote.labkit.certs.IssuedCert;
import dev.haremote.labkit.certs.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Home Assistant's certificate files from labkit's {@link TestPki}: {@code fullchain.pem} (leaf for
 * localhost/127.0.0.1, then the intermediate) and {@code privkey.pem} for {@code
 * ssl_certificate}/{@code ssl_key}, and the root as {@code ca.pem} for the clients.
 */
final class LabCertificates {
  final X509Certificate ca;
  final X509Certificate server;
  final Path fullchain;
  final Path privateKey;
  final Path caFile;
  private final TestPki pki;

  private LabCertificates(TestPki pki, IssuedCert leaf, Path dir) {
    this.pki = pki;
    this.ca = pki.root();
    this.server = leaf.certificate();
    this.fullchain = dir.resolve("fullchain.pem");
    this.privateKey = dir.resolve("privkey.pem");
    this.caFile = dir.resolve("ca.pem");
  }

  static LabCertificates create(Path dir) {
    try {
      Files.createDirectories(dir);
      TestPki pki = TestPki.create("ha-remote-access lab");
      Files.writeString(
          dir.resolve("ca.pem"), IssuedCert.pem(List.of(pki.root())), StandardCharsets.US_ASCII);
      return issueInto(pki, dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a newly issued certificate and key over the files, as a renewal does. A server that has
   * them loaded keeps serving the old one until it restarts.
   */
  LabCertificates renew() {
    return issueInto(pki, fullchain.getParent());
  }

  private static LabCertificates issueInto(TestPki pki, Path dir) {
    IssuedCert leaf = pki.leaf().dns("localhost").ip("127.0.0.1").issue();
    LabCertificates files = new LabCertificates(pki, leaf, dir);
    leaf.writeChainPem(files.fullchain);
    leaf.writeKeyPem(files.privateKey);
    return files;
  }
}
