package dev.haremote.common.http;

import dev.haremote.common.net.Deadline;
import dev.haremote.common.net.NetFailures;
import dev.haremote.common.tls.TlsInspector;
import dev.haremote.common.tls.TlsProvider;
import dev.haremote.common.tls.TrustConfig;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A small HTTP/1.1 client over our own sockets, because the probes must pin the IP address and
 * family, keep the presented TLS chain when it does not verify, cap the body, and end at one
 * deadline that covers the body too (the JDK HttpClient's timeout does not).
 *
 * <p>Every request says {@code Connection: close}: one probe, one connection, and a body without
 * length simply ends with the connection. When the status and headers arrived, {@code failure} is
 * null even if the body then stalled: {@code failureDetail} says so and {@code bodyTruncated} is
 * set.
 */
public class HttpProbe {
  public static final String USER_AGENT = "ha-remote-access";
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private final TlsInspector inspector;

  /** Handshakes with {@link TlsProvider#preferred()}. */
  public HttpProbe(TrustConfig trust) {
    this(trust, TlsProvider.preferred());
  }

  public HttpProbe(TrustConfig trust, TlsProvider provider) {
    this.inspector = new TlsInspector(trust, provider);
  }

  /** Never throws for network, TLS or protocol trouble: that is in the result. */
  public HttpProbeResult execute(HttpProbeRequest request) {
    return execute(request, false);
  }

  /**
   * Like {@link #execute} for a request that carries a secret (a bearer token to a peer, an API):
   * over https it is sent only when the chain verifies and covers the URL's host. Otherwise the
   * result is a {@code tls} failure and nothing was written.
   */
  public HttpProbeResult executeVerified(HttpProbeRequest request) {
    return execute(request, true);
  }

  private HttpProbeResult execute(HttpProbeRequest request, boolean verifiedOnly) {
    long start = System.nanoTime();
    Deadline deadline = Deadline.in(request.timeout());
    URI url = request.url();
    String method = request.method() == null ? "GET" : request.method().toUpperCase(Locale.ROOT);
    byte[] body = request.body();
    HttpProbeResult result = once(request, url, method, body, deadline, start, verifiedOnly);
    for (int hop = 0; hop < request.maxRedirects() && isRedirect(result); hop++) {
      URI next = sameHostLocation(url, result.header("location"));
      if (next == null) {
        break;
      }
      url = next;
      if (result.status() == 303 || (result.status() <= 302 && "POST".equals(method))) {
        method = "GET";
        body = null;
      }
      result = once(request, url, method, body, deadline, start, verifiedOnly);
    }
    return result;
  }

  private static boolean verified(dev.haremote.common.tls.TlsInspection tls) {
    return tls.verification() != null
        && tls.verification().status() == dev.haremote.common.tls.ChainStatus.VALID
        && Boolean.TRUE.equals(tls.hostnameMatch());
  }

  private static boolean isRedirect(HttpProbeResult r) {
    return r.responded() && REDIRECTS.contains(r.status()) && r.header("location") != null;
  }

  /** The redirect target when it stays on the same host (any port or scheme), else null. */
  static URI sameHostLocation(URI from, String location) {
    try {
      URI next = from.resolve(location.trim());
      if (next.getHost() == null || !next.getHost().equalsIgnoreCase(from.getHost())) {
        return null;
      }
      String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
      return scheme.equals("http") || scheme.equals("https") ? next : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private HttpProbeResult once(
      HttpProbeRequest request,
      URI url,
      String method,
      byte[] body,
      Deadline deadline,
      long start,
      boolean verifiedOnly) {
    ProbeConnection.Target target;
    try {
      target = ProbeConnection.Target.of(url);
    } catch (IllegalArgumentException e) {
      return failure(
          "malformed", "cannot probe this URL: " + e.getMessage(), null, null, null, start);
    }
    ProbeConnection connection;
    try {
      connection = ProbeConnection.open(target, request.connectTo(), inspector, deadline);
    } catch (ProbeConnection.Failure f) {
      return failure(f.code, f.detail, f.address, f.tls, f.connectTime, start);
    }
    try (connection) {
      if (verifiedOnly && connection.tls != null && !verified(connection.tls)) {
        return failure(
            "tls",
            "the certificate does not verify for " + target.host() + ": nothing was sent",
            connection.address,
            connection.tls,
            connection.connectTime,
            start);
      }
      ResponseHead head;
      try {
        writeRequest(connection.out(), target, method, request.headers(), body);
        head = readHead(connection, deadline, method);
      } catch (ResponseHead.MalformedResponse e) {
        return failure(
            "malformed",
            e.getMessage(),
            connection.address,
            connection.tls,
            connection.connectTime,
            start);
      } catch (EOFException e) {
        return failure(
            "reset",
            "the connection closed before a complete response",
            connection.address,
            connection.tls,
            connection.connectTime,
            start);
      } catch (IOException e) {
        String code = NetFailures.code(e, connection.timedOut(deadline));
        return failure(
            code,
            NetFailures.detail(code),
            connection.address,
            connection.tls,
            connection.connectTime,
            start);
      }

      Body read = readBody(connection, head, method, Math.max(0, request.bodyCap()), deadline);
      return new HttpProbeResult(
          null,
          read.problem,
          connection.address,
          connection.tls,
          head.status(),
          head.headers(),
          read.bytes,
          read.truncated,
          connection.connectTime,
          Duration.ofNanos(System.nanoTime() - start));
    }
  }

  /** Reads the head, skipping interim 1xx answers (except 101, which is final for us). */
  private static ResponseHead readHead(ProbeConnection connection, Deadline deadline, String method)
      throws IOException {
    while (true) {
      connection.refreshTimeout(deadline);
      ResponseHead head = ResponseHead.read(connection.in());
      if (head.status() >= 200 || head.status() == 101) {
        return head;
      }
    }
  }

  static void writeRequest(
      OutputStream out,
      ProbeConnection.Target target,
      String method,
      Map<String, String> headers,
      byte[] body)
      throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append(method).append(' ').append(target.pathAndQuery()).append(" HTTP/1.1\r\n");
    sb.append("Host: ").append(target.hostHeader()).append("\r\n");
    boolean userAgent = false;
    boolean accept = false;
    if (headers != null) {
      for (Map.Entry<String, String> h : headers.entrySet()) {
        String name = h.getKey();
        if (name.equalsIgnoreCase("host")
            || name.equalsIgnoreCase("connection")
            || name.equalsIgnoreCase("content-length")) {
          continue;
        }
        userAgent |= name.equalsIgnoreCase("user-agent");
        accept |= name.equalsIgnoreCase("accept");
        sb.append(clean(name)).append(": ").append(clean(h.getValue())).append("\r\n");
      }
    }
    if (!userAgent) {
      sb.append("User-Agent: ").append(USER_AGENT).append("\r\n");
    }
    if (!accept) {
      sb.append("Accept: */*\r\n");
    }
    sb.append("Connection: close\r\n");
    if (body != null) {
      sb.append("Content-Length: ").append(body.length).append("\r\n");
    }
    sb.append("\r\n");
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    if (body != null) {
      out.write(body);
    }
    out.flush();
  }

  /** Header names and values cannot smuggle line breaks into the request. */
  private static String clean(String s) {
    return s == null ? "" : s.replace("\r", "").replace("\n", "");
  }

  private record Body(byte[] bytes, boolean truncated, String problem) {}

  private static Body readBody(
      ProbeConnection connection, ResponseHead head, String method, int cap, Deadline deadline) {
    int status = head.status();
    if ("HEAD".equals(method) || status == 204 || status == 304 || status < 200) {
      return new Body(new byte[0], false, null);
    }
    ByteArrayOutputStream kept = new ByteArrayOutputStream(Math.min(cap, 16 * 1024));
    InputStream in = connection.in();
    try {
      String te = head.first("transfer-encoding");
      String cl = head.first("content-length");
      if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
        return readChunked(connection, in, kept, cap, deadline);
      }
      if (cl != null) {
        long length;
        try {
          length = Long.parseLong(cl.trim());
        } catch (NumberFormatException e) {
          return new Body(new byte[0], false, "the Content-Length header is not a number");
        }
        if (length < 0) {
          return new Body(new byte[0], false, "the Content-Length header is negative");
        }
        long want = Math.min(length, cap);
        boolean complete = copy(connection, in, kept, want, deadline) == want;
        if (!complete) {
          return new Body(kept.toByteArray(), true, "the body ended before its Content-Length");
        }
        return new Body(kept.toByteArray(), length > cap, null);
      }
      // No length: the body ends when the server closes (we asked for Connection: close).
      long got = copy(connection, in, kept, cap, deadline);
      boolean more = got == cap && readsMore(connection, in, deadline);
      return new Body(kept.toByteArray(), more, null);
    } catch (IOException e) {
      String problem =
          connection.timedOut(deadline) || e instanceof java.net.SocketTimeoutException
              ? "the body did not finish before the deadline"
              : "the connection broke during the body";
      return new Body(kept.toByteArray(), true, problem);
    }
  }

  private static Body readChunked(
      ProbeConnection connection,
      InputStream in,
      ByteArrayOutputStream kept,
      int cap,
      Deadline deadline)
      throws IOException {
    while (true) {
      connection.refreshTimeout(deadline);
      String line = ResponseHead.readChunkLine(in);
      int semicolon = line.indexOf(';');
      String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).trim();
      long size;
      try {
        size = Long.parseLong(hex, 16);
      } catch (NumberFormatException e) {
        return new Body(kept.toByteArray(), true, "a chunk size is not valid hex");
      }
      if (size < 0) {
        return new Body(kept.toByteArray(), true, "a chunk size is not valid hex");
      }
      if (size == 0) {
        return new Body(kept.toByteArray(), false, null);
      }
      long room = cap - kept.size();
      if (size > room) {
        copy(connection, in, kept, room, deadline);
        return new Body(kept.toByteArray(), true, null);
      }
      if (copy(connection, in, kept, size, deadline) < size) {
        return new Body(kept.toByteArray(), true, "the chunked body ended early");
      }
      ResponseHead.readChunkLine(in); // the CRLF after the chunk data
    }
  }

  /** Copies up to {@code limit} bytes; returns how many came before EOF. */
  private static long copy(
      ProbeConnection connection,
      InputStream in,
      ByteArrayOutputStream kept,
      long limit,
      Deadline deadline)
      throws IOException {
    byte[] buffer = new byte[8192];
    long copied = 0;
    while (copied < limit) {
      connection.refreshTimeout(deadline);
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - copied));
      if (n < 0) {
        break;
      }
      kept.write(buffer, 0, n);
      copied += n;
    }
    return copied;
  }

  private static boolean readsMore(ProbeConnection connection, InputStream in, Deadline deadline) {
    try {
      connection.refreshTimeout(deadline);
      return in.read() >= 0;
    } catch (IOException e) {
      return true;
    }
  }

  private static HttpProbeResult failure(
      String code,
      String detail,
      InetAddress address,
      dev.haremote.common.tls.TlsInspection tls,
      Duration connectTime,
      long start) {
    return new HttpProbeResult(
        code,
        detail,
        address,
        tls,
        0,
        Map.of(),
        new byte[0],
        false,
        connectTime,
        Duration.ofNanos(System.nanoTime() - start));
  }
}
