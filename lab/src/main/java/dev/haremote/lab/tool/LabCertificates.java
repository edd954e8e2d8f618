package dev.haremote.lab.tool;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
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
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The lab's certificates: a lab CA (the services trust it through {@code trust.extra-ca-file}) and
 * leaf certificates for the DDNS name: {@code good}, {@code renewed} (same name, new key and
 * serial), {@code expired} and {@code wrongname} (valid, but for another name).
 */
public final class LabCertificates {

  private static final SecureRandom RANDOM = new SecureRandom();

  private LabCertificates() {}

  /** Writes ca.pem and, per leaf, NAME.pem (leaf then CA) and NAME.key into {@code dir}. */
  public static void writeAll(Path dir, String ddnsName)
      throws IOException, GeneralSecurityException, OperatorCreationException {
    Files.createDirectories(dir);
    Instant now = Instant.now();
    KeyPair caKey = newKey();
    X500Name caName = new X500Name("CN=Remote Access Lab CA");
    X509Certificate ca =
        sign(
            caName,
            caKey,
            caName,
            caKey.getPublic(),
            now.minus(Duration.ofDays(400)),
            now.plus(Duration.ofDays(3650)),
            null,
            true);
    Files.writeString(dir.resolve("ca.pem"), pem(ca));
    writeLeaf(dir, "good", ca, caKey, ddnsName, now.minus(Duration.ofDays(10)), now.plus(days(80)));
    writeLeaf(
        dir, "renewed", ca, caKey, ddnsName, now.minus(Duration.ofHours(1)), now.plus(days(90)));
    writeLeaf(
        dir, "expired", ca, caKey, ddnsName, now.minus(days(100)), now.minus(Duration.ofDays(10)));
    writeLeaf(
        dir, "wrongname", ca, caKey, "router.example.org", now.minus(days(10)), now.plus(days(80)));
  }

  private static Duration days(int n) {
    return Duration.ofDays(n);
  }

  private static void writeLeaf(
      Path dir,
      String id,
      X509Certificate ca,
      KeyPair caKey,
      String name,
      Instant notBefore,
      Instant notAfter)
      throws IOException, GeneralSecurityException, OperatorCreationException {
    KeyPair key = newKey();
    // Like Let's Encrypt's newer profiles: the name is in the SAN only, no Common Name.
    X509Certificate leaf =
        sign(
            X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
            caKey,
            new X500Name(new org.bouncycastle.asn1.x500.RDN[0]),
            key.getPublic(),
            notBefore,
            notAfter,
            name,
            false);
    Files.writeString(dir.resolve(id + ".pem"), pem(leaf) + pem(ca));
    // PKCS#8 ("PRIVATE KEY") with the curve named: what nginx, OpenSSL and Java all read.
    Files.writeString(dir.resolve(id + ".key"), pem(new JcaPKCS8Generator(key.getPrivate(), null)));
  }

  private static KeyPair newKey() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(
      X500Name issuer,
      KeyPair issuerKey,
      X500Name subject,
      java.security.PublicKey subjectKey,
      Instant notBefore,
      Instant notAfter,
      String dnsName,
      boolean isCa)
      throws IOException, GeneralSecurityException, OperatorCreationException {
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuer,
            new BigInteger(64, RANDOM).add(BigInteger.ONE),
            Date.from(notBefore),
            Date.from(notAfter),
            subject,
            subjectKey);
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    builder.addExtension(
        Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
    builder.addExtension(
        Extension.authorityKeyIdentifier,
        false,
        utils.createAuthorityKeyIdentifier(issuerKey.getPublic()));
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
    if (isCa) {
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } else {
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      builder.addExtension(
          Extension.subjectAlternativeName,
          true,
          new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
    }
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
  }

  private static String pem(Object object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    }
    return out.toString();
  }
}
