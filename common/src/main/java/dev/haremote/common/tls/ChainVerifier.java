package dev.haremote.common.tls;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;

/**
 * Verifies a presented chain against a {@link TrustConfig} at a given instant (injected, so tests
 * and the clock-sanity check can choose it), as a current TLS client does it (OpenSSL 3 at Debian's
 * security level 2 is the reference; see docs/certificates.md). Used for live endpoints and for
 * files on disk alike.
 *
 * <p>The end-entity certificate is picked by its relations, not by its position: the certificate
 * that is not a CA (and matches the private key, when the caller knows one). Not being first is its
 * own problem ({@link ChainProblem#WRONG_ORDER}: nginx refuses such a file).
 *
 * <p>Order of the verdict, first problem wins: wrong order; the leaf's dates, then the other
 * certificates' dates; the shape of the chain (self-signed, untrusted root, missing intermediate);
 * weak signatures and keys (security level 2); unknown critical extensions; issuers that are not
 * CAs; purpose (serverAuth EKU and key usage along the path); then PKIX itself (signatures, name
 * constraints). Revocation is not checked: Let's Encrypt has no OCSP any more and CRLs need network
 * access.
 *
 * <p>The path is built as OpenSSL 3 builds it (trusted first): it ends at the first certificate
 * that is a trust anchor or is issued by one, and among several issuers a currently valid one is
 * taken (a cross-signed root or an expired copy of an intermediate sent along does not spoil a path
 * that a client completes without it).
 *
 * <p>The signature work is done once per presented chain and kept in a {@link ChainAnalysisCache}
 * (this verifier's trust anchors are fixed, so the chain's bytes are the key); the path is picked
 * and the dates are checked against the given instant on every call, so a cached chain still turns
 * EXPIRED when its time comes.
 */
public class ChainVerifier {
  private final Map<X500Principal, List<X509Certificate>> anchorsBySubject = new HashMap<>();
  private final Set<TrustAnchor> trustAnchors = new HashSet<>();
  private final ChainAnalysisCache<IssuerGraph> analyses = new ChainAnalysisCache<>();
  private final AtomicLong signatureChecks = new AtomicLong();

  public ChainVerifier(TrustConfig trust) {
    // Indexed once: the system store has ~150 anchors and live probes verify often.
    for (X509Certificate a : trust.anchors()) {
      anchorsBySubject.computeIfAbsent(a.getSubjectX500Principal(), k -> new ArrayList<>()).add(a);
      trustAnchors.add(new TrustAnchor(a, null));
    }
  }

  /** The presented chain, the end-entity picked by relations only. */
  public Verification verify(List<X509Certificate> chain, Instant at) {
    return verify(chain, at, null);
  }

  /**
   * @param matchesKey whether a certificate belongs to the private key configured with it (files),
   *     to pick the end-entity in a file of the wrong order; null when no key is known
   */
  public Verification verify(
      List<X509Certificate> presented, Instant at, Predicate<X509Certificate> matchesKey) {
    if (presented == null || presented.isEmpty()) {
      return new Verification(
          ChainStatus.NONE,
          false,
          "no certificate was presented",
          ChainProblem.NO_CERTIFICATE,
          null);
    }
    int leafIndex = endEntityIndex(presented, matchesKey);
    List<X509Certificate> chain = presented;
    if (leafIndex != 0) {
      chain = new ArrayList<>(presented);
      chain.add(0, chain.remove(leafIndex));
    }
    List<X509Certificate> ordered = chain;
    IssuerGraph graph = analyses.get(ordered, () -> issuerGraph(ordered));
    Date when = Date.from(at);
    Analysis analysis = graph.analysis(graph.path(when), this);
    X509Certificate leaf = ordered.get(0);
    boolean complete = analysis.complete;

    if (leafIndex != 0) {
      return new Verification(
          ChainStatus.UNTRUSTED,
          complete,
          "the file starts with "
              + describe(presented.get(0))
              + ", not with the server's own certificate (it is number "
              + (leafIndex + 1)
              + "): servers send the first certificate as theirs",
          ChainProblem.WRONG_ORDER,
          leaf);
    }
    Verification dates = dates(analysis.toValidate, analysis.anchor, when, complete, leaf);
    if (dates != null) {
      return dates;
    }
    if (analysis.shapeProblem != null) {
      return analysis.shapeProblem;
    }
    if (analysis.staticProblem != null) {
      return analysis.staticProblem;
    }
    // Every certificate PKIX looks at is valid at this instant (checked just above), so its
    // verdict is the same at any instant that passes those checks: one run per chain is enough.
    Verification pkix = analysis.pkix;
    if (pkix == null) {
      pkix = pkix(analysis.toValidate, when, leaf);
      analysis.pkix = pkix;
    }
    return pkix;
  }

