package dev.haremote.labkit.tls;

import dev.haremote.labkit.certs.IssuedCert;
import dev.haremote.labkit.http.MiniHttpServer;
import dev.haremote.labkit.net.AcceptLoop;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * A TLS server presenting a chosen chain (with or without its intermediate), answering HTTP with a
 * handler (by default a plain {@code 200 ok}); or, in stall mode, a TCP listener that accepts and
 * never answers the ClientHello.
 */
public final class TlsTestServer implements AutoCloseable {
  private final MiniHttpServer https;
  private final AcceptLoop stall;

  private TlsTestServer(MiniHttpServer https, AcceptLoop stall) {
    this.https = https;
    this.stall = stall;
  }

  /** Serves HTTPS on {@code address} (port chosen by the OS); {@code handler} may be null. */
  public static TlsTestServer start(
      InetAddress address,
      IssuedCert cert,
      boolean withIntermediate,
      MiniHttpServer.Handler handler)
      throws IOException {
    MiniHttpServer.Handler h =
        handler != null
            ? handler
            : ex -> ex.respond(200, Map.of("Content-Type", "text/plain"), "ok\n".getBytes());
    return new TlsTestServer(
        MiniHttpServer.startTls(address, 0, cert.serverContext(withIntermediate), h), null);
  }

  public static TlsTestServer start(IssuedCert cert, boolean withIntermediate) throws IOException {
    return start(InetAddress.getLoopbackAddress(), cert, withIntermediate, null);
  }

  /** Accepts TCP and never answers: the ClientHello goes unanswered until the client gives up. */
  public static TlsTestServer stalling(InetAddress address) throws IOException {
    return new TlsTestServer(
        null,
        AcceptLoop.start(
            AcceptLoop.bind(address, 0),
            "tls-stall",
            socket -> {
              InputStream in = socket.getInputStream();
              byte[] buffer = new byte[4096];
              while (in.read(buffer) >= 0) {
                // Read the ClientHello and say nothing.
              }
            }));
  }

  public int port() {
    return https != null ? https.port() : stall.port();
  }

  public InetSocketAddress socketAddress() {
    return https != null ? https.socketAddress() : stall.socketAddress();
  }

  /** https://host:port/path, with the given host name for Host and SNI. */
  public java.net.URI url(String host, String path) {
    return https.url(host, path);
  }

  @Override
  public void close() {
    if (https != null) {
      https.close();
    }
    if (stall != null) {
      stall.close();
    }
  }
}
