package dev.haremote.lab.tool;

import dev.haremote.labkit.certs.IssuedCert;
import dev.haremote.labkit.certs.LeafSpec;
import dev.haremote.labkit.certs.TestPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The lab's certificates, from labkit's test PKI: the lab's root CA (the services trust it through
 * {@code trust.extra-ca-file}) and leaf certificates for the DDNS name, each served with the
 * intermediate as certbot's fullchain.pem: {@code good}, {@code renewed} (same name, new key and
 * serial), {@code expired} and {@code wrongname} (valid, but for another name); and {@code
 * leafonly}, a good certificate served as certbot's cert.pem (no intermediate).
 */
public final class LabCertificates {

  private LabCertificates() {}

  /**
   * Writes ca.pem and, per leaf, NAME.pem (leaf then intermediate) and NAME.key into {@code dir}.
   */
  public static void writeAll(Path dir, String ddnsName) throws IOException {
    Files.createDirectories(dir);
    TestPki pki = TestPki.create("Remote Access Lab");
    Files.writeString(
        dir.resolve("ca.pem"), IssuedCert.pem(List.of(pki.root())), StandardCharsets.UTF_8);
    Instant now = Instant.now();
    write(dir, "good", pki.leaf().dns(ddnsName), now.minus(days(10)), now.plus(days(80)));
    write(
        dir,
        "renewed",
        pki.leaf().dns(ddnsName),
        now.minus(Duration.ofHours(1)),
        now.plus(days(90)));
    write(dir, "expired", pki.leaf().dns(ddnsName), now.minus(days(100)), now.minus(days(10)));
    IssuedCert leafOnly =
        pki.leaf().dns(ddnsName).validity(now.minus(days(10)), now.plus(days(80))).issue();
    leafOnly.writeLeafPem(dir.resolve("leafonly.pem"));
    leafOnly.writeKeyPem(dir.resolve("leafonly.key"));
    write(
        dir,
        "wrongname",
        pki.leaf().dns("router.example.org"),
        now.minus(days(10)),
        now.plus(days(80)));
  }

  private static void write(
      Path dir, String id, LeafSpec leaf, Instant notBefore, Instant notAfter) {
    IssuedCert cert = leaf.validity(notBefore, notAfter).issue();
    cert.writeChainPem(dir.resolve(id + ".pem"));
    cert.writeKeyPem(dir.resolve(id + ".key"));
  }

  private static Duration days(int n) {
    return Duration.ofDays(n);
  }
}
