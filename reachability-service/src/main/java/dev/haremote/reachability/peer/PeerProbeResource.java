package dev.haremote.reachability.peer;

import dev.haremote.common.net.Deadline;
import dev.haremote.common.net.IpFamily;
import dev.haremote.common.secret.SecretFile;
import dev.haremote.common.suite.OwnAuthentication;
import dev.haremote.common.suite.rest.ErrorBody;
import dev.haremote.reachability.config.ReachabilityConfig;
import dev.haremote.reachability.ddns.DdnsFacts;
import dev.haremote.reachability.diagnosis.ExternalView;
import dev.haremote.reachability.probe.TargetProbe;
import dev.haremote.reachability.probe.TargetSpec;
import dev.haremote.reachability.service.ReachabilityService;
import dev.haremote.reachability.service.StatusAssembler;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * {@code POST /api/v1/peer/probe}: this instance, outside someone's home, probes one URL for them.
 * It has its own token ({@code reachability.peer.token-file}, not the suite token) and probes only
 * URLs on its own allow-list, compared in canonical form; redirects are never followed. So a caller
 * can neither make it probe anything else (no SSRF) nor learn more than the diagnosis of an allowed
 * URL. With {@code @OwnAuthentication} the suite's bearer filter leaves this endpoint to the
 * peer-token check below.
 */
// Mounted at its path by StandaloneMounts (own port) or the one-process assembly (prefix).
@OwnAuthentication
public class PeerProbeResource {
  private static final Logger LOG = Logger.getLogger(PeerProbeResource.class);

  /** A peer serves a few callers; more at once is refused rather than queued. */
  private static final Semaphore IN_FLIGHT = new Semaphore(4);

  private final ReachabilityConfig config;
  private final ReachabilityService service;
  private final PeerAllowList allowList;
  private volatile byte[] token;

  public PeerProbeResource(ReachabilityConfig config, ReachabilityService service) {
    this.config = config;
    this.service = service;
    this.allowList = PeerAllowList.of(config.peer().allowList().orElse(List.of()));
  }

  @POST
  @Blocking
  // The name Quarkus gave it from the resource class before the mounts (#20).
  @Tag(name = "Peer Probe Resource")
  @Operation(
      summary = "Probes one allow-listed URL from outside (reachability.peer.enabled only)",
      description = "Authorization: Bearer with the peer token (not the suite token).")
  @APIResponse(
      responseCode = "200",
      description = "the outside view of the URL",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = PeerProbeAnswer.class)))
  @APIResponse(
      responseCode = "400",
      description = "the body is not {\"url\": ..., \"families\": [...], \"timeout_ms\": n}",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "401",
      description = "missing or wrong peer token",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "403",
      description = "the URL is not on the allow-list",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "404",
      description = "this instance does not serve as a peer",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "503",
      description = "reachability.peer.token-file cannot be read",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "429",
      description = "busy, try again later",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ErrorBody.class)))
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response probe(@HeaderParam("Authorization") String authorization, PeerProbeRequest body) {
    if (!config.peer().enabled()) {
      return error(Response.Status.NOT_FOUND, "this instance does not serve as a peer");
    }
    byte[] expected;
    try {
      expected = token();
    } catch (IllegalArgumentException e) {
      // The message names the file's path: the log may say it, a caller may not.
      LOG.warnf("peer probe refused: %s", e.getMessage());
      return error(
          Response.Status.SERVICE_UNAVAILABLE, "reachability.peer.token-file cannot be read");
    }
    if (!authorised(expected, authorization)) {
      return error(Response.Status.UNAUTHORIZED, "missing or wrong peer token");
    }
    if (body == null || body.url() == null) {
      return error(Response.Status.BAD_REQUEST, "body must be {\"url\": ..., \"families\": [...]}");
    }
    Optional<ProbeUrl> admitted = allowList.admit(body.url());
    if (admitted.isEmpty()) {
      return error(Response.Status.FORBIDDEN, "url is not on this peer's allow-list");
    }
    List<IpFamily> families = new ArrayList<>();
    try {
      for (String f : body.families() == null ? List.of("ipv4") : body.families()) {
        IpFamily family = IpFamily.parse(f);
        if (!families.contains(family)) {
          families.add(family);
        }
      }
    } catch (IllegalArgumentException e) {
      return error(Response.Status.BAD_REQUEST, "families: " + e.getMessage());
    }
    families.sort(null);
    if (body.timeoutMs() != null && body.timeoutMs() <= 0) {
      return error(Response.Status.BAD_REQUEST, "timeout_ms must be a positive number");
    }
    Duration timeout = config.timeout();
    if (body.timeoutMs() != null && body.timeoutMs() < timeout.toMillis()) {
      timeout = Duration.ofMillis(body.timeoutMs());
    }
    Deadline deadline = Deadline.in(timeout);
    if (!IN_FLIGHT.tryAcquire()) {
      return error(Response.Status.TOO_MANY_REQUESTS, "busy, try again later");
    }
    try {
      ProbeUrl url = admitted.get();
      TargetSpec spec = new TargetSpec("peer", url.toUri(), List.copyOf(families), null, null);
      TargetProbe probe =
          service
              .outsideProber()
              .probe(
                  spec,
                  DdnsFacts.unavailable(null),
                  CompletableFuture.completedFuture(ExternalView.none()),
                  false,
                  deadline)
              .join();
      return Response.ok(
              new PeerProbeAnswer(
                  url.toString(),
                  probe.checkedAt().truncatedTo(ChronoUnit.SECONDS),
                  probe.verdict().reachableIfKnown(),
                  probe.verdict().code().code(),
                  probe.verdict().advice(),
                  StatusAssembler.family(probe, IpFamily.IPV4),
                  StatusAssembler.family(probe, IpFamily.IPV6)))
          .build();
    } finally {
      IN_FLIGHT.release();
    }
  }

  private static boolean authorised(byte[] expected, String authorization) {
    if (expected == null || authorization == null || !authorization.startsWith("Bearer ")) {
      return false;
    }
    byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, given);
  }

  private byte[] token() {
    if (token == null && config.peer().tokenFile().isPresent()) {
      String t = SecretFile.read(config.peer().tokenFile().get());
      if (!t.isEmpty()) {
        token = t.getBytes(StandardCharsets.UTF_8);
      }
    }
    return token;
  }

  private static Response error(Response.Status status, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .entity(ErrorBody.of(message))
        .build();
  }
}
