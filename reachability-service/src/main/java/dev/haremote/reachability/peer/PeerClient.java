package dev.haremote.reachability.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.common.net.IpFamily;
import dev.haremote.common.secret.SecretFile;
import dev.haremote.reachability.diagnosis.ExternalView;
import dev.haremote.reachability.diagnosis.VerdictCode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Asks one peer for its outside view of a URL. Failures are outcomes, never exceptions. */
public class PeerClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String peerUrl;
  private final URI probeUri;
  private final Path tokenFile;
  private final HttpClient client;

  public PeerClient(String peerUrl, Path tokenFile) {
    this.peerUrl = peerUrl;
    String base = peerUrl.endsWith("/") ? peerUrl.substring(0, peerUrl.length() - 1) : peerUrl;
    this.probeUri = URI.create(base + "/api/v1/peer/probe");
    this.tokenFile = tokenFile;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * The peer's own answer per family (its {@code ipv4} / {@code ipv6} objects), where it gave one:
   * an IPv4 failure from outside must not be applied to IPv6.
   */
  static Map<IpFamily, ExternalView.FamilyAnswer> familyAnswers(
      JsonNode root, List<IpFamily> families) {
    Map<IpFamily, ExternalView.FamilyAnswer> out = new EnumMap<>(IpFamily.class);
    for (IpFamily f : families) {
      JsonNode node = root.path(f.key());
      if (node.isObject() && node.path("reachable").isBoolean()) {
        out.put(
            f,
            new ExternalView.FamilyAnswer(
                node.path("reachable").asBoolean(),
                VerdictCode.parse(node.path("verdict").asText(""))));
      }
    }
    return out;
  }

  public ExternalView.PeerOutcome ask(String url, List<IpFamily> families, Duration timeout) {
    String token;
    try {
      token = SecretFile.read(tokenFile);
    } catch (IllegalArgumentException e) {
      return new ExternalView.PeerOutcome(peerUrl, null, null, "token file unreadable");
    }
    try {
      byte[] body =
          JSON.writeValueAsBytes(
              Map.of("url", url, "families", families.stream().map(IpFamily::key).toList()));
      HttpResponse<byte[]> response =
          client.send(
              HttpRequest.newBuilder(probeUri)
                  .timeout(timeout)
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        return new ExternalView.PeerOutcome(
            peerUrl, null, null, "peer answered HTTP " + response.statusCode());
      }
      JsonNode root = JSON.readTree(response.body());
      JsonNode reachable = root.path("reachable");
      VerdictCode verdict = VerdictCode.parse(root.path("verdict").asText(""));
      if (!reachable.isBoolean()) {
        return new ExternalView.PeerOutcome(peerUrl, null, verdict, "peer gave no verdict");
      }
      return new ExternalView.PeerOutcome(
          peerUrl, reachable.asBoolean(), verdict, null, familyAnswers(root, families));
    } catch (IOException e) {
      return new ExternalView.PeerOutcome(peerUrl, null, null, "peer not reachable");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ExternalView.PeerOutcome(peerUrl, null, null, "interrupted");
    }
  }
}
