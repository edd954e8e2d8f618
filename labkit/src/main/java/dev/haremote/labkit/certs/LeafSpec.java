package dev.haremote.labkit.certs;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/**
 * What a leaf certificate should look like. Defaults: valid from one hour ago for 90 days, no CN
 * (like Let's Encrypt's newer profiles) unless {@link #commonName} is set, random serial.
 */
public final class LeafSpec {
  final TestPki issuerPki;
  private final List<GeneralName> sans = new ArrayList<>();
  private String commonName;
  Instant notBefore = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
  Instant notAfter = notBefore.plus(Duration.ofDays(90));
  private BigInteger serial;
  byte[] authorityKeyId;
  int rsaBits;

  LeafSpec(TestPki issuerPki) {
    this.issuerPki = issuerPki;
  }

  public LeafSpec dns(String... names) {
    for (String n : names) {
      sans.add(new GeneralName(GeneralName.dNSName, n));
    }
    return this;
  }

  public LeafSpec ip(String... literals) {
    for (String ip : literals) {
      sans.add(new GeneralName(GeneralName.iPAddress, ip));
    }
    return this;
  }

  public LeafSpec commonName(String cn) {
    this.commonName = cn;
    return this;
  }

  public LeafSpec validity(Instant notBefore, Instant notAfter) {
    this.notBefore = notBefore.truncatedTo(ChronoUnit.SECONDS);
    this.notAfter = notAfter.truncatedTo(ChronoUnit.SECONDS);
    return this;
  }

  /** Valid from {@code age} ago for {@code lifetime} in total (e.g. 6, 45 or 90 days). */
  public LeafSpec lifetime(Duration lifetime, Duration age) {
    Instant from = Instant.now().minus(age);
    return validity(from, from.plus(lifetime));
  }

  /** Expired a day ago after 90 days. */
  public LeafSpec expired() {
    Instant end = Instant.now().minus(Duration.ofDays(1));
    return validity(end.minus(Duration.ofDays(90)), end);
  }

  /** Becomes valid in a day. */
  public LeafSpec notYetValid() {
    Instant start = Instant.now().plus(Duration.ofDays(1));
    return validity(start, start.plus(Duration.ofDays(90)));
  }

  public LeafSpec serial(BigInteger serial) {
    this.serial = serial;
    return this;
  }

  /** The AKI keyIdentifier written into the leaf, whatever the issuer's SKI is. */
  public LeafSpec authorityKeyId(byte[] keyId) {
    this.authorityKeyId = keyId.clone();
    return this;
  }

  public LeafSpec rsa(int bits) {
    this.rsaBits = bits;
    return this;
  }

  public IssuedCert issue() {
    return TestPki.issue(this);
  }

  String subject() {
    if (commonName != null) {
      return "CN=" + commonName;
    }
    return issuerPki == null ? "O=ha-remote-access self-signed" : "O=ha-remote-access leaf";
  }

  BigInteger serialOrRandom() {
    return serial != null ? serial : TestPki.serial();
  }

  void addLeafExtensions(X509v3CertificateBuilder b, PublicKey key, X509Certificate issuer)
      throws Exception {
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(
        Extension.keyUsage,
        true,
        new KeyUsage(
            rsaBits > 0
                ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                : KeyUsage.digitalSignature));
    b.addExtension(
        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    if (!sans.isEmpty()) {
      b.addExtension(
          Extension.subjectAlternativeName,
          commonName == null,
          new GeneralNames(sans.toArray(new GeneralName[0])));
    }
  }
}
