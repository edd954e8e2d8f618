package dev.haremote.common.tls;

import dev.haremote.common.net.IpLiterals;
import java.net.IDN;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a person wants to read of a certificate: subject, SANs (the identity: new Let's Encrypt
 * profiles have no CN), issuer, serial, SHA-256 fingerprint, and whether it covers a host name (RFC
 * 6125: wildcard only as the whole left-most label; IP addresses only against IP SANs).
 */
public final class CertificateFacts {
  private static final int SAN_DNS = 2;
  private static final int SAN_IP = 7;

  private CertificateFacts() {}

  /**
   * The DNS and IP subject alternative names, as plain values in the certificate's order (DNS names
   * as written, IP addresses in canonical literal form). Empty when there are none.
   */
  public static List<String> sans(X509Certificate cert) {
    List<String> result = new ArrayList<>();
    for (List<?> san : rawSans(cert)) {
      if (san.size() < 2 || !(san.get(0) instanceof Integer kind)) {
        continue;
      }
      if (kind == SAN_DNS && san.get(1) instanceof String dns) {
        result.add(dns);
      } else if (kind == SAN_IP && san.get(1) instanceof String ip) {
        result.add(IpLiterals.normalize(ip));
      }
    }
    return result;
  }

  /** Lower-case hex, colon-free. */
  public static String fingerprintSha256(X509Certificate cert) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot fingerprint a certificate", e);
    }
  }

  /** Colon-separated upper-case hex of the serial's bytes. */
  public static String serialHex(X509Certificate cert) {
    return HexFormat.ofDelimiter(":")
        .withUpperCase()
        .formatHex(cert.getSerialNumber().toByteArray());
  }

  /** The subject as RFC 2253 text (may be empty for CN-less certificates). */
  public static String subject(X509Certificate cert) {
    return cert.getSubjectX500Principal().getName();
  }

  public static String issuer(X509Certificate cert) {
    return cert.getIssuerX500Principal().getName();
  }

  /**
   * Whether the certificate is valid for the host name or IP literal. DNS names only against DNS
   * SANs (the CN is ignored, as browsers do); a wildcard only as the entire left-most label and
   * never matching more than one label; IP literals only against IP SANs.
   */
  public static boolean coversHost(X509Certificate cert, String host) {
    if (host == null || host.isBlank()) {
      return false;
    }
    Optional<InetAddress> ip = IpLiterals.parse(host);
    List<List<?>> sans = rawSans(cert);
    if (ip.isPresent()) {
      for (List<?> san : sans) {
        if (san.size() >= 2 && Integer.valueOf(SAN_IP).equals(san.get(0))) {
          Optional<InetAddress> sanIp = IpLiterals.parse(String.valueOf(san.get(1)));
          if (sanIp.isPresent() && sanIp.get().equals(ip.get())) {
            return true;
          }
        }
      }
      return false;
    }
    String name = asciiName(host);
    if (name == null) {
      return false;
    }
    for (List<?> san : sans) {
      if (san.size() >= 2
          && Integer.valueOf(SAN_DNS).equals(san.get(0))
          && san.get(1) instanceof String pattern
          && matches(asciiName(pattern), name)) {
        return true;
      }
    }
    return false;
  }

  static boolean matches(String pattern, String name) {
    if (pattern == null) {
      return false;
    }
    if (!pattern.startsWith("*.")) {
      return !pattern.contains("*") && pattern.equals(name);
    }
    String suffix = pattern.substring(1); // ".example.org"
    // The wildcard's base needs two labels: "*.com" covers nothing.
    if (suffix.contains("*") || suffix.indexOf('.', 1) < 0) {
      return false;
    }
    if (!name.endsWith(suffix)) {
      return false;
    }
    String label = name.substring(0, name.length() - suffix.length());
    return !label.isEmpty() && !label.contains(".");
  }

  /** Lower case, A-labels, no trailing dot; null when the text is not a usable name. */
  private static String asciiName(String text) {
    try {
      String t = text.trim().toLowerCase(Locale.ROOT);
      if (t.endsWith(".")) {
        t = t.substring(0, t.length() - 1);
      }
      if (t.isEmpty()) {
        return null;
      }
      // Keep the wildcard label out of IDN conversion, which rejects '*'.
      if (t.startsWith("*.")) {
        return "*." + IDN.toASCII(t.substring(2), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
      }
      return IDN.toASCII(t, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static List<List<?>> rawSans(X509Certificate cert) {
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      return sans == null ? List.of() : new ArrayList<>(sans);
    } catch (CertificateParsingException e) {
      return List.of();
    }
  }
}
