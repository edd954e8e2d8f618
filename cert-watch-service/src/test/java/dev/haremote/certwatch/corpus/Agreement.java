package dev.haremote.certwatch.corpus;

import dev.haremote.certwatch.check.Reason;
import java.util.Set;

/**
 * Whether a cert-watch reason and an OpenSSL verdict say the same thing. OpenSSL's codes are those
 * of {@code X509_V_ERR_*} (OpenSSL 3.0, include/openssl/x509_vfy.h.in); the depth tells the leaf
 * (0) from the chain above it.
 */
final class Agreement {
  private Agreement() {}

  /** cert-watch's reason for a chain OpenSSL judged, against that judgement. */
  static boolean agrees(String reason, OpenSsl.Verdict v) {
    if (reason == null) {
      return v.code() == 0;
    }
    if (v.code() < 0) {
      // No certificate verified: the handshake itself failed for OpenSSL too.
      return reason.equals(Reason.HANDSHAKE_FAILED);
    }
    int c = v.code();
    int d = v.depth();
    return switch (reason) {
      case Reason.EXPIRED -> c == 10 && d == 0;
      case Reason.NOT_YET_VALID -> c == 9;
      case Reason.INTERMEDIATE_EXPIRED -> c == 10 && d > 0;
      case Reason.SELF_SIGNED -> c == 18;
      // 19: self-signed root in the chain; 20/2 above the leaf: the root it needs is unknown.
      case Reason.UNTRUSTED -> c == 19 || ((c == 20 || c == 2) && d > 0);
      // The leaf's own issuer is unknown.
      case Reason.INCOMPLETE_CHAIN -> (c == 20 || c == 21 || c == 2) && d == 0;
      case Reason.WRONG_PURPOSE -> c == 26;
      // 66: EE key too small, 67: CA key too small, 68: CA md too weak.
      case Reason.WEAK_CRYPTO -> Set.of(66, 67, 68).contains(c);
      // 47: permitted subtree violation, 48: excluded subtree violation.
      case Reason.NAME_CONSTRAINTS -> c == 47 || c == 48;
      case Reason.UNKNOWN_CRITICAL_EXTENSION -> c == 34;
      case Reason.INVALID_CA -> c == 24 || c == 79;
      // 62: hostname mismatch, 64: IP address mismatch.
      case Reason.NAME_MISMATCH -> c == 62 || c == 64;
      default -> false;
    };
  }

  /**
   * cert-watch's reason for a file nginx refused to load, against nginx's error: a key that does
   * not fit the first certificate is a wrong order or a key mismatch; security level refusals are
   * weak crypto.
   */
  static boolean agreesWithRefusal(String reason, String refusal) {
    if (reason == null) {
      return false;
    }
    String r = refusal.toLowerCase(java.util.Locale.ROOT);
    if (r.contains("key values mismatch")) {
      return reason.equals(Reason.WRONG_ORDER) || reason.equals(Reason.KEY_MISMATCH);
    }
    if (r.contains("too small") || r.contains("too weak")) {
      return reason.equals(Reason.WEAK_CRYPTO);
    }
    return false;
  }
}
