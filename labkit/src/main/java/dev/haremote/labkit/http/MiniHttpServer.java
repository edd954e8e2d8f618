package dev.haremote.labkit.http;

import dev.haremote.labkit.net.AcceptLoop;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * A tiny HTTP/1.1 server for stand-ins: one request per connection (answers say {@code Connection:
 * close}), plain or TLS, bound to any given address. Handlers get the parsed request and the raw
 * streams, so they can answer badly on purpose, upgrade to WebSocket or stream forever.
 */
public final class MiniHttpServer implements AutoCloseable {
  /** Answers one request. If it does not respond, the server answers 404. */
  @FunctionalInterface
  public interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  private final AcceptLoop loop;
  private final boolean tls;
  private final AtomicInteger requests = new AtomicInteger();

  private MiniHttpServer(ServerSocket server, boolean tls, String name, Handler handler) {
    this.tls = tls;
    this.loop = AcceptLoop.start(server, name, socket -> serve(socket, handler));
  }

  /** Plain HTTP on {@code address}, port chosen by the OS when {@code port} is 0. */
  public static MiniHttpServer start(InetAddress address, int port, Handler handler)
      throws IOException {
    return new MiniHttpServer(AcceptLoop.bind(address, port), false, "http-stand-in", handler);
  }

  /** HTTPS with the given server context. */
  public static MiniHttpServer startTls(
      InetAddress address, int port, SSLContext context, Handler handler) throws IOException {
    SSLServerSocket server =
        (SSLServerSocket) context.getServerSocketFactory().createServerSocket(port, 100, address);
    return new MiniHttpServer(server, true, "https-stand-in", handler);
  }

  private void serve(java.net.Socket socket, Handler handler) throws IOException {
    socket.setSoTimeout(30_000);
    InputStream in = new BufferedInputStream(socket.getInputStream());
    OutputStream out = socket.getOutputStream();
    String requestLine = readLine(in);
    if (requestLine == null || requestLine.isEmpty()) {
      return;
    }
    String[] parts = requestLine.split(" ");
    if (parts.length != 3) {
      return;
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    String line;
    while ((line = readLine(in)) != null && !line.isEmpty()) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers
            .computeIfAbsent(
                line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
            .add(line.substring(colon + 1).trim());
      }
    }
    byte[] body = new byte[0];
    List<String> cl = headers.get("content-length");
    if (cl != null) {
      int length = Integer.parseInt(cl.get(0));
      body = in.readNBytes(length);
    }
    requests.incrementAndGet();
    HttpExchange exchange = new HttpExchange(socket, in, out, parts[0], parts[1], headers, body);
    handler.handle(exchange);
    if (!exchange.responded()) {
      exchange.respond(404, "text/plain; charset=utf-8", "404: Not Found");
    }
  }

  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        return line.size() == 0
            ? null
            : line.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
      }
      if (b == '\n') {
        String s = line.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      if (line.size() > 64 * 1024) {
        throw new IOException("request line too long");
      }
      line.write(b);
    }
  }

  public int port() {
    return loop.port();
  }

  public InetAddress address() {
    return loop.address();
  }

  public InetSocketAddress socketAddress() {
    return loop.socketAddress();
  }

  public boolean tls() {
    return tls;
  }

  /** Requests parsed so far (a TLS connection that failed its handshake is not one). */
  public int requests() {
    return requests.get();
  }

  /** A URL to this server, with the given host name (or the bound address) and path. */
  public java.net.URI url(String host, String path) {
    String h = host != null ? host : address().getHostAddress();
    if (h.contains(":") && !h.startsWith("[")) {
      h = "[" + h + "]";
    }
    return java.net.URI.create((tls ? "https://" : "http://") + h + ":" + port() + path);
  }

  @Override
  public void close() {
    loop.close();
  }
}
