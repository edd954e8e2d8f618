package dev.haremote.common.tls;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;

/**
 * Verifies a presented chain (leaf first) with PKIX against a {@link TrustConfig} at a given
 * instant (injected, so tests and the clock-sanity check can choose it). Used for live endpoints
 * and for files on disk alike.
 *
 * <p>Order of the verdict: expiry, then not-yet-valid (of the leaf or any presented certificate),
 * then the shape of the chain (a missing intermediate versus an untrusted root), then PKIX itself.
 * Revocation is not checked: Let's Encrypt has no OCSP any more and CRLs need network access.
 *
 * <p>The signature work (finding the path, PKIX) is done once per presented chain and kept in a
 * {@link ChainAnalysisCache} (this verifier's trust anchors are fixed, so the chain's bytes are the
 * key); the dates are checked against the given instant on every call, so a cached chain still
 * turns EXPIRED when its time comes.
 */
public class ChainVerifier {
  private final Map<X500Principal, List<X509Certificate>> anchorsBySubject = new HashMap<>();
  private final Set<TrustAnchor> trustAnchors = new HashSet<>();
  private final ChainAnalysisCache<Analysis> analyses = new ChainAnalysisCache<>();
  private final AtomicLong signatureChecks = new AtomicLong();

  public ChainVerifier(TrustConfig trust) {
    // Indexed once: the system store has ~150 anchors and live probes verify often.
    for (X509Certificate a : trust.anchors()) {
      anchorsBySubject.computeIfAbsent(a.getSubjectX500Principal(), k -> new ArrayList<>()).add(a);
      trustAnchors.add(new TrustAnchor(a, null));
    }
  }

  public Verification verify(List<X509Certificate> chain, Instant at) {
    if (chain == null || chain.isEmpty()) {
      return new Verification(ChainStatus.NONE, false, "no certificate was presented");
    }
    Analysis analysis = analyses.get(chain, () -> analyse(chain));
    List<X509Certificate> toValidate = analysis.toValidate;
    boolean complete = analysis.shapeProblem == null;

    Date when = Date.from(at);
    for (int i = 0; i < toValidate.size(); i++) {
      X509Certificate c = toValidate.get(i);
      if (when.after(c.getNotAfter())) {
        return new Verification(
            ChainStatus.EXPIRED,
            complete,
            describe(i, c) + " expired at " + c.getNotAfter().toInstant());
      }
    }
    for (int i = 0; i < toValidate.size(); i++) {
      X509Certificate c = toValidate.get(i);
      if (when.before(c.getNotBefore())) {
        return new Verification(
            ChainStatus.NOT_YET_VALID,
            complete,
            describe(i, c) + " is not valid before " + c.getNotBefore().toInstant());
      }
    }
    if (!complete) {
      return analysis.shapeProblem;
    }
    // Every certificate PKIX looks at is valid at this instant (checked just above), so its
    // verdict is the same at any instant that passes those checks: one run per chain is enough.
    Verification pkix = analysis.pkix;
    if (pkix == null) {
      pkix = pkix(toValidate, when);
      analysis.pkix = pkix;
    }
    return pkix;
  }

  /** How many chains had their signatures checked (the cache's misses); for tests. */
  long signatureChecks() {
    return signatureChecks.get();
  }

  /** What of a chain does not depend on the instant: its path, and whether it reaches an anchor. */
  private static final class Analysis {
    final List<X509Certificate> toValidate;

    /** Null when the chain reaches an anchor. */
    final Verification shapeProblem;

    /** PKIX's verdict, once run at an instant when every certificate of the path was valid. */
    volatile Verification pkix;

    Analysis(List<X509Certificate> toValidate, Verification shapeProblem) {
      this.toValidate = toValidate;
      this.shapeProblem = shapeProblem;
    }
  }

  private Analysis analyse(List<X509Certificate> chain) {
    signatureChecks.incrementAndGet();
    List<X509Certificate> path = orderedPath(chain);
    X509Certificate top = path.get(path.size() - 1);
    boolean complete = isAnchor(top) || anchorIssuing(top) != null;
    // The anchor itself is not part of the path PKIX validates.
    List<X509Certificate> toValidate = new ArrayList<>(path);
    while (toValidate.size() > 1 && isAnchor(toValidate.get(toValidate.size() - 1))) {
      toValidate.remove(toValidate.size() - 1);
    }
    Verification shapeProblem = null;
    if (!complete) {
      if (isSelfSigned(top)) {
        shapeProblem =
            new Verification(
                ChainStatus.UNTRUSTED,
                false,
                path.size() == 1
                    ? "the certificate is self-signed and not in the trust store"
                    : "the chain ends in a root that is not in the trust store: "
                        + top.getSubjectX500Principal().getName());
      } else {
        shapeProblem =
            new Verification(
                ChainStatus.INCOMPLETE_CHAIN,
                false,
                "the server does not send the certificate of its issuer "
                    + top.getIssuerX500Principal().getName()
                    + " (missing intermediate), or that issuer is not trusted");
      }
    }
    return new Analysis(List.copyOf(toValidate), shapeProblem);
  }

