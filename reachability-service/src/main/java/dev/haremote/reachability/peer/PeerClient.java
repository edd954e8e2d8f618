package dev.haremote.reachability.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.http.HttpProbeRequest;
import dev.haremote.common.http.HttpProbeResult;
import dev.haremote.common.net.Deadline;
import dev.haremote.common.net.IpFamily;
import dev.haremote.common.secret.SecretFile;
import dev.haremote.common.tls.TrustConfig;
import dev.haremote.reachability.diagnosis.ExternalView;
import dev.haremote.reachability.diagnosis.VerdictCode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Asks one peer for its outside view of a URL. Failures are outcomes, never exceptions. */
public class PeerClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A peer's answer is small (one URL's outside view); anything larger is not a peer. The cap and
   * the probe's one deadline over connect, request and every byte of the body keep an endless or
   * dripping answer from holding the round or filling the heap.
   */
  static final int ANSWER_CAP = 256 * 1024;

  /** The peer's share of the time left; the rest carries the request and its answer. */
  static final double PEER_SHARE = 0.8;

  /** Shared: sockets only, no threads of its own (a JDK HttpClient per call kept a thread each). */
  private static final HttpProbe HTTP = new HttpProbe(TrustConfig.systemPlus(Optional.empty()));

  private final String peerUrl;
  private final URI probeUri;
  private final Path tokenFile;

  public PeerClient(String peerUrl, Path tokenFile) {
    this.peerUrl = peerUrl;
    String base = peerUrl.endsWith("/") ? peerUrl.substring(0, peerUrl.length() - 1) : peerUrl;
    this.probeUri = URI.create(base + "/api/v1/peer/probe");
    this.tokenFile = tokenFile;
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
      VerdictCode verdict = VerdictCode.parse(node.path("verdict").asText(""));
      if (node.isObject() && node.path("reachable").isBoolean()) {
        out.put(f, new ExternalView.FamilyAnswer(node.path("reachable").asBoolean(), verdict));
      } else if (node.isObject() && verdict != null && !verdict.known()) {
        // The peer cannot check this family from where it runs: no vote, and its answer for the
        // whole target must not stand in for this family.
        out.put(f, new ExternalView.FamilyAnswer(null, verdict));
      }
    }
    return out;
  }

  public ExternalView.PeerOutcome ask(String url, List<IpFamily> families, Duration timeout) {
    return ask(url, families, Deadline.in(timeout));
  }

  /**
   * Asks within the check's deadline. The peer is told {@code timeout_ms}: a share of the time
   * left, so its own probe ends while its answer can still travel back before ours.
   */
  public ExternalView.PeerOutcome ask(String url, List<IpFamily> families, Deadline deadline) {
    String token;
    try {
      token = SecretFile.read(tokenFile);
    } catch (IllegalArgumentException e) {
      return new ExternalView.PeerOutcome(peerUrl, null, null, "token file unreadable");
    }
    byte[] body;
    try {
      body =
          JSON.writeValueAsBytes(
              Map.of(
                  "url",
                  url,
                  "families",
                  families.stream().map(IpFamily::key).toList(),
                  "timeout_ms",
                  Math.max(1, deadline.within(PEER_SHARE).remaining().toMillis())));
    } catch (IOException e) {
      return new ExternalView.PeerOutcome(peerUrl, null, null, "request not encodable");
    }
    HttpProbeResult response =
        HTTP.executeVerified(
            new HttpProbeRequest(
                probeUri,
                null,
                "POST",
                Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"),
                body,
                ANSWER_CAP,
                deadline.remaining(),
                0));
    if (!response.responded()) {
      return new ExternalView.PeerOutcome(
          peerUrl, null, null, "peer not reachable (" + response.failure() + ")");
    }
    if (response.status() != 200) {
      return new ExternalView.PeerOutcome(
          peerUrl, null, null, "peer answered HTTP " + response.status());
    }
    if (response.bodyTruncated()) {
      return new ExternalView.PeerOutcome(
          peerUrl,
          null,
          null,
          response.failureDetail() != null
              ? "peer answer incomplete: " + response.failureDetail()
              : "peer answer larger than " + ANSWER_CAP + " bytes");
    }
    JsonNode root;
    try {
      root = JSON.readTree(response.body());
    } catch (IOException e) {
      return new ExternalView.PeerOutcome(peerUrl, null, null, "peer answer is not JSON");
    }
    if (root == null || !root.isObject()) {
      return new ExternalView.PeerOutcome(peerUrl, null, null, "peer answer is not a JSON object");
    }
    JsonNode reachable = root.path("reachable");
    VerdictCode verdict = VerdictCode.parse(root.path("verdict").asText(""));
    if (!reachable.isBoolean()) {
      return new ExternalView.PeerOutcome(peerUrl, null, verdict, "peer gave no verdict");
    }
    return new ExternalView.PeerOutcome(
        peerUrl, reachable.asBoolean(), verdict, null, familyAnswers(root, families));
  }
}
