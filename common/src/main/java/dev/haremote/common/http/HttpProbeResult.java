package dev.haremote.common.http;

import dev.haremote.common.tls.TlsInspection;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What came back. {@code failure} is null when a complete HTTP response (status line and headers)
 * arrived, whatever its status code; else a stable code: {@code dns}, {@code timeout}, {@code
 * refused}, {@code unreachable}, {@code tls}, {@code malformed}, {@code reset}.
 *
 * @param address the address actually connected to, or null
 * @param tls the TLS inspection for https URLs (kept even when the handshake failed), else null
 * @param headers response headers, names lower-case
 * @param body at most the request's body cap
 * @param bodyTruncated true when the body was longer than the cap
 * @param connectTime time to TCP connect, or null
 * @param duration total time of the probe
 */
public record HttpProbeResult(
    String failure,
    String failureDetail,
    InetAddress address,
    TlsInspection tls,
    int status,
    Map<String, List<String>> headers,
    byte[] body,
    boolean bodyTruncated,
    Duration connectTime,
    Duration duration) {

  public boolean responded() {
    return failure == null;
  }

  /** The first value of a header (name in any case), or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public String bodyText() {
    return new String(body, java.nio.charset.StandardCharsets.UTF_8);
  }
}