  /** How many chains had their signatures checked (the cache's misses); for tests. */
  long signatureChecks() {
    return signatureChecks.get();
  }

  /**
   * The first certificate of the path (the trust anchor included, as OpenSSL 3 checks it; Java's
   * PKIX does not) that has expired, else the first that is not valid yet.
   *
   * @param anchor the trust anchor the path ends in; null when none, or when it is the leaf itself
   */
  private static Verification dates(
      List<X509Certificate> toValidate,
      X509Certificate anchor,
      Date when,
      boolean complete,
      X509Certificate leaf) {
    List<X509Certificate> dated = new ArrayList<>(toValidate);
    if (anchor != null && !toValidate.contains(anchor)) {
      dated.add(anchor);
    }
    for (int i = 0; i < dated.size(); i++) {
      X509Certificate c = dated.get(i);
      if (when.after(c.getNotAfter())) {
        return new Verification(
            ChainStatus.EXPIRED,
            complete,
            which(i, c, anchor) + " expired at " + c.getNotAfter().toInstant(),
            i == 0 ? ChainProblem.EXPIRED : ChainProblem.INTERMEDIATE_EXPIRED,
            leaf);
      }
    }
    for (int i = 0; i < dated.size(); i++) {
      X509Certificate c = dated.get(i);
      if (when.before(c.getNotBefore())) {
        return new Verification(
            ChainStatus.NOT_YET_VALID,
            complete,
            which(i, c, anchor) + " is not valid before " + c.getNotBefore().toInstant(),
            i == 0 ? ChainProblem.NOT_YET_VALID : ChainProblem.INTERMEDIATE_NOT_YET_VALID,
            leaf);
      }
    }
    return null;
  }

  private static String which(int depth, X509Certificate c, X509Certificate anchor) {
    if (depth == 0) {
      return "the certificate";
    }
    return (c == anchor ? "the trusted root " : "the chain certificate ") + describe(c);
  }

  /**
   * What of one path through a chain does not depend on the instant: the certificates to validate,
   * whether it reaches an anchor, and the policy verdict.
   */
  private static final class Analysis {
    final List<X509Certificate> toValidate;

    /** The trust anchor the path ends in; null when none. */
    final X509Certificate anchor;

    final boolean complete;

    /** Null when the chain reaches an anchor. */
    final Verification shapeProblem;

    /** Weak crypto, critical extensions, CA flags, purpose: null when none. */
    final Verification staticProblem;

    /** PKIX's verdict, once run at an instant when every certificate of the path was valid. */
    volatile Verification pkix;

    Analysis(
        List<X509Certificate> toValidate,
        X509Certificate anchor,
        boolean complete,
        Verification shapeProblem,
        Verification staticProblem) {
      this.toValidate = toValidate;
      this.anchor = anchor;
      this.complete = complete;
      this.shapeProblem = shapeProblem;
      this.staticProblem = staticProblem;
    }
  }

