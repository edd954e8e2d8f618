package dev.haremote.common.tls;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * Verifies a presented chain (leaf first) with PKIX against a {@link TrustConfig} at a given
 * instant (injected, so tests and the clock-sanity check can choose it). Used for live endpoints
 * and for files on disk alike.
 */
public class ChainVerifier {
  private final TrustConfig trust;

  public ChainVerifier(TrustConfig trust) {
    this.trust = trust;
  }

  public Verification verify(List<X509Certificate> chain, Instant at) {
    throw new UnsupportedOperationException("kit: to be implemented");
  }

  /**
   * @param complete whether the presented chain itself reaches an anchor (false: an intermediate is
   *     missing even if some client could fetch it by AIA)
   * @param reason null when VALID, else a sentence a person can read
   */
  public record Verification(ChainStatus status, boolean complete, String reason) {}
}
