package dev.haremote.common.tls;

import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.crypto.interfaces.DHPublicKey;

/**
 * The checks of a path that OpenSSL 3 makes and Java's PKIX does not (or only for the JDK's own
 * roots), in OpenSSL's words: security level 2 ({@code auth_level}: no SHA-1 or MD5 signature below
 * the trust anchor, no RSA/DSA/DH key under 2048 bits and no EC key under 224 bits anywhere in the
 * path), unhandled critical extensions, issuers that are no CA, and the {@code sslserver} purpose
 * (EKU and key usage). Pure and independent of the time, so the verdict is cached with the chain.
 */
final class PathPolicy {
  /**
   * The extensions OpenSSL handles ({@code X509_supported_extension}); others must not be critical.
   */
  private static final Set<String> KNOWN_EXTENSIONS =
      Set.of(
          "2.16.840.1.113730.1.1", // netscape cert type
          "2.5.29.15", // key usage
          "2.5.29.17", // subject alt name
          "2.5.29.19", // basic constraints
          "2.5.29.32", // certificate policies
          "2.5.29.37", // extended key usage
          "1.3.6.1.5.5.7.1.7", // sbgp ipAddrBlock
          "1.3.6.1.5.5.7.1.8", // sbgp autonomousSysNum
          "2.5.29.36", // policy constraints
          "1.3.6.1.5.5.7.1.14", // proxy cert info
          "2.5.29.30", // name constraints
          "2.5.29.33", // policy mappings
          "2.5.29.54"); // inhibit any policy

  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  // OpenSSL accepts the old Server Gated Crypto purposes in place of serverAuth.
  private static final Set<String> SERVER_PURPOSES =
      Set.of(SERVER_AUTH, "2.16.840.1.113730.4.1", "1.3.6.1.4.1.311.10.3.3");

  /** Security level 2: 112 bits. RSA/DSA/DH 2048 and EC 224 are the smallest that reach it. */
  static final int MIN_RSA_BITS = 2048;

  static final int MIN_EC_BITS = 224;

  private PathPolicy() {}

  /**
   * @param toValidate leaf first, up to (without) the trust anchor, unless the leaf is the anchor
   * @param anchor the trust anchor the path ends in
   * @return the first problem, or null
   */
  static ChainVerifier.Verification check(
      List<X509Certificate> toValidate, X509Certificate anchor, X509Certificate leaf) {
    List<X509Certificate> all = new ArrayList<>(toValidate);
    if (!all.contains(anchor)) {
      all.add(anchor);
    }
    boolean leafIsAnchor = toValidate.size() == 1 && toValidate.get(0).equals(anchor);
    // Weak keys: every certificate, the anchor included (OpenSSL's check_auth_level).
    for (int i = 0; i < all.size(); i++) {
      String weak = weakKey(all.get(i).getPublicKey());
      if (weak != null) {
        return problem(
            ChainProblem.WEAK_CRYPTO,
            (i == 0
                    ? "the certificate"
                    : "the chain certificate " + ChainVerifier.describe(all.get(i)))
                + " has "
                + weak
                + ", too weak for current TLS clients (OpenSSL security level 2)",
            leaf);
      }
    }
    // Weak signatures: every certificate but the anchor (its own signature is never checked).
    for (int i = 0; i < toValidate.size(); i++) {
      X509Certificate c = toValidate.get(i);
      if (leafIsAnchor) {
        break;
      }
      String digest = weakDigest(c);
      if (digest != null) {
        return problem(
            ChainProblem.WEAK_CRYPTO,
            (i == 0 ? "the certificate" : "the chain certificate " + ChainVerifier.describe(c))
                + " is signed with "
                + digest
                + ", which current TLS clients refuse (OpenSSL security level 2)",
            leaf);
      }
    }
    for (int i = 0; i < all.size(); i++) {
      X509Certificate c = all.get(i);
      Set<String> critical = c.getCriticalExtensionOIDs();
      if (critical == null) {
        continue;
      }
      for (String oid : critical) {
        if (!KNOWN_EXTENSIONS.contains(oid)) {
          return problem(
              ChainProblem.CRITICAL_EXTENSION,
              (i == 0 ? "the certificate" : "the chain certificate " + ChainVerifier.describe(c))
                  + " has a critical extension TLS clients do not know ("
                  + oid
                  + "): they must refuse it",
              leaf);
        }
      }
    }
    for (int i = 1; i < all.size(); i++) {
      X509Certificate c = all.get(i);
      String notCa = notACa(c);
      if (notCa != null) {
        return problem(
            ChainProblem.INVALID_CA,
            "the issuing certificate " + ChainVerifier.describe(c) + " " + notCa,
            leaf);
      }
    }
    for (int i = 0; i < all.size(); i++) {
      X509Certificate c = all.get(i);
      String purpose = wrongPurpose(c, i == 0);
      if (purpose != null) {
        return problem(
            ChainProblem.WRONG_PURPOSE,
            (i == 0 ? "the certificate" : "the chain certificate " + ChainVerifier.describe(c))
                + " "
                + purpose,
            leaf);
      }
    }
    return null;
  }