  private Verification pkix(List<X509Certificate> toValidate, Date when) {
    try {
      if (isAnchor(toValidate.get(0))) {
        return new Verification(ChainStatus.VALID, true, null);
      }
      CertPathValidator validator = CertPathValidator.getInstance("PKIX");
      PKIXParameters params = new PKIXParameters(trustAnchors);
      params.setRevocationEnabled(false);
      params.setDate(when);
      validator.validate(
          CertificateFactory.getInstance("X.509").generateCertPath(toValidate), params);
      return new Verification(ChainStatus.VALID, true, null);
    } catch (CertPathValidatorException e) {
      return new Verification(
          ChainStatus.UNTRUSTED, true, "PKIX validation failed: " + safeMessage(e));
    } catch (GeneralSecurityException e) {
      return new Verification(ChainStatus.UNTRUSTED, true, "cannot validate: " + e.getClass());
    }
  }

  /**
   * The presented certificates from the leaf upwards, following issuer links; certificates that do
   * not belong to the leaf's path (servers send extras or a wrong order) are left out.
   */
  private static List<X509Certificate> orderedPath(List<X509Certificate> chain) {
    List<X509Certificate> path = new ArrayList<>();
    List<X509Certificate> pool = new ArrayList<>(chain.subList(1, chain.size()));
    X509Certificate current = chain.get(0);
    path.add(current);
    while (!isSelfSigned(current)) {
      X509Certificate next = null;
      for (X509Certificate candidate : pool) {
        if (issued(candidate, current)) {
          next = candidate;
          break;
        }
      }
      if (next == null) {
        break;
      }
      pool.remove(next);
      path.add(next);
      current = next;
    }
    return path;
  }

  private boolean isAnchor(X509Certificate cert) {
    for (X509Certificate a :
        anchorsBySubject.getOrDefault(cert.getSubjectX500Principal(), List.of())) {
      if (a.equals(cert) || a.getPublicKey().equals(cert.getPublicKey())) {
        return true;
      }
    }
    return false;
  }

  private X509Certificate anchorIssuing(X509Certificate cert) {
    for (X509Certificate a :
        anchorsBySubject.getOrDefault(cert.getIssuerX500Principal(), List.of())) {
      if (issued(a, cert)) {
        return a;
      }
    }
    return null;
  }

  /** Whether {@code issuer} signed {@code cert}: names chain and the signature verifies. */
  private static boolean issued(X509Certificate issuer, X509Certificate cert) {
    X500Principal expected = cert.getIssuerX500Principal();
    if (!issuer.getSubjectX500Principal().equals(expected)) {
      return false;
    }
    try {
      cert.verify(issuer.getPublicKey());
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  static boolean isSelfSigned(X509Certificate cert) {
    return issued(cert, cert);
  }

  private static String describe(int index, X509Certificate c) {
    return index == 0
        ? "the certificate"
        : "the chain certificate " + c.getSubjectX500Principal().getName();
  }

  /** The validator's message without certificate dumps; short enough for a status field. */
  private static String safeMessage(CertPathValidatorException e) {
    String reason =
        e.getReason() == null ? "" : e.getReason().toString().toLowerCase(java.util.Locale.ROOT);
    String message = e.getMessage() == null ? "" : e.getMessage();
    String firstLine = message.lines().findFirst().orElse("");
    if (firstLine.length() > 200) {
      firstLine = firstLine.substring(0, 200);
    }
    return List.of(reason, firstLine).stream()
        .filter(s -> !s.isBlank())
        .collect(Collectors.joining(": "));
  }

  /**
   * @param complete whether the presented chain itself reaches an anchor (false: an intermediate is
   *     missing even if some client could fetch it by AIA)
   * @param reason null when VALID, else a sentence a person can read
   */
  public record Verification(ChainStatus status, boolean complete, String reason) {}
}
