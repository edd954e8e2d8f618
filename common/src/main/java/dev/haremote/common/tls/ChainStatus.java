package dev.haremote.common.tls;

/** The verdict on a certificate chain, first problem wins in this order. */
public enum ChainStatus {
  VALID,
  EXPIRED,
  NOT_YET_VALID,
  /**
   * The chain does not lead to a trust anchor although the issuer is known: missing intermediate.
   */
  INCOMPLETE_CHAIN,
  /** Self-signed or issued by an unknown CA. */
  UNTRUSTED,
  /** No certificate to judge (handshake failed before one was seen). */
  NONE
}
