package dev.haremote.hatests;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away CA and one server certificate for 127.0.0.1/localhost, as PEM files for Home
 * Assistant's {@code ssl_certificate}/{@code ssl_key}. Stands in until labkit's TestPki lands.
 */
final class LabCertificates {
  final X509Certificate ca;
  final X509Certificate server;
  final Path fullchain;
  final Path privateKey;
  final Path caFile;
  private final KeyPair caKeys;

  private LabCertificates(X509Certificate ca, KeyPair caKeys, X509Certificate server, Path dir) {
    this.ca = ca;
    this.caKeys = caKeys;
    this.server = server;
    this.fullchain = dir.resolve("fullchain.pem");
    this.privateKey = dir.resolve("privkey.pem");
    this.caFile = dir.resolve("ca.pem");
  }

  static LabCertificates create(Path dir) {
    try {
      KeyPair caKeys = keyPair();
      X500Name caName = new X500Name("CN=ha-remote-access lab CA");
      Instant now = Instant.now();
      X509Certificate ca =
          sign(
              new JcaX509v3CertificateBuilder(
                      caName,
                      serial(),
                      Date.from(now.minus(Duration.ofMinutes(5))),
                      Date.from(now.plus(Duration.ofDays(30))),
                      caName,
                      caKeys.getPublic())
                  .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                  .addExtension(
                      Extension.keyUsage,
                      true,
                      new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
              caKeys);
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("ca.pem"), pem(ca), StandardCharsets.US_ASCII);
      return issueInto(dir, ca, caKeys);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes a newly issued server certificate and key over the files, as a renewal does. A server
   * that has them loaded keeps serving the old one until it restarts.
   */
  LabCertificates renew() {
    try {
      return issueInto(fullchain.getParent(), ca, caKeys);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static LabCertificates issueInto(Path dir, X509Certificate ca, KeyPair caKeys)
      throws IOException,
          GeneralSecurityException,
          org.bouncycastle.operator.OperatorCreationException {
    Instant now = Instant.now();
    KeyPair serverKeys = keyPair();
    X509Certificate server =
        sign(
            new JcaX509v3CertificateBuilder(
                    ca,
                    serial(),
                    Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(10))),
                    new X500Name("CN=localhost"),
                    serverKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(
                    Extension.subjectAlternativeName,
                    false,
                    new GeneralNames(
                        new GeneralName[] {
                          new GeneralName(GeneralName.dNSName, "localhost"),
                          new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                        })),
            caKeys);
    LabCertificates issued = new LabCertificates(ca, caKeys, server, dir);
    Files.writeString(issued.fullchain, pem(server) + pem(ca), StandardCharsets.US_ASCII);
    // PKCS#8 (BEGIN PRIVATE KEY): Python's ssl rejects BouncyCastle's default EC key encoding.
    Files.writeString(
        issued.privateKey,
        pem(new JcaPKCS8Generator(serverKeys.getPrivate(), null)),
        StandardCharsets.US_ASCII);
    return issued;
  }

  private static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(64, new SecureRandom()).add(BigInteger.ONE);
  }

  private static X509Certificate sign(
      org.bouncycastle.cert.X509v3CertificateBuilder builder, KeyPair issuer)
      throws GeneralSecurityException, org.bouncycastle.operator.OperatorCreationException {
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
  }

  private static String pem(Object object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      if (object instanceof org.bouncycastle.util.io.pem.PemObjectGenerator generator) {
        writer.writeObject(generator);
      } else {
        writer.writeObject(object);
      }
    }
    return out.toString();
  }
}
