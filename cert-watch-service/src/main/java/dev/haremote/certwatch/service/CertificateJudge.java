package dev.haremote.certwatch.service;

import dev.haremote.certwatch.check.Observation;
import dev.haremote.certwatch.check.Reason;
import dev.haremote.certwatch.renewal.RenewalSchedule;
import dev.haremote.certwatch.renewal.RenewalWindow;
import dev.haremote.common.tls.CertificateFacts;
import dev.haremote.common.tls.ChainProblem;
import dev.haremote.common.tls.ChainStatus;
import dev.haremote.common.tls.ChainVerifier;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Turns an observation into its status entry: the facts of the leaf, the chain verdict, renewal
 * timing, served vs file, and the one reason (if any) that turns Home Assistant's problem sensor
 * on. Pure: everything it needs is passed in, the time included.
 */
public final class CertificateJudge {
  /**
   * Verdicts that depend on the clock: while the clock is known to be wrong and no trusted time is
   * known, they are reported as {@code clock_skew} instead (a false alarm otherwise).
   */
  private static final Set<String> TIME_REASONS =
      Set.of(
          Reason.EXPIRED,
          Reason.NOT_YET_VALID,
          Reason.INTERMEDIATE_EXPIRED,
          Reason.RENEWAL_OVERDUE,
          Reason.EXPIRING);

  private CertificateJudge() {}

  /**
   * @param ari the CA's window for the leaf, or null
   * @param served for a file with {@code served-by}: what that endpoint's families serve (empty
   *     list when the endpoint was not seen yet); null when not configured
   * @param servedHost the endpoint's SNI name for a file with {@code served-by}, else null
   * @param timeKnown false: the clock is wrong and no trusted time is known, so no verdict that
   *     depends on "now" is made ({@code clock_skew} instead)
   */
  public static CertificateStatus judge(
      Observation observation,
      String target,
      RenewalWindow ari,
      List<Observation> served,
      String servedHost,
      Instant now,
      boolean timeKnown) {
    return judge(observation, target, ari, served, servedHost, now, timeKnown, null);
  }

