package dev.haremote.reachability.outside;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.haremote.common.net.IpFamily;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The body of {@code POST /v1/measurements} for one target and family (MeasurementRequest and
 * MeasurementHttpOptions of the Globalping spec). Only the external URL's host, port and scheme and
 * the path {@code /manifest.json} are in it: no address, no token, no other header.
 */
public final class MeasurementRequest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String PATH = "/manifest.json";

  private MeasurementRequest() {}

  /** The URL the probes fetch, as shown in the status ({@code sent}). */
  public static String measuredUrl(URI url) {
    return scheme(url) + "://" + url.getHost() + ":" + port(url) + PATH;
  }

  /**
   * @param family null when the URL's host is an address literal ({@code ipVersion} is allowed only
   *     for hostnames)
   */
  public static ObjectNode http(URI url, IpFamily family, List<String> locations, int limit) {
    ObjectNode body = JSON.createObjectNode();
    body.put("type", "http");
    body.put("target", host(url));
    if (!locations.isEmpty()) {
      ArrayNode l = body.putArray("locations");
      locations.forEach(magic -> l.addObject().put("magic", magic));
    }
    body.put("limit", limit);
    ObjectNode options = body.putObject("measurementOptions");
    options.putObject("request").put("method", "GET").put("path", PATH);
    options.put("protocol", scheme(url).toUpperCase(Locale.ROOT));
    options.put("port", port(url));
    if (family != null) {
      options.put("ipVersion", family == IpFamily.IPV4 ? 4 : 6);
    }
    return body;
  }

  /** The host without IPv6 brackets. */
  static String host(URI url) {
    String h = url.getHost();
    return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
  }

  /** An address literal: Globalping measures it as it is, over its own family only. */
  static IpFamily literalFamily(URI url) {
    String h = host(url);
    if (h.contains(":")) {
      return IpFamily.IPV6;
    }
    return h.matches("[0-9.]+") ? IpFamily.IPV4 : null;
  }

  private static String scheme(URI url) {
    return url.getScheme().toLowerCase(Locale.ROOT);
  }

  private static int port(URI url) {
    return url.getPort() > 0 ? url.getPort() : "https".equals(scheme(url)) ? 443 : 80;
  }
}