  /**
   * Who issued whom among the presented certificates and the trust anchors: all the signature work
   * of a chain, done once (it does not depend on the time).
   */
  private IssuerGraph issuerGraph(List<X509Certificate> chain) {
    signatureChecks.incrementAndGet();
    int n = chain.size();
    List<List<Integer>> issuers = new ArrayList<>(n);
    List<List<X509Certificate>> anchorIssuers = new ArrayList<>(n);
    boolean[] anchor = new boolean[n];
    boolean[] selfSigned = new boolean[n];
    for (int i = 0; i < n; i++) {
      X509Certificate c = chain.get(i);
      List<Integer> byPresented = new ArrayList<>();
      // The leaf issues nothing of its own path (servers send it first).
      for (int j = 1; j < n; j++) {
        if (j != i && issued(chain.get(j), c)) {
          byPresented.add(j);
        }
      }
      issuers.add(List.copyOf(byPresented));
      anchorIssuers.add(anchorsIssuing(c));
      anchor[i] = isAnchor(c);
      selfSigned[i] = isSelfSigned(c);
    }
    return new IssuerGraph(List.copyOf(chain), issuers, anchorIssuers, anchor, selfSigned);
  }

  /**
   * A path from the leaf upwards and the anchor it ends in: which presented certificate is which,
   * by index, and the anchor (null when it reaches none).
   */
  private record PathChoice(List<Integer> path, X509Certificate anchor) {}

  /** The issuer relations of one presented chain, and what was worked out per path through them. */
  private static final class IssuerGraph {
    final List<X509Certificate> chain;

    /** Per certificate: the presented certificates (never the leaf) that issued it. */
    final List<List<Integer>> issuers;

    /** Per certificate: the trust anchors that issued it. */
    final List<List<X509Certificate>> anchorIssuers;

    /** Per certificate: it is a trust anchor itself (same subject and key as one). */
    final boolean[] anchor;

    final boolean[] selfSigned;
    final Map<PathChoice, Analysis> analyses = new ConcurrentHashMap<>();

    IssuerGraph(
        List<X509Certificate> chain,
        List<List<Integer>> issuers,
        List<List<X509Certificate>> anchorIssuers,
        boolean[] anchor,
        boolean[] selfSigned) {
      this.chain = chain;
      this.issuers = issuers;
      this.anchorIssuers = anchorIssuers;
      this.anchor = anchor;
      this.selfSigned = selfSigned;
    }

    /**
     * The path as OpenSSL 3 builds it (trusted first): from the leaf upwards, it stops at the first
     * certificate that is a trust anchor or is issued by one, whatever else was sent above it (a
     * cross-signed copy of the anchor, an old root). Among several issuers it takes one valid at
     * {@code when}, else the one that expires last (OpenSSL's {@code find_issuer}).
     */
    PathChoice path(Date when) {
      List<Integer> path = new ArrayList<>();
      int current = 0;
      path.add(current);
      while (true) {
        if (anchor[current]) {
          return new PathChoice(List.copyOf(path), chain.get(current));
        }
        if (!anchorIssuers.get(current).isEmpty()) {
          List<X509Certificate> anchors = anchorIssuers.get(current);
          return new PathChoice(List.copyOf(path), anchors.get(preferred(anchors, when)));
        }
        if (selfSigned[current]) {
          return new PathChoice(List.copyOf(path), null);
        }
        List<X509Certificate> candidates = new ArrayList<>();
        List<Integer> indices = new ArrayList<>();
        for (int j : issuers.get(current)) {
          if (!path.contains(j)) {
            candidates.add(chain.get(j));
            indices.add(j);
          }
        }
        if (candidates.isEmpty()) {
          return new PathChoice(List.copyOf(path), null);
        }
        current = indices.get(preferred(candidates, when));
        path.add(current);
      }
    }

    Analysis analysis(PathChoice choice, ChainVerifier verifier) {
      return analyses.computeIfAbsent(choice, c -> verifier.analyse(this.chain, c));
    }
  }

  /** Which candidate: the first valid at {@code when}, else the one that expires last. */
  static int preferred(List<X509Certificate> candidates, Date when) {
    int latest = 0;
    for (int i = 0; i < candidates.size(); i++) {
      X509Certificate c = candidates.get(i);
      if (!when.before(c.getNotBefore()) && !when.after(c.getNotAfter())) {
        return i;
      }
      if (c.getNotAfter().after(candidates.get(latest).getNotAfter())) {
        latest = i;
      }
    }
    return latest;
  }

