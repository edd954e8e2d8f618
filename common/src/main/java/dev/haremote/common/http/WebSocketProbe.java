package dev.haremote.common.http;

import dev.haremote.common.net.Deadline;
import dev.haremote.common.net.NetFailures;
import dev.haremote.common.tls.TlsInspector;
import dev.haremote.common.tls.TlsProvider;
import dev.haremote.common.tls.TrustConfig;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Opens a WebSocket (RFC 6455) at the request's URL ({@code ws}, {@code wss}, or {@code http(s)}
 * treated alike) on a pinned address, reports the upgrade status and reads the first text frame,
 * then closes. Home Assistant sends {@code {"type":"auth_required",...}} first, before any token.
 */
public class WebSocketProbe {
  /** The payload kept of the first text frame. */
  public static final int FRAME_CAP = 64 * 1024;

  private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final TlsInspector inspector;

  /** Handshakes with {@link TlsProvider#preferred()}. */
  public WebSocketProbe(TrustConfig trust) {
    this(trust, TlsProvider.preferred());
  }

  public WebSocketProbe(TrustConfig trust, TlsProvider provider) {
    this.inspector = new TlsInspector(trust, provider);
  }

  public WebSocketProbeResult open(HttpProbeRequest request) {
    return open(request, first -> null);
  }

  /**
   * As {@link #open(HttpProbeRequest)}; {@code replyTo} sees the first text frame and may answer it
   * (null: no reply): the answer is sent as a text message and the next text frame is read, Home
   * Assistant's auth exchange. The reply may carry a secret: it goes onto the socket only, never
   * into the result.
   */
  public WebSocketProbeResult open(HttpProbeRequest request, UnaryOperator<String> replyTo) {
    return open(request, replyTo, answer -> null);
  }

  /**
   * As {@link #open(HttpProbeRequest, UnaryOperator)}; {@code thenAsk} sees the answer to the reply
   * and may send one more message (null: none), whose answer is read within the same deadline: a
   * command over the session the reply opened, such as Home Assistant's {@code get_config} after
   * {@code auth_ok}.
   */
  public WebSocketProbeResult open(
      HttpProbeRequest request, UnaryOperator<String> replyTo, UnaryOperator<String> thenAsk) {
    long start = System.nanoTime();
    Deadline deadline = Deadline.in(request.timeout());
    ProbeConnection.Target target;
    try {
      target = ProbeConnection.Target.of(request.url());
    } catch (IllegalArgumentException e) {
      return result("malformed", "cannot probe this URL: " + e.getMessage(), 0, null, start);
    }
    ProbeConnection connection;
    try {
      connection = ProbeConnection.open(target, request.connectTo(), inspector, deadline);
    } catch (ProbeConnection.Failure f) {
      // The result's codes are fewer: name and routing trouble read as "refused" here.
      String code = f.code.equals("timeout") || f.code.equals("tls") ? f.code : "refused";
      return result(code, f.detail, 0, null, start);
    }
    try (connection) {
      byte[] keyBytes = new byte[16];
      RANDOM.nextBytes(keyBytes);
      String key = Base64.getEncoder().encodeToString(keyBytes);
      Map<String, String> headers = new LinkedHashMap<>();
      if (request.headers() != null) {
        headers.putAll(request.headers());
      }
      headers.put("Upgrade", "websocket");
      headers.put("Sec-WebSocket-Key", key);
      headers.put("Sec-WebSocket-Version", "13");
      ResponseHead head;
      try {
        writeUpgrade(connection.out(), target, headers);
        connection.refreshTimeout(deadline);
        head = ResponseHead.read(connection.in());
      } catch (ResponseHead.MalformedResponse e) {
        return result("malformed", e.getMessage(), 0, null, start);
      } catch (EOFException e) {
        return result(
            "not_upgraded", "the connection closed before an upgrade response", 0, null, start);
      } catch (IOException e) {
        String code = NetFailures.code(e, connection.timedOut(deadline));
        String mapped = code.equals("timeout") ? "timeout" : "not_upgraded";
        return result(mapped, NetFailures.detail(code), 0, null, start);
      }
      if (head.status() != 101) {
        return result(
            "not_upgraded",
            "the server answered " + head.status() + " instead of switching to WebSocket",
            head.status(),
            null,
            start);
      }
      String upgrade = head.first("upgrade");
      String accept = head.first("sec-websocket-accept");
      if (upgrade == null
          || !upgrade.toLowerCase(Locale.ROOT).contains("websocket")
          || accept == null
          || !accept.trim().equals(expectedAccept(key))) {
        return result(
            "bad_accept",
            "the 101 answer lacks a valid Sec-WebSocket-Accept for our key",
            101,
            null,
            start);
      }
      WebSocketProbeResult frame = readFirstText(connection, deadline, start);
      String reply = frame.ok() ? replyTo.apply(frame.firstTextFrame()) : null;
      if (reply != null) {
        frame = withAnswer(frame, replyAndRead(connection, reply, deadline, start));
        String question = frame.replyAnswer() == null ? null : thenAsk.apply(frame.replyAnswer());
        if (question != null) {
          WebSocketProbeResult answer = replyAndRead(connection, question, deadline, start);
          frame = frame.withFollowUpAnswer(answer.ok() ? answer.firstTextFrame() : null);
        }
      }
      sendClose(connection.out());
      return frame;
    }
  }

