package dev.haremote.common.tls;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * The result of one TLS handshake with certificate inspection. The presented chain is kept even
 * when it does not verify, so callers can report expiry and names of a broken certificate.
 *
 * @param failure null when the handshake completed; else a stable code: {@code timeout}, {@code
 *     refused}, {@code unreachable}, {@code handshake_failed}, {@code not_tls}
 * @param failureDetail a short sentence for people, or null
 * @param chain the presented chain, leaf first; empty when none was seen
 * @param verification chain verdict against the trust store at the time of the handshake
 * @param hostnameMatch whether the leaf covers the SNI name; null when there is no leaf
 */
public record TlsInspection(
    String failure,
    String failureDetail,
    List<X509Certificate> chain,
    ChainVerifier.Verification verification,
    Boolean hostnameMatch,
    String protocol,
    String cipherSuite,
    Duration connectTime,
    Duration handshakeTime) {

  public boolean handshakeCompleted() {
    return failure == null;
  }

  public X509Certificate leaf() {
    return chain.isEmpty() ? null : chain.get(0);
  }
}
