package dev.haremote.reachability.ddns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.common.net.IpFamily;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads ddns-service's status (a service of the same suite, usually beside this one). Failures are
 * facts with an error, never exceptions: without them the diagnosis just knows less.
 */
public class DdnsStatusClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI statusUrl;
  private final HttpClient client;

  public DdnsStatusClient(String baseUrl) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.statusUrl = URI.create(base + "/api/v1/status");
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public DdnsFacts fetch(Duration timeout) {
    try {
      HttpResponse<byte[]> response =
          client.send(
              HttpRequest.newBuilder(statusUrl)
                  .timeout(timeout)
                  .header("Accept", "application/json")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        return DdnsFacts.unavailable("ddns-service answered HTTP " + response.statusCode());
      }
      return parse(response.body());
    } catch (IOException e) {
      return DdnsFacts.unavailable("ddns-service not reachable");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return DdnsFacts.unavailable("interrupted");
    }
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
      return new DdnsFacts(
          text(root.path("public_ipv4")),
          text(root.path("public_ipv6")),
          bool(root.path("cgnat")),
          bool(root.path("double_nat")),
          text(root.path("router_wan_address")),
          records,
          null);
    } catch (IOException e) {
      return DdnsFacts.unavailable("ddns-service status is not JSON");
    }
  }

  private static String text(JsonNode n) {
    return n.isTextual() ? n.asText() : null;
  }

  private static Boolean bool(JsonNode n) {
    return n.isBoolean() ? n.asBoolean() : null;
  }
}
