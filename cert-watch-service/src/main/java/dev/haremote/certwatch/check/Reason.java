package dev.haremote.certwatch.check;

import java.util.List;

/**
 * Stable reason codes, as they appear in the status {@code error} field, the Home Assistant problem
 * sensor's {@code problem_reason} attribute and {@code certwatch_check_errors_total}. Users write
 * automations against them: extend, never rename.
 */
public final class Reason {
  private Reason() {}

  // Verdicts on a certificate that was seen.
  public static final String EXPIRED = "expired";
  public static final String NOT_YET_VALID = "not_yet_valid";
  public static final String UNTRUSTED = "untrusted";
  public static final String INCOMPLETE_CHAIN = "incomplete_chain";
  public static final String NAME_MISMATCH = "name_mismatch";
  public static final String KEY_MISMATCH = "key_mismatch";
  public static final String SERVED_MISMATCH = "served_mismatch";
  public static final String RENEWAL_OVERDUE = "renewal_overdue";
  public static final String EXPIRING = "expiring";
  // Finer chain verdicts (issue #15): each failure a TLS client rejects has its own code.
  public static final String INTERMEDIATE_EXPIRED = "intermediate_expired";
  public static final String SELF_SIGNED = "self_signed";
  public static final String WRONG_ORDER = "wrong_order";
  public static final String WRONG_PURPOSE = "wrong_purpose";
  public static final String WEAK_CRYPTO = "weak_crypto";
  public static final String NAME_CONSTRAINTS = "name_constraints";
  public static final String UNKNOWN_CRITICAL_EXTENSION = "unknown_critical_extension";
  public static final String INVALID_CA = "invalid_ca";

  /**
   * The system clock is known to be wrong and no trusted time is known: a verdict that depends on
   * "now" (expired, not yet valid, expiring, renewal overdue) cannot be made (issue #19).
   */
  public static final String CLOCK_SKEW = "clock_skew";

  // The check itself failed: no certificate (or no key) could be read.
  public static final String NOT_FOUND = "not_found";
  public static final String BROKEN_SYMLINK = "broken_symlink";
  public static final String NOT_A_FILE = "not_a_file";
  public static final String PERMISSION_DENIED = "permission_denied";
  public static final String TOO_LARGE = "too_large";
  public static final String TOO_MANY_CERTIFICATES = "too_many_certificates";
  public static final String EMPTY_FILE = "empty_file";
  public static final String BAD_PEM = "bad_pem";
  public static final String BAD_DER = "bad_der";
  public static final String IO_ERROR = "io_error";
  public static final String KEY_NOT_FOUND = "key_not_found";
  public static final String BAD_KEY = "bad_key";
  public static final String TIMEOUT = "timeout";
  public static final String DNS_UNRESOLVED = "dns_unresolved";

  /**
   * The resolver did not answer (timeout, SERVFAIL): the name could not be looked up at all, which
   * says nothing about the certificate or the record.
   */
  public static final String DNS_ERROR = "dns_error";

  public static final String REFUSED = "refused";
  public static final String UNREACHABLE = "unreachable";
  public static final String RESET = "reset";
  public static final String HANDSHAKE_FAILED = "handshake_failed";
  public static final String NOT_TLS = "not_tls";
  public static final String INTERNAL_ERROR = "internal_error";

  /** Codes of failed checks: the series of {@code certwatch_check_errors_total} exported as 0. */
  public static final List<String> CHECK_ERRORS =
      List.of(
          NOT_FOUND,
          BROKEN_SYMLINK,
          NOT_A_FILE,
          PERMISSION_DENIED,
          TOO_LARGE,
          TOO_MANY_CERTIFICATES,
          EMPTY_FILE,
          BAD_PEM,
          BAD_DER,
          IO_ERROR,
          KEY_NOT_FOUND,
          BAD_KEY,
          TIMEOUT,
          DNS_UNRESOLVED,
          DNS_ERROR,
          REFUSED,
          UNREACHABLE,
          RESET,
          HANDSHAKE_FAILED,
          NOT_TLS,
          INTERNAL_ERROR);

  /** The code for a failure outside the known set (a kit code we do not know yet). */
  public static String knownOrInternal(String code) {
    return CHECK_ERRORS.contains(code) ? code : INTERNAL_ERROR;
  }
}