  private Analysis analyse(List<X509Certificate> chain, PathChoice choice) {
    X509Certificate leaf = chain.get(0);
    List<X509Certificate> path = new ArrayList<>();
    for (int i : choice.path()) {
      path.add(chain.get(i));
    }
    X509Certificate top = path.get(path.size() - 1);
    X509Certificate anchor = choice.anchor();
    // The anchor itself is not part of the path PKIX validates (unless the leaf is the anchor).
    List<X509Certificate> toValidate = new ArrayList<>(path);
    if (toValidate.size() > 1 && toValidate.get(toValidate.size() - 1).equals(anchor)) {
      toValidate.remove(toValidate.size() - 1);
    }
    if (anchor == null) {
      boolean selfSigned = isSelfSigned(top);
      // Only a leaf whose issuer is nowhere lacks an intermediate: a chain that ends in a CA
      // certificate was sent complete (servers never send the root), its root is not trusted.
      boolean missing = !selfSigned && path.size() == 1;
      ChainProblem problem =
          missing
              ? ChainProblem.MISSING_INTERMEDIATE
              : selfSigned && path.size() == 1
                  ? ChainProblem.SELF_SIGNED
                  : ChainProblem.UNTRUSTED_ROOT;
      String reason =
          switch (problem) {
            case MISSING_INTERMEDIATE ->
                "the server does not send the certificate of its issuer "
                    + top.getIssuerX500Principal().getName()
                    + " (missing intermediate), or that issuer is not trusted";
            case SELF_SIGNED -> "the certificate is self-signed and not in the trust store";
            default ->
                selfSigned
                    ? "the chain ends in a root that is not in the trust store: "
                        + top.getSubjectX500Principal().getName()
                    : "the chain ends at "
                        + describe(top)
                        + ", issued by "
                        + top.getIssuerX500Principal().getName()
                        + ", a root that is not in the trust store";
          };
      Verification shape =
          new Verification(
              problem == ChainProblem.MISSING_INTERMEDIATE
                  ? ChainStatus.INCOMPLETE_CHAIN
                  : ChainStatus.UNTRUSTED,
              !missing,
              reason,
              problem,
              leaf);
      return new Analysis(List.copyOf(toValidate), null, !missing, shape, null);
    }
    Verification staticProblem = PathPolicy.check(toValidate, anchor, leaf);
    return new Analysis(List.copyOf(toValidate), anchor, true, null, staticProblem);
  }

  private Verification pkix(List<X509Certificate> toValidate, Date when, X509Certificate leaf) {
    try {
      if (isAnchor(toValidate.get(0))) {
        return new Verification(ChainStatus.VALID, true, null, ChainProblem.NONE, leaf);
      }
      CertPathValidator validator = CertPathValidator.getInstance("PKIX");
      PKIXParameters params = new PKIXParameters(trustAnchors);
      params.setRevocationEnabled(false);
      params.setDate(when);
      validator.validate(
          CertificateFactory.getInstance("X.509").generateCertPath(toValidate), params);
      return new Verification(ChainStatus.VALID, true, null, ChainProblem.NONE, leaf);
    } catch (CertPathValidatorException e) {
      ChainProblem problem = problemOf(e.getReason());
      String prefix =
          problem == ChainProblem.NAME_CONSTRAINTS
              ? "a name of the certificate is outside its CA's name constraints: "
              : "PKIX validation failed: ";
      return new Verification(ChainStatus.UNTRUSTED, true, prefix + safeMessage(e), problem, leaf);
    } catch (GeneralSecurityException e) {
      return new Verification(
          ChainStatus.UNTRUSTED,
          true,
          "cannot validate: " + e.getClass(),
          ChainProblem.INVALID,
          leaf);
    }
  }

