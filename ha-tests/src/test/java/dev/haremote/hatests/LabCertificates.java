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

  private LabCertificates(X509Certificate ca, X509Certificate server, Path fullchain, Path key) {
    this.ca = ca;
    this.server = server;
    this.fullchain = fullchain;
    this.privateKey = key;
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
      KeyPair serverKeys = keyPair();
      X509Certificate server =
          sign(
              new JcaX509v3CertificateBuilder(
                      caName,
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
      Files.createDirectories(dir);
      Path fullchain = dir.resolve("fullchain.pem");
      Path key = dir.resolve("privkey.pem");
      Files.writeString(fullchain, pem(server) + pem(ca), StandardCharsets.US_ASCII);
      // PKCS#8 (BEGIN PRIVATE KEY): Python's ssl rejects BouncyCastle's default EC key encoding.
      Files.writeString(
          key,
          pem(new JcaPKCS8Generator(serverKeys.getPrivate(), null)),
          StandardCharsets.US_ASCII);
      return new LabCertificates(ca, server, fullchain, key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
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
