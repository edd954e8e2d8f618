package dev.haremote.common.tls;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The trust anchors a chain is verified against: the system trust store (the JDK's cacerts) plus an
 * optional PEM bundle ({@code trust.extra-ca-file}), so users with a private CA are not locked out.
 */
public final class TrustConfig {
  private final List<X509Certificate> anchors;

  private TrustConfig(List<X509Certificate> anchors) {
    this.anchors = List.copyOf(anchors);
  }

  /** System trust store plus the certificates in the PEM file, if given. */
  public static TrustConfig systemPlus(Optional<Path> extraCaFile) {
    throw new UnsupportedOperationException("kit: to be implemented");
  }

  /** Exactly these anchors (tests). */
  public static TrustConfig of(List<X509Certificate> anchors) {
    return new TrustConfig(anchors);
  }

  public List<X509Certificate> anchors() {
    return anchors;
  }
}
