package dev.haremote.labkit.acme;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A local stand-in for an ACME CA's Renewal Information endpoint (RFC 9773), because Debian's
 * pebble (2.4.0) predates {@code renewalInfo}. Serves a directory whose {@code renewalInfo} points
 * at itself, and {@code GET {renewalInfo}/{certID}} answering the suggested window set for that
 * certID with {@code Retry-After}; unknown certIDs get 404, malformed ones 400. Errors can be
 * injected to test back-off. Plain HTTP on loopback, port chosen by the OS.
 */
public final class AriServer implements AutoCloseable {
  /** base64url without padding, a dot, base64url without padding (RFC 9773 section 4.1). */
  private static final Pattern CERT_ID = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

  private final HttpServer server;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresToInject = new AtomicInteger();
  private volatile int failureStatus = 503;
  private volatile String retryAfter = "21600";
  private volatile boolean publishRenewalInfo = true;

  /** A suggested window and the optional explanation URL. */
  public record Window(Instant start, Instant end, String explanationUrl) {}

  private volatile String renewalInfoAt;

  private AriServer(HttpServer server) {
    this.server = server;
  }

  /** Starts on 127.0.0.1 with an OS-chosen port. */
  public static AriServer start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    AriServer ari = new AriServer(server);
    server.createContext("/", ari::handle);
    server.setExecutor(Executors.newFixedThreadPool(2, r -> daemon(r)));
    server.start();
    return ari;
  }

  private static Thread daemon(Runnable runnable) {
    Thread thread = new Thread(runnable, "ari-server");
    thread.setDaemon(true);
    return thread;
  }

  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The URL to configure as an ACME directory. */
  public URI directoryUri() {
    return baseUri().resolve("/directory");
  }

  /** Answer this window for the certID from now on. */
  public void window(String certId, Instant start, Instant end, String explanationUrl) {
    windows.put(certId, new Window(start, end, explanationUrl));
  }

  /** The Retry-After value sent with windows (delta-seconds or an HTTP-date); null: none. */
  public void retryAfter(String value) {
    this.retryAfter = value;
  }

  /** The next {@code count} renewalInfo requests fail with {@code status}. */
  public void failNext(int count, int status) {
    this.failureStatus = status;
    this.failuresToInject.set(count);
  }

  /**
   * The renewalInfo URL the directory names (a hostile or misconfigured CA); null: this server's
   * own.
   */
  public void renewalInfoAt(String url) {
    this.renewalInfoAt = url;
  }

  /** When false, the directory has no renewalInfo (a CA without ARI). */
  public void publishRenewalInfo(boolean publish) {
    this.publishRenewalInfo = publish;
  }

  /** Request paths received, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** How many renewalInfo requests (not directory requests) were received. */
  public long renewalInfoRequests() {
    return requests.stream().filter(p -> p.startsWith("/renewal-info/")).count();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    requests.add(path);
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        send(exchange, 405, "{\"type\":\"urn:ietf:params:acme:error:malformed\"}", null);
      } else if ("/directory".equals(path)) {
        String renewalInfo =
            publishRenewalInfo
                ? ",\"renewalInfo\":\""
                    + (renewalInfoAt != null ? renewalInfoAt : baseUri() + "/renewal-info")
                    + "\""
                : "";
        send(
            exchange,
            200,
            "{\"newNonce\":\""
                + baseUri()
                + "/nonce\",\"newAccount\":\""
                + baseUri()
                + "/account\",\"newOrder\":\""
                + baseUri()
                + "/order\""
                + renewalInfo
                + "}",
            null);
      } else if (path.startsWith("/renewal-info/")) {
        renewalInfo(exchange, path.substring("/renewal-info/".length()));
      } else {
        send(exchange, 404, "{\"type\":\"urn:ietf:params:acme:error:malformed\"}", null);
      }
    }
  }

  private void renewalInfo(HttpExchange exchange, String certId) throws IOException {
    if (failuresToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      send(
          exchange,
          failureStatus,
          "{\"type\":\"urn:ietf:params:acme:error:serverInternal\"}",
          null);
      return;
    }
    if (!CERT_ID.matcher(certId).matches()) {
      send(exchange, 400, "{\"type\":\"urn:ietf:params:acme:error:malformed\"}", null);
      return;
    }
    Window window = windows.get(certId);
    if (window == null) {
      send(exchange, 404, "{\"type\":\"urn:ietf:params:acme:error:malformed\"}", null);
      return;
    }
    String explanation =
        window.explanationUrl() == null
            ? ""
            : ",\"explanationURL\":\"" + window.explanationUrl() + "\"";
    send(
        exchange,
        200,
        "{\"suggestedWindow\":{\"start\":\""
            + window.start()
            + "\",\"end\":\""
            + window.end()
            + "\"}"
            + explanation
            + "}",
        retryAfter);
  }

  private static void send(HttpExchange exchange, int status, String body, String retryAfter)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    if (retryAfter != null) {
      exchange.getResponseHeaders().set("Retry-After", retryAfter);
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
