package dev.haremote.labkit.certs;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Any certificate a corpus needs, one property at a time: roots, intermediates and leaves with
 * chosen key types (EC P-256/P-384, RSA of any size, Ed25519, Ed448), signature digest (SHA-256 or
 * the weak SHA-1), validity, CA flag, key usage, extended key usage, names, name constraints and an
 * unknown critical extension. {@link TestPki} stays the quick way to a normal chain.
 *
 * <pre>
 * Pki root = CertBuilder.root("Corpus Root").build();
 * Pki ca = CertBuilder.intermediate("Corpus CA", root).build();
 * Pki leaf = CertBuilder.leaf(ca).dns("home.test").days(90).build();
 * </pre>
 */
public final class CertBuilder {
  /** An OID under the "example" arc that no TLS client knows. */
  public static final String UNKNOWN_EXTENSION_OID = "1.3.6.1.4.1.55555.1.1";

  private final Pki issuer;
  private final boolean ca;
  private String subject;
  private KeyPair keys;
  private String digest = "SHA256";
  private Instant notBefore =
      Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
  private Instant notAfter = notBefore.plus(Duration.ofDays(90));
  private final List<GeneralName> sans = new ArrayList<>();
  private List<KeyPurposeId> eku;
  private Integer keyUsage;
  private boolean basicConstraints = true;
  private final List<GeneralSubtree> permitted = new ArrayList<>();
  private final List<GeneralSubtree> excluded = new ArrayList<>();
  private boolean unknownCriticalExtension;

  private CertBuilder(Pki issuer, boolean ca, String subject) {
    this.issuer = issuer;
    this.ca = ca;
    this.subject = subject;
    if (ca) {
      keyUsage = KeyUsage.keyCertSign | KeyUsage.cRLSign;
    } else {
      eku = List.of(KeyPurposeId.id_kp_serverAuth);
    }
  }

