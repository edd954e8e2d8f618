package dev.haremote.certwatch.service;

import dev.haremote.certwatch.check.Observation;
import dev.haremote.certwatch.check.Reason;
import dev.haremote.certwatch.renewal.RenewalSchedule;
import dev.haremote.certwatch.renewal.RenewalWindow;
import dev.haremote.common.tls.ChainProblem;
import dev.haremote.common.tls.ChainStatus;
import dev.haremote.common.tls.ChainVerifier;
import java.security.cert.X509Certificate;
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
      return notRead(observation, target, ariNote);
    }
    LeafFacts facts = LeafFacts.of(leaf, observation.keyMatches());
    Expiry expiry = timeKnown ? Expiry.until(facts.notAfter(), now) : Expiry.UNKNOWN;
    RenewalSchedule.Verdict renewal =
        RenewalSchedule.judge(facts.notBefore(), facts.notAfter(), ari, now);
    ChainAndName chain = ChainAndName.of(observation, leaf, servedHost);
    ServedVsFile servedVsFile = ServedVsFile.compare(served, facts);
    return CertificateStatus.of(
        CertificateReading.of(observation, target),
        facts,
        expiry,
        chain,
        RenewalTiming.of(renewal, timeKnown, ariNote),
        servedVsFile,
        verdict(observation, facts, chain, servedVsFile, servedHost, renewal, timeKnown));
  }

  /**
   * The entry of a certificate that could not be read: its reading and why not, nothing else.
   *
   * @param ariNote why the CA's renewal information was not used, or null
   */
  public static CertificateStatus notRead(Observation observation, String target, String ariNote) {
    String reason = observation.failure() == null ? Reason.INTERNAL_ERROR : observation.failure();
    return CertificateStatus.of(
        CertificateReading.of(observation, target),
        LeafFacts.NOT_READ,
        Expiry.UNKNOWN,
        ChainAndName.NOT_READ,
        RenewalTiming.notRead(ariNote),
        ServedVsFile.NOT_COMPARED,
        Verdict.of(
            reason,
            observation.failureDetail(),
            reason,
            Advice.forReason(reason, observation.source())));
  }

  /**
   * The first thing wrong, in the order a TLS client meets it (the chain, the name, then the key,
   * read or matched, and served vs file; a certificate that could not be read is {@link #notRead}),
   * or else the renewal reason that turns the problem sensor on.
   */
  private static Verdict verdict(
      Observation observation,
      LeafFacts facts,
      ChainAndName chain,
      ServedVsFile served,
      String servedHost,
      RenewalSchedule.Verdict renewal,
      boolean timeKnown) {
    // A certificate was read, so a failure is its key's (a key file that cannot be read). The key
    // is judged after the chain and the name (docs/certificates.md): an unreadable key must not
    // hide an expired or untrusted certificate.
    String error =
        observation.verification() == null
            ? chainReason(ChainAndName.chainStatus(observation))
            : chainReason(observation.verification());
    String detail =
        error == null || observation.verification() == null
            ? null
            : observation.verification().reason();
    if (error == null && Boolean.FALSE.equals(chain.hostnameMatch())) {
      error = Reason.NAME_MISMATCH;
      detail =
          "the certificate does not cover "
              + (servedHost != null ? servedHost : "the SNI name")
              + " (SANs: "
              + String.join(", ", facts.sans())
              + ")";
    }
    boolean keyUnreadable = false;
    if (error == null && observation.failure() != null) {
      error = observation.failure();
      detail = observation.failureDetail();
      keyUnreadable = true;
    }
    if (error == null && Boolean.FALSE.equals(facts.keyMatches())) {
      error = Reason.KEY_MISMATCH;
      detail = "the private key does not belong to this certificate";
    }
    if (error == null && served.differs()) {
      error = Reason.SERVED_MISMATCH;
      detail =
          served.servedIsOlder()
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
        Reason.SERVED_MISMATCH.equals(problemReason) && !served.servedIsOlder()
            ? "Point this file entry at the certificate the server really uses."
            : keyUnreadable && error.equals(problemReason)
                ? Advice.forKeyFile(problemReason)
                : Advice.forReason(problemReason, observation.source());
    return Verdict.of(error, detail, problemReason, advice);
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
}
