package dev.haremote.labkit.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request received by a {@link MiniHttpServer}, and the means to answer it: a plain
 * response ({@link #respond}) or, for upgrades and endless bodies, the raw streams.
 */
public final class HttpExchange {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final String method;
  private final String target;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private boolean responded;

  HttpExchange(
      Socket socket,
      InputStream in,
      OutputStream out,
      String method,
      String target,
      Map<String, List<String>> headers,
      byte[] body) {
    this.socket = socket;
    this.in = in;
    this.out = out;
    this.method = method;
    this.target = target;
    this.headers = headers;
    this.body = body;
  }

  public String method() {
    return method;
  }

  /** The request target as sent, e.g. {@code /api/?x=1}. */
  public String target() {
    return target;
  }

  /** The path without the query. */
  public String path() {
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  /** Headers with lower-case names. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  public String header(String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  public byte[] body() {
    return body;
  }

  public InetAddress remoteAddress() {
    return socket.getInetAddress();
  }

  public Socket socket() {
    return socket;
  }

  public InputStream in() {
    return in;
  }

  public OutputStream out() {
    return out;
  }

  public boolean responded() {
    return responded;
  }

  /** Marks the exchange answered by the handler itself through {@link #out()}. */
  public void markResponded() {
    responded = true;
  }

  public void respond(int status, String contentType, String body) throws IOException {
    Map<String, String> h = new LinkedHashMap<>();
    if (contentType != null) {
      h.put("Content-Type", contentType);
    }
    respond(status, h, body.getBytes(StandardCharsets.UTF_8));
  }

  /** A complete response with Content-Length and {@code Connection: close}. */
  public void respond(int status, Map<String, String> extraHeaders, byte[] body)
      throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    for (Map.Entry<String, String> h : extraHeaders.entrySet()) {
      sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    sb.append("Content-Length: ").append(body.length).append("\r\n");
    sb.append("Connection: close\r\n\r\n");
    out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (!"HEAD".equals(method)) {
      out.write(body);
    }
    out.flush();
    responded = true;
  }

  /** Writes only the status line and headers (the handler streams the rest). */
  public void writeHead(int status, Map<String, String> headers) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    for (Map.Entry<String, String> h : headers.entrySet()) {
      sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    sb.append("\r\n");
    out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    responded = true;
  }

  public static String reason(int status) {
    return switch (status) {
      case 101 -> "Switching Protocols";
      case 200 -> "OK";
      case 204 -> "No Content";
      case 301 -> "Moved Permanently";
      case 302 -> "Found";
      case 307 -> "Temporary Redirect";
      case 308 -> "Permanent Redirect";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      default -> "Status";
    };
  }
}
