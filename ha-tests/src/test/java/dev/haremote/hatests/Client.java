package dev.haremote.hatests;

import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.http.HttpProbeRequest;
import dev.haremote.common.http.HttpProbeResult;
import dev.haremote.common.http.WebSocketProbe;
import dev.haremote.common.http.WebSocketProbeResult;
import dev.haremote.common.tls.TlsInspection;
import dev.haremote.common.tls.TrustConfig;
import java.net.InetAddress;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * How the tests reach Home Assistant: through the common kit's {@link HttpProbe} and {@link
 * WebSocketProbe}, the same code the services probe users' homes with, pinned to 127.0.0.1.
 */
final class Client {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final HttpProbe http;
  private final WebSocketProbe websocket;
  private TlsInspection lastTls;

  private Client(TrustConfig trust) {
    this.http = new HttpProbe(trust);
    this.websocket = new WebSocketProbe(trust);
  }

  static Client trusting(X509Certificate... anchors) {
    return new Client(TrustConfig.of(List.of(anchors)));
  }

  Answer get(URI url) {
    HttpProbeResult result =
        http.execute(HttpProbeRequest.get(url, InetAddress.getLoopbackAddress(), TIMEOUT));
    lastTls = result.tls();
    if (!result.responded()) {
      return new Answer(result.failure() + ": " + result.failureDetail(), 0, "", "");
    }
    String contentType = result.header("content-type");
    return new Answer(
        null, result.status(), contentType == null ? "" : contentType, result.bodyText());
  }

  /** Opens ws(s)://.../api/websocket; the first text frame is the answer's body. */
  Answer websocket(URI url) {
    WebSocketProbeResult result =
        websocket.open(HttpProbeRequest.get(url, InetAddress.getLoopbackAddress(), TIMEOUT));
    return new Answer(
        result.ok() ? null : result.failure() + ": " + result.failureDetail(),
        result.upgradeStatus(),
        "",
        result.firstTextFrame() == null ? "" : result.firstTextFrame());
  }

  /** The TLS inspection of the last {@link #get} over https, or null. */
  TlsInspection lastTls() {
    return lastTls;
  }
}