  private static void writeUpgrade(
      OutputStream out, ProbeConnection.Target target, Map<String, String> headers)
      throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("GET ").append(target.pathAndQuery()).append(" HTTP/1.1\r\n");
    sb.append("Host: ").append(target.hostHeader()).append("\r\n");
    sb.append("User-Agent: ").append(HttpProbe.USER_AGENT).append("\r\n");
    sb.append("Connection: Upgrade\r\n");
    for (Map.Entry<String, String> h : headers.entrySet()) {
      String name = h.getKey();
      if (name.equalsIgnoreCase("host")
          || name.equalsIgnoreCase("connection")
          || name.equalsIgnoreCase("user-agent")) {
        continue;
      }
      sb.append(name.replaceAll("[\r\n]", ""))
          .append(": ")
          .append(String.valueOf(h.getValue()).replaceAll("[\r\n]", ""))
          .append("\r\n");
    }
    sb.append("\r\n");
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  static String expectedAccept(String key) {
    try {
      byte[] sha1 =
          MessageDigest.getInstance("SHA-1")
              .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from the JDK", e);
    }
  }

  /** Skips control frames until the first text message (its fragments joined, capped). */
  private static WebSocketProbeResult readFirstText(
      ProbeConnection connection, Deadline deadline, long start) {
    InputStream in = connection.in();
    java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
    boolean inText = false;
    try {
      while (true) {
        connection.refreshTimeout(deadline);
        int b0 = readByte(in);
        int b1 = readByte(in);
        boolean fin = (b0 & 0x80) != 0;
        int opcode = b0 & 0x0f;
        if ((b1 & 0x80) != 0) {
          return result("malformed", "the server sent a masked frame", 101, null, start);
        }
        long length = b1 & 0x7f;
        if (length == 126) {
          length = (readByte(in) << 8) | readByte(in);
        } else if (length == 127) {
          length = 0;
          for (int i = 0; i < 8; i++) {
            length = (length << 8) | readByte(in);
          }
          if (length < 0) {
            return result("malformed", "a frame length is out of range", 101, null, start);
          }
        }
        if (opcode >= 8 && (length > 125 || !fin)) {
          return result("malformed", "a control frame is too long or fragmented", 101, null, start);
        }
        long room = FRAME_CAP - text.size();
        byte[] payload = readPayload(connection, in, Math.min(length, Math.max(room, 0)), deadline);
        if (opcode == 0x8) {
          return result(
              "no_frame", "the server closed the WebSocket before a text frame", 101, null, start);
        }
        if (opcode == 0x1 || (opcode == 0x0 && inText)) {
          text.write(payload);
          inText = true;
          if (fin || length > room) {
            // Once the cap is reached the rest of the message is not read.
            return result(null, null, 101, text.toString(StandardCharsets.UTF_8), start);
          }
          continue;
        }
        if (opcode == 0x2) {
          return result("no_frame", "the first message is binary, not text", 101, null, start);
        }
        if (opcode == 0x9 || opcode == 0xA) {
          continue; // ping or pong before the first message
        }
        return result("malformed", "a frame has an unknown opcode " + opcode, 101, null, start);
      }
    } catch (EOFException e) {
      return result(
          "no_frame", "the connection closed before a text frame arrived", 101, null, start);
    } catch (IOException e) {
      if (connection.timedOut(deadline) || e instanceof java.net.SocketTimeoutException) {
        return result("no_frame", "no text frame before the deadline", 101, null, start);
      }
      return result("no_frame", "the connection broke before a text frame", 101, null, start);
    }
  }