  /** A self-signed CA, valid from a day ago for ten years. */
  public static CertBuilder root(String name) {
    return new CertBuilder(null, true, "CN=" + name + ", O=ha-remote-access corpus")
        .validity(
            Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(3650)));
  }

  /** A CA issued by {@code issuer}, valid from a day ago for five years. */
  public static CertBuilder intermediate(String name, Pki issuer) {
    return new CertBuilder(issuer, true, "CN=" + name + ", O=ha-remote-access corpus")
        .validity(
            Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(1825)));
  }

  /** An end-entity certificate without CN (as Let's Encrypt's new profiles), serverAuth only. */
  public static CertBuilder leaf(Pki issuer) {
    return new CertBuilder(issuer, false, "O=ha-remote-access corpus leaf");
  }

  /** A self-signed end-entity certificate (not a CA), as a router or add-on generates one. */
  public static CertBuilder selfSignedLeaf() {
    return new CertBuilder(null, false, "O=ha-remote-access self-signed");
  }

  public CertBuilder commonName(String cn) {
    this.subject = "CN=" + cn;
    return this;
  }

  public CertBuilder dns(String... names) {
    for (String n : names) {
      sans.add(new GeneralName(GeneralName.dNSName, n));
    }
    return this;
  }

  public CertBuilder ip(String... literals) {
    for (String ip : literals) {
      sans.add(new GeneralName(GeneralName.iPAddress, ip));
    }
    return this;
  }

  public CertBuilder validity(Instant from, Instant to) {
    this.notBefore = from.truncatedTo(ChronoUnit.SECONDS);
    this.notAfter = to.truncatedTo(ChronoUnit.SECONDS);
    return this;
  }

  /** Valid from {@code age} ago for {@code lifetime}. */
  public CertBuilder lifetime(Duration lifetime, Duration age) {
    Instant from = Instant.now().minus(age);
    return validity(from, from.plus(lifetime));
  }

  public CertBuilder expired() {
    Instant end = Instant.now().minus(Duration.ofDays(1));
    return validity(end.minus(Duration.ofDays(90)), end);
  }

  public CertBuilder notYetValid() {
    Instant start = Instant.now().plus(Duration.ofDays(1));
    return validity(start, start.plus(Duration.ofDays(90)));
  }

  public CertBuilder ec(String curve) {
    return keys(generate("EC", new ECGenParameterSpec(curve), 0));
  }

  public CertBuilder rsa(int bits) {
    return keys(generate("RSA", null, bits));
  }

  public CertBuilder ed25519() {
    return keys(generate("Ed25519", null, 0));
  }

  public CertBuilder ed448() {
    return keys(generate("Ed448", null, 0));
  }

  public CertBuilder keys(KeyPair keys) {
    this.keys = keys;
    return this;
  }

  /** The digest the issuer signs with: {@code SHA256} (default), {@code SHA1}, {@code SHA384}. */
  public CertBuilder digest(String digest) {
    this.digest = digest;
    return this;
  }

  /** Extended key usage; none at all with an empty list. */
  public CertBuilder eku(KeyPurposeId... purposes) {
    this.eku = List.of(purposes);
    return this;
  }

  /** Key usage bits (BouncyCastle's {@link KeyUsage} constants); null leaves it out. */
  public CertBuilder keyUsage(Integer bits) {
    this.keyUsage = bits;
    return this;
  }

  /** Leaves basic constraints out (a "CA" that does not say it is one). */
  public CertBuilder withoutBasicConstraints() {
    this.basicConstraints = false;
    return this;
  }

  public CertBuilder permitDns(String name) {
    permitted.add(new GeneralSubtree(new GeneralName(GeneralName.dNSName, name)));
    return this;
  }

  public CertBuilder excludeDns(String name) {
    excluded.add(new GeneralSubtree(new GeneralName(GeneralName.dNSName, name)));
    return this;
  }

  /** Adds {@link #UNKNOWN_EXTENSION_OID} marked critical. */
  public CertBuilder unknownCriticalExtension() {
    this.unknownCriticalExtension = true;
    return this;
  }

  public Pki build() {
    KeyPair own = keys != null ? keys : generate("EC", new ECGenParameterSpec("secp256r1"), 0);
    X500Principal name = new X500Principal(subject);
    X500Principal issuerName =
        issuer == null ? name : issuer.certificate().getSubjectX500Principal();
    KeyPair signingKeys = issuer == null ? own : issuer.keys();
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              issuerName,
              serial(),
              Date.from(notBefore),
              Date.from(notAfter),
              name,
              own.getPublic());
      if (basicConstraints) {
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      }
      int usage =
          keyUsage != null
              ? keyUsage
              : own.getPublic().getAlgorithm().equals("RSA")
                  ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                  : KeyUsage.digitalSignature;
      if (keyUsage != null || !ca) {
        b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
      }
      if (eku != null && !eku.isEmpty()) {
        b.addExtension(
            Extension.extendedKeyUsage,
            false,
            new ExtendedKeyUsage(eku.toArray(new KeyPurposeId[0])));
      }
      if (!sans.isEmpty()) {
        b.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(sans.toArray(new GeneralName[0])));
      }
      if (!permitted.isEmpty() || !excluded.isEmpty()) {
        b.addExtension(
            Extension.nameConstraints,
            true,
            new NameConstraints(
                permitted.isEmpty() ? null : permitted.toArray(new GeneralSubtree[0]),
                excluded.isEmpty() ? null : excluded.toArray(new GeneralSubtree[0])));
      }
      if (unknownCriticalExtension) {
        b.addExtension(
            new ASN1ObjectIdentifier(UNKNOWN_EXTENSION_OID), true, new DERUTF8String("corpus"));
      }
      b.addExtension(
          Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(own.getPublic()));
      b.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          utils.createAuthorityKeyIdentifier(signingKeys.getPublic()));
      ContentSigner signer =
          new JcaContentSignerBuilder(signatureAlgorithm(signingKeys, digest))
              .build(signingKeys.getPrivate());
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(signer));
      List<X509Certificate> chain = new ArrayList<>();
      chain.add(cert);
      if (issuer != null) {
        chain.addAll(issuer.chain());
      }
      return new Pki(cert, own, List.copyOf(chain));
    } catch (Exception e) {
      throw new IllegalStateException("cannot build a corpus certificate", e);
    }
  }

  private static String signatureAlgorithm(KeyPair signer, String digest) {
    String algorithm = signer.getPublic().getAlgorithm();
    return switch (algorithm) {
      case "RSA" -> digest + "withRSA";
      case "EC" -> digest + "withECDSA";
      // The JDK calls both Edwards curves "EdDSA"; the signature is named by the curve.
      case "Ed25519", "Ed448", "EdDSA" ->
          ((java.security.interfaces.EdECKey) signer.getPublic()).getParams().getName();
      default -> throw new IllegalArgumentException("no signature algorithm for " + algorithm);
    };
  }

  private static BigInteger serial() {
    return new BigInteger(64, TestPki.RANDOM).setBit(62);
  }

  private static KeyPair generate(String algorithm, ECGenParameterSpec curve, int bits) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
      if (curve != null) {
        g.initialize(curve, TestPki.RANDOM);
      } else if (bits > 0) {
        g.initialize(bits, TestPki.RANDOM);
      }
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " keys are missing from the JDK", e);
    }
  }
}