  private static ChainVerifier.Verification problem(
      ChainProblem problem, String reason, X509Certificate leaf) {
    return new ChainVerifier.Verification(ChainStatus.UNTRUSTED, true, reason, problem, leaf);
  }

  /** A description of a key under 112 bits of security, or null. */
  static String weakKey(PublicKey key) {
    if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
      return "an RSA key of " + rsa.getModulus().bitLength() + " bits";
    }
    if (key instanceof DSAPublicKey dsa
        && dsa.getParams() != null
        && dsa.getParams().getP().bitLength() < MIN_RSA_BITS) {
      return "a DSA key of " + dsa.getParams().getP().bitLength() + " bits";
    }
    if (key instanceof DHPublicKey dh && dh.getParams().getP().bitLength() < MIN_RSA_BITS) {
      return "a DH key of " + dh.getParams().getP().bitLength() + " bits";
    }
    if (key instanceof ECPublicKey ec
        && ec.getParams().getCurve().getField().getFieldSize() < MIN_EC_BITS) {
      return "an EC key of " + ec.getParams().getCurve().getField().getFieldSize() + " bits";
    }
    return null;
  }

  /** The weak digest a certificate is signed with (SHA-1, MD5, MD2, MD4), or null. */
  static String weakDigest(X509Certificate c) {
    String name = c.getSigAlgName().toUpperCase(Locale.ROOT);
    for (String weak : List.of("SHA1", "SHA-1", "MD5", "MD2", "MD4")) {
      if (name.startsWith(weak + "WITH")) {
        return weak.replace("SHA1", "SHA-1");
      }
    }
    return null;
  }

  /** Why an issuing certificate is not a CA, or null. Version 1 roots count as CAs (OpenSSL). */
  private static String notACa(X509Certificate c) {
    if (c.getVersion() == 1) {
      return null;
    }
    if (c.getBasicConstraints() < 0) {
      return "is not a CA (basic constraints do not say CA:TRUE)";
    }
    boolean[] usage = c.getKeyUsage();
    if (usage != null && (usage.length <= 5 || !usage[5])) {
      return "may not sign certificates (key usage without keyCertSign)";
    }
    return null;
  }

  /** Why a certificate may not serve TLS (leaf) or issue TLS server certificates, or null. */
  private static String wrongPurpose(X509Certificate c, boolean leaf) {
    try {
      List<String> eku = c.getExtendedKeyUsage();
      if (eku != null && eku.stream().noneMatch(SERVER_PURPOSES::contains)) {
        return "is limited to other purposes than TLS servers (extended key usage "
            + String.join(", ", eku.stream().map(PathPolicy::purposeName).toList())
            + ", no serverAuth)";
      }
    } catch (CertificateParsingException e) {
      return "has an extended key usage that does not parse";
    }
    if (leaf) {
      boolean[] usage = c.getKeyUsage();
      // digitalSignature, keyEncipherment or keyAgreement: one of them makes a TLS key usable.
      if (usage != null && !(bit(usage, 0) || bit(usage, 2) || bit(usage, 4))) {
        return "has a key usage that does not allow TLS (no digitalSignature, keyEncipherment"
            + " or keyAgreement)";
      }
    }
    return null;
  }

  private static boolean bit(boolean[] bits, int i) {
    return bits.length > i && bits[i];
  }

  private static String purposeName(String oid) {
    return switch (oid) {
      case "1.3.6.1.5.5.7.3.1" -> "serverAuth";
      case "1.3.6.1.5.5.7.3.2" -> "clientAuth";
      case "1.3.6.1.5.5.7.3.3" -> "codeSigning";
      case "1.3.6.1.5.5.7.3.4" -> "emailProtection";
      case "2.5.29.37.0" -> "anyExtendedKeyUsage";
      default -> oid;
    };
  }
}
