package dev.haremote.common.tls;

/**
 * What exactly is wrong with a chain, finer than {@link ChainStatus}: each problem a current TLS
 * client (OpenSSL 3 at security level 2) rejects gets its own value, so callers can give advice
 * that fits. The OpenSSL verify error each one corresponds to is named in brackets.
 */
public enum ChainProblem {
  NONE,
  /** The end-entity certificate has expired [10 at depth 0]. */
  EXPIRED,
  /** The end-entity certificate is not valid yet [9]. */
  NOT_YET_VALID,
  /** An intermediate (or the root sent along) has expired [10 at depth 1 or more]. */
  INTERMEDIATE_EXPIRED,
  /** An intermediate is not valid yet [9 at depth 1 or more]. */
  INTERMEDIATE_NOT_YET_VALID,
  /** The leaf's issuer is neither sent nor trusted: the intermediate is missing [20/21 at 0]. */
  MISSING_INTERMEDIATE,
  /** The chain ends in a root (sent or not) that is not trusted [19, or 20 at depth 1 or more]. */
  UNTRUSTED_ROOT,
  /** One certificate that signed itself and is not trusted [18]. */
  SELF_SIGNED,
  /** The end-entity certificate is not the first of the file [nginx: key values mismatch]. */
  WRONG_ORDER,
  /** A certificate of the path does not allow TLS server use (EKU, key usage) [26]. */
  WRONG_PURPOSE,
  /** A signature digest or key too weak for security level 2: SHA-1, RSA below 2048 [66-68]. */
  WEAK_CRYPTO,
  /** A name of the leaf is outside a CA's name constraints [47, 48]. */
  NAME_CONSTRAINTS,
  /** A certificate carries a critical extension no TLS client knows [34]. */
  CRITICAL_EXTENSION,
  /** An issuing certificate is not a CA (basic constraints, keyCertSign) [24]. */
  INVALID_CA,
  /** A signature does not verify, or PKIX failed otherwise [7 and others]. */
  INVALID,
  /** No certificate. */
  NO_CERTIFICATE
}
