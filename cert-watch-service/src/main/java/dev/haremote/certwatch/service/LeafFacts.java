package dev.haremote.certwatch.service;

import dev.haremote.certwatch.renewal.RenewalSchedule;
import dev.haremote.common.tls.CertificateFacts;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * What the leaf certificate itself says, and whether the configured private key belongs to it.
 *
 * @param keyMatches null for endpoints and for files without a key
 */
record LeafFacts(
    String subject,
    List<String> sans,
    String issuer,
    String serial,
    String fingerprintSha256,
    Instant notBefore,
    Instant notAfter,
    Double lifetimeDays,
    Boolean keyMatches) {

  /** No certificate was read: no facts, and no SANs rather than unknown ones (as before #20). */
  static final LeafFacts NOT_READ =
      new LeafFacts(
          /* subject */ null,
          /* sans */ List.of(),
          /* issuer */ null,
          /* serial */ null,
          /* fingerprintSha256 */ null,
          /* notBefore */ null,
          /* notAfter */ null,
          /* lifetimeDays */ null,
          /* keyMatches */ null);

  static LeafFacts of(X509Certificate leaf, Boolean keyMatches) {
    Instant notBefore = leaf.getNotBefore().toInstant();
    Instant notAfter = leaf.getNotAfter().toInstant();
    return new LeafFacts(
        leaf.getSubjectX500Principal().getName(),
        CertificateFacts.sans(leaf),
        leaf.getIssuerX500Principal().getName(),
        CertificateFacts.serialHex(leaf),
        CertificateFacts.fingerprintSha256(leaf),
        notBefore,
        notAfter,
        Days.of(RenewalSchedule.lifetime(notBefore, notAfter).getSeconds()),
        keyMatches);
  }
}