  private static byte[] readPayload(
      ProbeConnection connection, InputStream in, long length, Deadline deadline)
      throws IOException {
    byte[] payload = new byte[(int) length];
    int off = 0;
    while (off < payload.length) {
      connection.refreshTimeout(deadline);
      int n = in.read(payload, off, payload.length - off);
      if (n < 0) {
        throw new EOFException();
      }
      off += n;
    }
    return payload;
  }

  private static int readByte(InputStream in) throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException();
    }
    return b;
  }

  private static WebSocketProbeResult replyAndRead(
      ProbeConnection connection, String reply, Deadline deadline, long start) {
    try {
      connection.refreshTimeout(deadline);
      connection.out().write(frame(0x1, reply.getBytes(StandardCharsets.UTF_8)));
      connection.out().flush();
    } catch (IOException e) {
      return result("no_frame", "the connection broke before our reply", 101, null, start);
    }
    return readFirstText(connection, deadline, start);
  }

  private static WebSocketProbeResult withAnswer(
      WebSocketProbeResult first, WebSocketProbeResult answer) {
    return new WebSocketProbeResult(
        first.failure(),
        first.failureDetail(),
        first.upgradeStatus(),
        first.firstTextFrame(),
        answer.firstTextFrame(),
        answer.ok() ? null : answer.failureDetail(),
        answer.duration());
  }

  /** A masked close frame with status 1000 (normal closure); best effort. */
  private static void sendClose(OutputStream out) {
    try {
      out.write(frame(0x8, new byte[] {0x03, (byte) 0xE8}));
      out.flush();
    } catch (IOException ignored) {
      // The probe's answer is complete; a peer that already left does not change it.
    }
  }

  /** One final, masked client frame (RFC 6455 5.2), with the 16-bit length form when needed. */
  static byte[] frame(int opcode, byte[] payload) {
    if (payload.length > 0xFFFF) {
      throw new IllegalArgumentException("frame payload over 64 KiB");
    }
    int header = payload.length < 126 ? 2 : 4;
    byte[] mask = new byte[4];
    RANDOM.nextBytes(mask);
    byte[] frame = new byte[header + 4 + payload.length];
    frame[0] = (byte) (0x80 | opcode);
    if (payload.length < 126) {
      frame[1] = (byte) (0x80 | payload.length);
    } else {
      frame[1] = (byte) (0x80 | 126);
      frame[2] = (byte) (payload.length >>> 8);
      frame[3] = (byte) payload.length;
    }
    System.arraycopy(mask, 0, frame, header, 4);
    for (int i = 0; i < payload.length; i++) {
      frame[header + 4 + i] = (byte) (payload[i] ^ mask[i % 4]);
    }
    return frame;
  }

  private static WebSocketProbeResult result(
      String failure, String detail, int status, String text, long start) {
    return new WebSocketProbeResult(
        failure, detail, status, text, null, null, Duration.ofNanos(System.nanoTime() - start));
  }
}
