package dev.haremote.common.http;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One HTTP/1.1 request to make. The URL's host is used for {@code Host} and SNI; {@code connectTo}
 * pins the address to connect to (one IP family, or the hairpin check's public address). When it is
 * null the host is resolved by the system resolver.
 *
 * @param method GET, HEAD or POST
 * @param headers extra request headers (e.g. {@code X-Forwarded-For} is NOT set by the probe)
 * @param body request body for POST, or null
 * @param bodyCap bytes of response body kept at most; the rest is not read
 * @param timeout one deadline over resolve, connect, TLS, request and body
 * @param maxRedirects 0 = do not follow; redirects to another host are never followed
 */
public record HttpProbeRequest(
    URI url,
    InetAddress connectTo,
    String method,
    Map<String, String> headers,
    byte[] body,
    int bodyCap,
    Duration timeout,
    int maxRedirects) {

  public static final int DEFAULT_BODY_CAP = 64 * 1024;

  public static HttpProbeRequest get(URI url, InetAddress connectTo, Duration timeout) {
    return new HttpProbeRequest(
        url, connectTo, "GET", Map.of(), null, DEFAULT_BODY_CAP, timeout, 0);
  }
}
