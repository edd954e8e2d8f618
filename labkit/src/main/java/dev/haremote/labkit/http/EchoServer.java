package dev.haremote.labkit.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An address echo like ipify or icanhazip: answers every GET with a configured body (e.g. an IP
 * literal, the "public address" of a test) or, when none is set, the caller's own address. Counts
 * requests so tests can see whether a source was asked.
 */
public final class EchoServer implements AutoCloseable {
  private final AtomicReference<String> body = new AtomicReference<>();
  private final AtomicReference<Integer> status = new AtomicReference<>(200);
  private final MiniHttpServer server;

  private EchoServer(InetAddress address, int port, String body) throws IOException {
    this.body.set(body);
    this.server =
        MiniHttpServer.start(
            address,
            port,
            ex -> {
              String answer = this.body.get();
              if (answer == null) {
                answer = ex.remoteAddress().getHostAddress();
              }
              ex.respond(
                  status.get(),
                  Map.of("Content-Type", "text/plain; charset=utf-8"),
                  (answer + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            });
  }

  /** Answers {@code body} (null: the caller's address) on loopback, port chosen by the OS. */
  public static EchoServer start(String body) throws IOException {
    return new EchoServer(InetAddress.getLoopbackAddress(), 0, body);
  }

  public static EchoServer start(InetAddress address, int port, String body) throws IOException {
    return new EchoServer(address, port, body);
  }

  /** Changes the answer (e.g. the public address "moves"). */
  public void answer(String newBody) {
    body.set(newBody);
  }

  public void status(int code) {
    status.set(code);
  }

  public int requests() {
    return server.requests();
  }

  public int port() {
    return server.port();
  }

  public URI url() {
    return server.url(null, "/");
  }

  @Override
  public void close() {
    server.close();
  }
}
