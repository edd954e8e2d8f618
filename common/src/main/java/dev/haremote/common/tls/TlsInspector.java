package dev.haremote.common.tls;

import dev.haremote.common.net.Deadline;
import java.net.InetSocketAddress;

/**
 * Connects to one address with a given SNI name and inspects what is presented: it accepts any
 * chain during the handshake (to see broken ones too), then verifies it itself with {@link
 * ChainVerifier} and matches the SNI name with {@link CertificateFacts#coversHost}.
 */
public class TlsInspector {
  private final TrustConfig trust;

  public TlsInspector(TrustConfig trust) {
    this.trust = trust;
  }

  /** Never throws for network or TLS trouble: that is in the result. */
  public TlsInspection inspect(InetSocketAddress address, String sni, Deadline deadline) {
    throw new UnsupportedOperationException("kit: to be implemented");
  }
}