  private static ChainProblem problemOf(CertPathValidatorException.Reason reason) {
    if (reason == PKIXReason.INVALID_NAME) {
      return ChainProblem.NAME_CONSTRAINTS;
    }
    if (reason == PKIXReason.UNRECOGNIZED_CRIT_EXT) {
      return ChainProblem.CRITICAL_EXTENSION;
    }
    if (reason == PKIXReason.NOT_CA_CERT || reason == PKIXReason.PATH_TOO_LONG) {
      return ChainProblem.INVALID_CA;
    }
    if (reason == PKIXReason.INVALID_KEY_USAGE) {
      return ChainProblem.WRONG_PURPOSE;
    }
    if (reason == CertPathValidatorException.BasicReason.ALGORITHM_CONSTRAINED) {
      return ChainProblem.WEAK_CRYPTO;
    }
    return ChainProblem.INVALID;
  }

  /**
   * Where the end-entity certificate is: the first one when it is not a CA (and matches the key);
   * else the one that matches the key; else a non-CA issued by another certificate of the list;
   * else any non-CA; else the first.
   */
  static int endEntityIndex(List<X509Certificate> chain, Predicate<X509Certificate> matchesKey) {
    if (chain.size() == 1) {
      return 0;
    }
    X509Certificate first = chain.get(0);
    if (!isCa(first) && (matchesKey == null || safeTest(matchesKey, first))) {
      return 0;
    }
    if (matchesKey != null) {
      for (int i = 1; i < chain.size(); i++) {
        if (!isCa(chain.get(i)) && safeTest(matchesKey, chain.get(i))) {
          return i;
        }
      }
    }
    if (!isCa(first)) {
      // The key matches no end-entity: a key mismatch, which the caller reports.
      return 0;
    }
    int anyNonCa = -1;
    for (int i = 1; i < chain.size(); i++) {
      X509Certificate c = chain.get(i);
      if (isCa(c)) {
        continue;
      }
      for (X509Certificate other : chain) {
        if (other != c && other.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
          return i;
        }
      }
      if (anyNonCa < 0) {
        anyNonCa = i;
      }
    }
    return anyNonCa < 0 ? 0 : anyNonCa;
  }

  private static boolean safeTest(Predicate<X509Certificate> p, X509Certificate c) {
    try {
      return p.test(c);
    } catch (RuntimeException e) {
      return false;
    }
  }

  static boolean isCa(X509Certificate c) {
    return c.getBasicConstraints() >= 0;
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

  private List<X509Certificate> anchorsIssuing(X509Certificate cert) {
    List<X509Certificate> issuing = new ArrayList<>();
    for (X509Certificate a :
        anchorsBySubject.getOrDefault(cert.getIssuerX500Principal(), List.of())) {
      if (issued(a, cert)) {
        issuing.add(a);
      }
    }
    return List.copyOf(issuing);
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

  static String describe(X509Certificate c) {
    String name = c.getSubjectX500Principal().getName();
    return name.isEmpty() ? "a certificate without subject" : name;
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
   * @param complete false exactly when an intermediate is missing (the leaf's issuer is neither
   *     sent nor trusted), even if some client could fetch it by AIA
   * @param reason null when VALID, else a sentence a person can read
   * @param problem what exactly is wrong ({@link ChainProblem#NONE} when VALID)
   * @param leaf the end-entity certificate the verdict is about (not always the first presented);
   *     null when nothing was presented
   */
  public record Verification(
      ChainStatus status,
      boolean complete,
      String reason,
      ChainProblem problem,
      X509Certificate leaf) {

    /** The verdict without the finer problem (derived from the status) and leaf. */
    public Verification(ChainStatus status, boolean complete, String reason) {
      this(status, complete, reason, problemOf(status), null);
    }

    private static ChainProblem problemOf(ChainStatus status) {
      return switch (status) {
        case VALID -> ChainProblem.NONE;
        case EXPIRED -> ChainProblem.EXPIRED;
        case NOT_YET_VALID -> ChainProblem.NOT_YET_VALID;
        case INCOMPLETE_CHAIN -> ChainProblem.MISSING_INTERMEDIATE;
        case UNTRUSTED -> ChainProblem.UNTRUSTED_ROOT;
        case NONE -> ChainProblem.NO_CERTIFICATE;
      };
    }
  }
}
