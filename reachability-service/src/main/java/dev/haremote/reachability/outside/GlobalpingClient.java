package dev.haremote.reachability.outside;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.http.HttpProbeRequest;
import dev.haremote.common.http.HttpProbeResult;
import dev.haremote.common.secret.SecretFile;
import dev.haremote.common.tls.TrustConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Globalping REST API as this service uses it (jsdelivr/globalping, public/v1/spec.yaml):
 * {@code POST /v1/measurements} (202 with {@code id}), then {@code GET /v1/measurements/{id}} every
 * 500 ms after each answer until {@code status} is no longer {@code in-progress}
 * (docs/CLIENT_GUIDELINES.md).
 *
 * <p>Bounded: one deadline for the whole measurement (create and every poll), answers read up to
 * {@link #MAX_ANSWER_BYTES}. Failures are values. The token is read from its file for each use,
 * sent only as {@code Authorization: Bearer}, and never appears in an error.
 */
public class GlobalpingClient {
  /**
   * Ten probes' 10 kB bodies and headers fit many times over; a 64 MB heap holds it with room even
   * when every target's measurement is read at once.
   */
  static final int MAX_ANSWER_BYTES = 512 * 1024;

  static final Duration POLL_PAUSE = Duration.ofMillis(500);

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Shared: sockets only, no threads of its own, redirects never followed. */
  private static final HttpProbe HTTP = new HttpProbe(TrustConfig.systemPlus(Optional.empty()));

  private static final String USER_AGENT =
      "ha-remote-access reachability-service (https://github.com/ha-remote-access)";

  private final URI base;
  private final Optional<Path> tokenFile;
  private final Clock clock;
  private final Sleeper sleeper;

  /** Waits between polls; tests pass one that does not sleep. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  public GlobalpingClient(String url, Optional<Path> tokenFile, Clock clock, Sleeper sleeper) {
    String b = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.base = URI.create(b);
    this.tokenFile = tokenFile;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * One measurement's outcome.
   *
   * @param results each probe's {@code result} object, when finished
   * @param retryAfter set when the API answered 429: how long to stay away
   * @param error why there are no results, or null
   */
  public record Outcome(List<JsonNode> results, Duration retryAfter, String error) {
    static Outcome failed(String error) {
      return new Outcome(List.of(), null, error);
    }

    public boolean ok() {
      return error == null;
    }
  }

  /** Creates the measurement and polls it until finished or {@code deadline}. */
  public Outcome measure(ObjectNode request, Instant deadline) {
    String token = null;
    if (tokenFile.isPresent()) {
      try {
        token = SecretFile.read(tokenFile.get());
      } catch (IllegalArgumentException e) {
        return Outcome.failed("token file unreadable");
      }
    }
    try {
      Answer created =
          send(
              "POST",
              base.resolve("/v1/measurements"),
              JSON.writeValueAsBytes(request),
              token,
              deadline);
      if (created.status == 429) {
        return new Outcome(List.of(), created.retryAfter(), "rate limited (HTTP 429)");
      }
      if (created.status != 202) {
        return Outcome.failed("create answered " + created.describe());
      }
      String id = created.json().path("id").asText("");
      if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
        return Outcome.failed("create answered no usable id");
      }
      while (true) {
        Answer polled = send("GET", base.resolve("/v1/measurements/" + id), null, token, deadline);
        if (polled.status == 429) {
          return new Outcome(List.of(), polled.retryAfter(), "rate limited (HTTP 429)");
        }
        if (polled.status != 200) {
          return Outcome.failed("poll answered " + polled.describe());
        }
        JsonNode root = polled.json();
        if (!"in-progress".equals(root.path("status").asText("in-progress"))) {
          List<JsonNode> results = new ArrayList<>();
          root.path("results").forEach(item -> results.add(item.path("result")));
          return new Outcome(List.copyOf(results), null, null);
        }
        if (!clock.instant().plus(POLL_PAUSE).isBefore(deadline)) {
          return Outcome.failed("measurement not finished before the deadline");
        }
        sleeper.sleep(POLL_PAUSE);
      }
    } catch (Unanswered e) {
      return Outcome.failed(e.getMessage());
    } catch (IOException e) {
      return Outcome.failed("request not encodable");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.failed("interrupted");
    }
  }

  /** No usable answer: the message is the outcome's error (never a token, never a path). */
  private static final class Unanswered extends Exception {
    Unanswered(String message) {
      super(message, null, false, false);
    }
  }

  private record Answer(int status, JsonNode json, HttpProbeResult response) {
    String describe() {
      String type = json.path("error").path("type").asText("");
      String message = json.path("error").path("message").asText("");
      String text = "HTTP " + status + (type.isEmpty() ? "" : " " + type);
      return ProbeReading.clean(message.isEmpty() ? text : text + ": " + message);
    }

    /** Retry-After (GET limit) or X-RateLimit-Reset (POST limit), both in seconds. */
    Duration retryAfter() {
      for (String header : List.of("retry-after", "x-ratelimit-reset")) {
        String v = response.header(header);
        if (v != null) {
          try {
            long seconds = Long.parseLong(v.trim());
            if (seconds >= 0) {
              return Duration.ofSeconds(Math.min(seconds, Duration.ofDays(1).toSeconds()));
            }
          } catch (NumberFormatException ignored) {
            // An HTTP date or junk: fall through to the next header or the default.
          }
        }
      }
      return Duration.ofMinutes(5);
    }
  }

  /**
   * One request through the probe's HTTP client: the deadline covers connect, TLS, request and
   * every byte of the answer (the JDK client's timeout stops at the headers, so a dripping answer
   * held the round), the answer is capped, and the token goes only over TLS that verifies.
   */
  private Answer send(String method, URI uri, byte[] body, String token, Instant deadline)
      throws Unanswered {
    Duration left = Duration.between(clock.instant(), deadline);
    if (left.isNegative() || left.isZero()) {
      throw new Unanswered("no answer before the deadline");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("User-Agent", USER_AGENT);
    headers.put("Accept", "application/json");
    if (body != null) {
      headers.put("Content-Type", "application/json");
    }
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    HttpProbeResult response =
        HTTP.executeVerified(
            new HttpProbeRequest(uri, null, method, headers, body, MAX_ANSWER_BYTES, left, 0));
    if (!response.responded()) {
      throw new Unanswered(
          "timeout".equals(response.failure())
              ? "no answer before the deadline"
              : "API not reachable (" + response.failure() + ")");
    }
    if (response.bodyTruncated()) {
      throw new Unanswered(
          response.failureDetail() != null
              ? "answer incomplete: " + response.failureDetail()
              : "answer larger than " + MAX_ANSWER_BYTES + " bytes");
    }
    JsonNode json;
    try {
      json = response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      json = JSON.createObjectNode();
    }
    return new Answer(response.status(), json == null ? JSON.createObjectNode() : json, response);
  }
}
