package dev.haremote.labkit.ddns;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Base of the DDNS provider stand-ins: a JDK HTTP server on loopback and an OS-chosen port that
 * records every request and answers as the provider would, or as told (an exact answer, a hang,
 * garbage). Accepted changes are passed to a listener, e.g. to apply them to a {@code BindServer}.
 */
public abstract class ProviderStandIn implements AutoCloseable {
  /** A change the stand-in accepted: {@code type} is A or AAAA. */
  public record Change(String name, String type, String address) {}

  /** One request as received (the raw query included: tests look for the token in it). */
  public record Received(
      String method, String pathAndQuery, Map<String, List<String>> headers, String body) {}

  /** A fixed answer instead of the protocol's normal behaviour. */
  public record Canned(int status, String body, Map<String, String> headers) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile Canned canned;
  private volatile boolean hang;
  private volatile boolean applyThenHang;
  private volatile Consumer<Change> listener = c -> {};

  protected ProviderStandIn() {
    this(InetAddress.getLoopbackAddress());
  }

  /** Listens on the given address (e.g. {@code ::1} for an IPv6 echo source). */
  protected ProviderStandIn(InetAddress listen) {
    try {
      server = HttpServer.create(new InetSocketAddress(listen, 0), 0);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** {@code http://127.0.0.1:PORT} or {@code http://[::1]:PORT} */
  public String baseUrl() {
    InetAddress a = server.getAddress().getAddress();
    String host =
        a instanceof java.net.Inet6Address
            ? "[" + a.getHostAddress().replaceAll("%.*", "") + "]"
            : a.getHostAddress();
    return "http://" + host + ":" + server.getAddress().getPort();
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  /** Accepted changes go here (default: nowhere). */
  public void onChange(Consumer<Change> listener) {
    this.listener = listener;
  }

  /** Answer every request with exactly this, until {@link #normal()}. */
  public void answer(int status, String body, Map<String, String> headers) {
    this.canned = new Canned(status, body, headers);
    this.hang = false;
    this.applyThenHang = false;
  }

  /** Accept the request but never answer (until the stand-in is closed). */
  public void hang() {
    this.canned = null;
    this.hang = true;
  }

  /** Apply the change as usual, then never answer: a crash window for the client. */
  public void applyThenHang() {
    this.canned = null;
    this.hang = false;
    this.applyThenHang = true;
  }

  /** Back to the provider's normal protocol behaviour. */
  public void normal() {
    this.canned = null;
    this.hang = false;
    this.applyThenHang = false;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Received r =
          new Received(
              ex.getRequestMethod(),
              ex.getRequestURI().getRawPath()
                  + (ex.getRequestURI().getRawQuery() == null
                      ? ""
                      : "?" + ex.getRequestURI().getRawQuery()),
              Map.copyOf(ex.getRequestHeaders()),
              body);
      received.add(r);
      if (hang) {
        waitForClose();
        return;
      }
      Canned c = canned;
      if (c == null) {
        c = respond(r);
        if (applyThenHang) {
          waitForClose();
          return;
        }
      }
      byte[] bytes = c.body().getBytes(StandardCharsets.UTF_8);
      c.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      ex.sendResponseHeaders(c.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  private void waitForClose() {
    try {
      released.await(10, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The provider's normal answer; calls {@link #changed} for accepted changes. */
  protected abstract Canned respond(Received request);

  protected void changed(Change change) {
    listener.accept(change);
  }

  protected static Map<String, String> query(String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    if (q < 0) {
      return out;
    }
    for (String pair : pathAndQuery.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          java.net.URLDecoder.decode(k, StandardCharsets.UTF_8),
          java.net.URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  protected static String header(Received r, String name) {
    for (Map.Entry<String, List<String>> e : r.headers().entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  protected static Canned text(int status, String body) {
    return new Canned(status, body, Map.of("Content-Type", "text/plain"));
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
