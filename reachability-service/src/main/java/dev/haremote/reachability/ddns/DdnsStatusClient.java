package dev.haremote.reachability.ddns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.http.HttpProbeRequest;
import dev.haremote.common.http.HttpProbeResult;
import dev.haremote.common.net.Deadline;
import dev.haremote.common.net.IpFamily;
import dev.haremote.common.net.IpLiterals;
import dev.haremote.common.tls.TrustConfig;
import dev.haremote.reachability.probe.Addresses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads ddns-service's status (a service of the same suite, usually beside this one). Failures are
 * facts with an error, never exceptions: without them the diagnosis just knows less.
 */
public class DdnsStatusClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * ddns-service's status stays well under this even with many records (each record's answers are
   * shortened); a larger answer is not ddns-service's. With the probe's one deadline over every
   * byte, an endless or dripping answer ends as an error, never as a stuck round or a full heap.
   */
  static final int STATUS_CAP = 2 * 1024 * 1024;

  /**
   * Shared: sockets only, no threads of its own (a JDK HttpClient per round kept a thread each).
   */
  private static final HttpProbe HTTP = new HttpProbe(TrustConfig.systemPlus(Optional.empty()));

  private final URI statusUrl;

  public DdnsStatusClient(String baseUrl) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.statusUrl = URI.create(base + "/api/v1/status");
  }

  public DdnsFacts fetch(Duration timeout) {
    return fetch(Deadline.in(timeout));
  }

  /** Within the round's deadline: connect, request and every byte of the answer. */
  public DdnsFacts fetch(Deadline deadline) {
    HttpProbeResult response =
        HTTP.executeVerified(
            new HttpProbeRequest(
                statusUrl,
                null,
                "GET",
                Map.of("Accept", "application/json"),
                null,
                STATUS_CAP,
                deadline.remaining(),
                0));
    if (!response.responded()) {
      return DdnsFacts.unavailable("ddns-service not reachable (" + response.failure() + ")");
    }
    if (response.status() != 200) {
      return DdnsFacts.unavailable("ddns-service answered HTTP " + response.status());
    }
    if (response.bodyTruncated()) {
      return DdnsFacts.unavailable(
          response.failureDetail() != null
              ? "ddns-service status incomplete: " + response.failureDetail()
              : "ddns-service status larger than " + STATUS_CAP + " bytes");
    }
    return parse(response.body());
  }

  static DdnsFacts parse(byte[] body) {
    try {
      JsonNode root = JSON.readTree(body);
      if (root == null || !root.isObject()) {
        return DdnsFacts.unavailable("ddns-service status is not a JSON object");
      }
      List<DdnsFacts.RecordFact> records = new ArrayList<>();
      for (JsonNode r : root.path("records")) {
        IpFamily family;
        try {
          family = IpFamily.parse(r.path("family").asText("ipv4"));
        } catch (IllegalArgumentException e) {
          continue;
        }
        records.add(
            new DdnsFacts.RecordFact(
                r.path("name").asText(""),
                family,
                text(r.path("expected")),
                bool(r.path("in_sync"))));
      }
      List<String> problems = new ArrayList<>();
      String v4 = address(root, IpFamily.IPV4, problems);
      String v6 = address(root, IpFamily.IPV6, problems);
      return new DdnsFacts(
          v4,
          v6,
          bool(root.path("cgnat")),
          bool(root.path("double_nat")),
          text(root.path("router_wan_address")),
          records,
          problems.isEmpty() ? null : String.join("; ", problems));
    } catch (IOException e) {
      return DdnsFacts.unavailable("ddns-service status is not JSON");
    }
  }

  /**
   * {@code public_ipv4} / {@code public_ipv6} only when it is an address literal of that family:
   * anything else (a name, {@code 999.1.1.1}) is a problem named in the facts' error, never a DNS
   * lookup and never an exception in the round.
   */
  private static String address(JsonNode root, IpFamily family, List<String> problems) {
    String key = "public_" + family.key();
    String value = text(root.path(key));
    if (value == null) {
      return null;
    }
    Optional<InetAddress> literal = IpLiterals.parse(value);
    if (literal.isEmpty() || !family.matches(literal.get())) {
      problems.add(
          "ddns-service gave " + key + " that is not an " + family.key() + " address (ignored)");
      return null;
    }
    return Addresses.format(literal.get());
  }

  private static String text(JsonNode n) {
    return n.isTextual() ? n.asText() : null;
  }

  private static Boolean bool(JsonNode n) {
    return n.isBoolean() ? n.asBoolean() : null;
  }
}
