package dev.haremote.hatests;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Serves one JSON document at /api/v1/status behind a bearer token, as our services do. */
final class StatusStandIn implements AutoCloseable {
  private final HttpServer server;
  private final AtomicReference<String> json;
  private final AtomicInteger requests = new AtomicInteger();

  private StatusStandIn(HttpServer server, AtomicReference<String> json) {
    this.server = server;
    this.json = json;
  }

  static StatusStandIn start(String token, String initialJson) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      AtomicReference<String> json = new AtomicReference<>(initialJson);
      StatusStandIn standIn = new StatusStandIn(server, json);
      server.createContext(
          "/api/v1/status",
          exchange -> {
            standIn.requests.incrementAndGet();
            boolean authorised =
                ("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body =
                (authorised ? json.get() : "{\"error\":\"unauthorized\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(authorised ? 200 : 401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          });
      server.start();
      return standIn;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String statusUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/status";
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

  @Override
  public void close() {
    server.stop(0);
  }
}
