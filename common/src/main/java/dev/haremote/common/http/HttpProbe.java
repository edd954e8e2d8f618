package dev.haremote.common.http;

import dev.haremote.common.tls.TrustConfig;

/**
 * A small HTTP/1.1 client over our own sockets, because the probes must pin the IP address and
 * family, keep the presented TLS chain when it does not verify, cap the body, and end at one
 * deadline that covers the body too (the JDK HttpClient's timeout does not).
 */
public class HttpProbe {
  private final TrustConfig trust;

  public HttpProbe(TrustConfig trust) {
    this.trust = trust;
  }

  /** Never throws for network, TLS or protocol trouble: that is in the result. */
  public HttpProbeResult execute(HttpProbeRequest request) {
    throw new UnsupportedOperationException("kit: to be implemented");
  }
}
