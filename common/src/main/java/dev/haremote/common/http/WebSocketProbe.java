package dev.haremote.common.http;

import dev.haremote.common.tls.TrustConfig;

/**
 * Opens a WebSocket (RFC 6455) at the request's URL ({@code ws}, {@code wss}, or {@code http(s)}
 * treated alike) on a pinned address, reports the upgrade status and reads the first text frame,
 * then closes. Home Assistant sends {@code {"type":"auth_required",...}} first, before any token.
 */
public class WebSocketProbe {
  private final TrustConfig trust;

  public WebSocketProbe(TrustConfig trust) {
    this.trust = trust;
  }

  public WebSocketProbeResult open(HttpProbeRequest request) {
    throw new UnsupportedOperationException("kit: to be implemented");
  }
}
