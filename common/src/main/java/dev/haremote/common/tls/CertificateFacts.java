package dev.haremote.common.tls;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a person wants to read of a certificate: subject, SANs (the identity: new Let's Encrypt
 * profiles have no CN), issuer, serial, SHA-256 fingerprint, and whether it covers a host name (RFC
 * 6125: wildcard only as the whole left-most label; IP addresses only against IP SANs).
 */
public final class CertificateFacts {
  private CertificateFacts() {}

  public static List<String> sans(X509Certificate cert) {
    throw new UnsupportedOperationException("kit: to be implemented");
  }

  /** Lower-case hex, colon-free. */
  public static String fingerprintSha256(X509Certificate cert) {
    throw new UnsupportedOperationException("kit: to be implemented");
  }

  /** Colon-separated upper-case hex of the serial's bytes. */
  public static String serialHex(X509Certificate cert) {
    throw new UnsupportedOperationException("kit: to be implemented");
  }

  public static boolean coversHost(X509Certificate cert, String host) {
    throw new UnsupportedOperationException("kit: to be implemented");
  }
}
