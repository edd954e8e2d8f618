package dev.haremote.labkit.certs;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small private PKI for tests and the demo home: a root CA, an intermediate CA under it, and leaf
 * certificates with chosen names, validity, serial and key identifiers ({@link #leaf()}). Keys are
 * EC P-256 unless RSA is asked for: generating them takes a millisecond.
 */
public final class TestPki {
  static final SecureRandom RANDOM = new SecureRandom();

  private final KeyPair rootKeys;
  private final X509Certificate root;
  private final KeyPair intermediateKeys;
  private final X509Certificate intermediate;

  private TestPki(
      KeyPair rootKeys,
      X509Certificate root,
      KeyPair intermediateKeys,
      X509Certificate intermediate) {
    this.rootKeys = rootKeys;
    this.root = root;
    this.intermediateKeys = intermediateKeys;
    this.intermediate = intermediate;
  }

  /** Root "CN={name} Root CA" and intermediate "CN={name} Intermediate CA", valid ten years. */
  public static TestPki create(String name) {
    return create(name, null);
  }

  /**
   * @param intermediateKeyId the intermediate's subject key identifier (so leaves carry this AKI,
   *     e.g. for ARI certID test vectors), or null for the usual SHA-1 of the key
   */
  public static TestPki create(String name, byte[] intermediateKeyId) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant from = now.minus(Duration.ofDays(1));
    Instant to = now.plus(Duration.ofDays(3650));
    KeyPair rootKeys = ecKeys();
    X500Principal rootName = new X500Principal("CN=" + name + " Root CA, O=ha-remote-access tests");
    X509Certificate root =
        sign(
            rootName,
            rootKeys.getPublic(),
            rootName,
            rootKeys,
            null,
            from,
            to,
            serial(),
            ca(null),
            null);
    KeyPair intermediateKeys = ecKeys();
    X500Principal intermediateName =
        new X500Principal("CN=" + name + " Intermediate CA, O=ha-remote-access tests");
    X509Certificate intermediate =
        sign(
            intermediateName,
            intermediateKeys.getPublic(),
            rootName,
            rootKeys,
            root,
            from,
            to,
            serial(),
            ca(intermediateKeyId),
            null);
    return new TestPki(rootKeys, root, intermediateKeys, intermediate);
  }

  public X509Certificate root() {
    return root;
  }

  public X509Certificate intermediate() {
    return intermediate;
  }

  /** A leaf issued by the intermediate; chain = leaf, intermediate. */
  public LeafSpec leaf() {
    return new LeafSpec(this);
  }

  /** A self-signed leaf (no CA at all). */
  public static LeafSpec selfSigned() {
    return new LeafSpec(null);
  }

  static IssuedCert issue(LeafSpec spec) {
    KeyPair leafKeys = spec.rsaBits > 0 ? rsaKeys(spec.rsaBits) : ecKeys();
    X500Principal subject = new X500Principal(spec.subject());
    X509Certificate cert;
    if (spec.issuerPki == null) {
      cert =
          sign(
              subject,
              leafKeys.getPublic(),
              subject,
              leafKeys,
              null,
              spec.notBefore,
              spec.notAfter,
              spec.serialOrRandom(),
              b -> spec.addLeafExtensions(b, leafKeys.getPublic(), null),
              spec.authorityKeyId);
      return new IssuedCert(cert, leafKeys.getPrivate(), java.util.List.of(cert), null);
    }
    TestPki pki = spec.issuerPki;
    cert =
        sign(
            subject,
            leafKeys.getPublic(),
            pki.intermediate.getSubjectX500Principal(),
            pki.intermediateKeys,
            pki.intermediate,
            spec.notBefore,
            spec.notAfter,
            spec.serialOrRandom(),
            b -> spec.addLeafExtensions(b, leafKeys.getPublic(), pki.intermediate),
            spec.authorityKeyId);
    return new IssuedCert(
        cert, leafKeys.getPrivate(), java.util.List.of(cert, pki.intermediate), pki.root);
  }

  @FunctionalInterface
  interface Extensions {
    void add(X509v3CertificateBuilder builder) throws Exception;
  }

  private static Extensions ca(byte[] keyId) {
    return b -> {
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      if (keyId != null) {
        b.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyId));
      }
    };
  }

  static X509Certificate sign(
      X500Principal subject,
      PublicKey subjectKey,
      X500Principal issuer,
      KeyPair issuerKeys,
      X509Certificate issuerCert,
      Instant notBefore,
      Instant notAfter,
      BigInteger serial,
      Extensions extensions,
      byte[] authorityKeyIdOverride) {
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              issuer, serial, Date.from(notBefore), Date.from(notAfter), subject, subjectKey);
      extensions.add(builder);
      if (!builder.hasExtension(Extension.subjectKeyIdentifier)) {
        builder.addExtension(
            Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
      }
      AuthorityKeyIdentifier aki;
      if (authorityKeyIdOverride != null) {
        aki = new AuthorityKeyIdentifier(authorityKeyIdOverride);
      } else if (issuerCert != null) {
        // keyIdentifier only (the issuer's SKI), as public CAs write it.
        byte[] ski =
            org.bouncycastle.asn1.ASN1OctetString.getInstance(
                    JcaX509ExtensionUtils.parseExtensionValue(
                            issuerCert.getExtensionValue(Extension.subjectKeyIdentifier.getId()))
                        .toASN1Primitive())
                .getOctets();
        aki = new AuthorityKeyIdentifier(ski);
      } else {
        aki = utils.createAuthorityKeyIdentifier(issuerKeys.getPublic());
      }
      builder.addExtension(Extension.authorityKeyIdentifier, false, aki);
      String algorithm =
          issuerKeys.getPrivate().getAlgorithm().equals("RSA")
              ? "SHA256withRSA"
              : "SHA256withECDSA";
      ContentSigner signer = new JcaContentSignerBuilder(algorithm).build(issuerKeys.getPrivate());
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (Exception e) {
      throw new IllegalStateException("cannot build a test certificate", e);
    }
  }

  static BigInteger serial() {
    return new BigInteger(64, RANDOM).setBit(62);
  }

  static KeyPair ecKeys() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 is missing from the JDK", e);
    }
  }

  static KeyPair rsaKeys(int bits) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(bits, RANDOM);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is missing from the JDK", e);
    }
  }
}