  /**
   * @param ariNote why the CA's renewal information was not used, or null
   */
  public static CertificateStatus judge(
      Observation observation,
      String target,
      RenewalWindow ari,
      List<Observation> served,
      String servedHost,
      Instant now,
      boolean timeKnown,
      String ariNote) {
    X509Certificate leaf = observation.leaf();
    if (leaf == null) {
      String reason = observation.failure() == null ? Reason.INTERNAL_ERROR : observation.failure();
      return new CertificateStatus(
          observation.id(),
          observation.source(),
          observation.family(),
          null,
          List.of(),
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          reason,
          observation.checkedAt(),
          observation.key(),
          target,
          null,
          0,
          null,
          null,
          null,
          null,
          observation.failureDetail(),
          true,
          reason,
          Advice.forReason(reason, observation.source()),
          ariNote);
    }

    Instant notBefore = leaf.getNotBefore().toInstant();
    Instant notAfter = leaf.getNotAfter().toInstant();
    long expiresIn = Duration.between(now, notAfter).getSeconds();
    RenewalSchedule.Verdict renewal = RenewalSchedule.judge(notBefore, notAfter, ari, now);
    String fingerprint = CertificateFacts.fingerprintSha256(leaf);

    ChainStatus chain =
        observation.verification() == null ? ChainStatus.NONE : observation.verification().status();
    Boolean chainComplete =
        observation.verification() == null ? null : observation.verification().complete();

    Boolean hostnameMatch = observation.hostnameMatch();
    if (hostnameMatch == null && servedHost != null) {
      hostnameMatch = CertificateFacts.coversHost(leaf, servedHost);
    }

    Boolean servedMatches = null;
    String servedFingerprint = null;
    boolean servedIsOlder = true;
    if (served != null) {
      // Unknown (null) until the endpoint has presented a certificate.
      List<Observation> seen = served.stream().filter(o -> o.leaf() != null).toList();
      if (!seen.isEmpty()) {
        servedMatches = true;
        for (Observation o : seen) {
          String other = CertificateFacts.fingerprintSha256(o.leaf());
          if (!other.equals(fingerprint)) {
            servedMatches = false;
            servedFingerprint = other;
            servedIsOlder = !o.leaf().getNotAfter().toInstant().isAfter(notAfter);
          }
        }
        if (servedMatches) {
          servedFingerprint = fingerprint;
        }
      }
    }

    String error = observation.failure();
    String detail = observation.failureDetail();
    if (error == null) {
      error =
          observation.verification() == null
              ? chainReason(chain)
              : chainReason(observation.verification());
      detail = error == null ? null : observation.verification().reason();
    }
    if (error == null && Boolean.FALSE.equals(hostnameMatch)) {
      error = Reason.NAME_MISMATCH;
      detail =
          "the certificate does not cover "
              + (servedHost != null ? servedHost : "the SNI name")
              + " (SANs: "
              + String.join(", ", CertificateFacts.sans(leaf))
              + ")";
    }
    if (error == null && Boolean.FALSE.equals(observation.keyMatches())) {
      error = Reason.KEY_MISMATCH;
      detail = "the private key does not belong to this certificate";
    }
    if (error == null && Boolean.FALSE.equals(servedMatches) && servedFingerprint != null) {
      error = Reason.SERVED_MISMATCH;
      detail =
          servedIsOlder
              ? "the file was renewed but the server still serves the old certificate (not reloaded)"
              : "the server serves a different, newer certificate than this file";
    }
    if (!timeKnown
        && (error != null && TIME_REASONS.contains(error)
            || error == null && (renewal.overdue() || renewal.expiring()))) {
      error = Reason.CLOCK_SKEW;
      detail =
          "the system clock is wrong and no trusted time is known: whether this certificate is"
              + " valid now cannot be said (set the time, or certwatch.clock.reference-url)";
    }

    String problemReason = error;
    if (problemReason == null && renewal.overdue()) {
      problemReason = Reason.RENEWAL_OVERDUE;
    }
    if (problemReason == null && renewal.expiring()) {
      problemReason = Reason.EXPIRING;
    }
    String advice =
        Reason.SERVED_MISMATCH.equals(problemReason) && !servedIsOlder
            ? "Point this file entry at the certificate the server really uses."
            : Advice.forReason(problemReason, observation.source());

    return new CertificateStatus(
        observation.id(),
        observation.source(),
        observation.family(),
        leaf.getSubjectX500Principal().getName(),
        CertificateFacts.sans(leaf),
        leaf.getIssuerX500Principal().getName(),
        CertificateFacts.serialHex(leaf),
        fingerprint,
        notBefore,
        notAfter,
        timeKnown ? expiresIn : null,
        timeKnown ? round2(expiresIn / 86_400.0) : null,
        hostnameMatch,
        chain == ChainStatus.VALID,
        chainComplete,
        renewal.dueAt(),
        timeKnown ? renewal.overdue() : null,
        servedMatches,
        observation.keyMatches(),
        error,
        observation.checkedAt(),
        observation.key(),
        target,
        round2(RenewalSchedule.lifetime(notBefore, notAfter).getSeconds() / 86_400.0),
        observation.chain().size(),
        renewal.window().end(),
        renewal.window().source(),
        renewal.window().explanationUrl(),
        servedFingerprint,
        detail,
        problemReason != null,
        problemReason,
        advice,
        renewal.window().note() != null ? renewal.window().note() : ariNote);
  }

  /** The reason code of a chain verdict: one per problem a TLS client rejects. */
  static String chainReason(ChainVerifier.Verification verification) {
    ChainProblem problem = verification.problem();
    if (problem == null) {
      return chainReason(verification.status());
    }
    return switch (problem) {
      case NONE -> null;
      case EXPIRED -> Reason.EXPIRED;
      case NOT_YET_VALID, INTERMEDIATE_NOT_YET_VALID -> Reason.NOT_YET_VALID;
      case INTERMEDIATE_EXPIRED -> Reason.INTERMEDIATE_EXPIRED;
      case MISSING_INTERMEDIATE -> Reason.INCOMPLETE_CHAIN;
      case UNTRUSTED_ROOT, INVALID -> Reason.UNTRUSTED;
      case SELF_SIGNED -> Reason.SELF_SIGNED;
      case WRONG_ORDER -> Reason.WRONG_ORDER;
      case WRONG_PURPOSE -> Reason.WRONG_PURPOSE;
      case WEAK_CRYPTO -> Reason.WEAK_CRYPTO;
      case NAME_CONSTRAINTS -> Reason.NAME_CONSTRAINTS;
      case CRITICAL_EXTENSION -> Reason.UNKNOWN_CRITICAL_EXTENSION;
      case INVALID_CA -> Reason.INVALID_CA;
      case NO_CERTIFICATE -> Reason.HANDSHAKE_FAILED;
    };
  }

  static String chainReason(ChainStatus status) {
    return switch (status) {
      case VALID -> null;
      case EXPIRED -> Reason.EXPIRED;
      case NOT_YET_VALID -> Reason.NOT_YET_VALID;
      case INCOMPLETE_CHAIN -> Reason.INCOMPLETE_CHAIN;
      case UNTRUSTED -> Reason.UNTRUSTED;
      case NONE -> Reason.HANDSHAKE_FAILED;
    };
  }

  private static double round2(double value) {
    return Math.round(value * 100.0) / 100.0;
  }
}
