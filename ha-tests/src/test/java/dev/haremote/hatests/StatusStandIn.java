package dev.haremote.hatests;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Serves one JSON document at /api/v1/status behind a bearer token, as our services do. {@link
 * #down()} closes the port (a stopped service: connection refused), {@link #up()} opens the same
 * port again (the service restarted).
 */
final class StatusStandIn implements AutoCloseable {
  private final String token;
  private final AtomicReference<String> json;
  private final AtomicInteger requests = new AtomicInteger();
  private final int port;
  private HttpServer server;

  private StatusStandIn(String token, String initialJson, int port) {
    this.token = token;
    this.json = new AtomicReference<>(initialJson);
    this.server = listen(port);
    this.port = server.getAddress().getPort();
  }

  static StatusStandIn start(String token, String initialJson) {
    return new StatusStandIn(token, initialJson, 0);
  }

  private HttpServer listen(int onPort) {
    try {
      HttpServer http =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
      http.createContext("/api/v1/status", this::answer);
      http.start();
      return http;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    boolean authorised =
        ("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"));
    byte[] body =
        (authorised ? json.get() : "{\"error\":\"unauthorized\"}").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(authorised ? 200 : 401, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  String statusUrl() {
    return "http://127.0.0.1:" + port + "/api/v1/status";
  }

  void set(String newJson) {
    json.set(newJson);
  }

  String get() {
    return json.get();
  }

  int requests() {
    return requests.get();
  }

  /** Stops listening: requests now fail with connection refused. */
  synchronized void down() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  /** Listens again on the same port. */
  synchronized void up() {
    if (server == null) {
      server = listen(port);
    }
  }

  @Override
  public synchronized void close() {
    down();
  }
}
