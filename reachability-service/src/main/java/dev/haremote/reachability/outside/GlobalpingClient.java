package dev.haremote.reachability.outside;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.haremote.common.secret.SecretFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
  /** Ten probes' 10 kB bodies and headers fit many times over. */
  static final int MAX_ANSWER_BYTES = 512 * 1024;

  static final Duration POLL_PAUSE = Duration.ofMillis(500);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String USER_AGENT =
      "ha-remote-access reachability-service (https://github.com/ha-remote-access)";

  private final URI base;
  private final Optional<Path> tokenFile;
  private final Clock clock;
  private final Sleeper sleeper;
  private final HttpClient http;

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
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
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
              HttpRequest.newBuilder(base.resolve("/v1/measurements"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(request))),
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
        Answer polled =
            send(
                HttpRequest.newBuilder(base.resolve("/v1/measurements/" + id)).GET(),
                token,
                deadline);
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
    } catch (java.net.http.HttpTimeoutException e) {
      return Outcome.failed("no answer before the deadline");
    } catch (IOException e) {
      return Outcome.failed("API not reachable (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.failed("interrupted");
    }
  }

  private record Answer(int status, JsonNode json, HttpResponse.ResponseInfo info) {
    String describe() {
      String type = json.path("error").path("type").asText("");
      String message = json.path("error").path("message").asText("");
      String text = "HTTP " + status + (type.isEmpty() ? "" : " " + type);
      return ProbeReading.clean(message.isEmpty() ? text : text + ": " + message);
    }

    /** Retry-After (GET limit) or X-RateLimit-Reset (POST limit), both in seconds. */
    Duration retryAfter() {
      for (String header : List.of("retry-after", "x-ratelimit-reset")) {
        Optional<String> v = info.headers().firstValue(header);
        if (v.isPresent()) {
          try {
            long seconds = Long.parseLong(v.get().trim());
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

  private Answer send(HttpRequest.Builder builder, String token, Instant deadline)
      throws IOException, InterruptedException {
    Duration left = Duration.between(clock.instant(), deadline);
    if (left.isNegative() || left.isZero()) {
      throw new java.net.http.HttpTimeoutException("deadline passed");
    }
    builder.timeout(left).header("User-Agent", USER_AGENT).header("Accept", "application/json");
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    HttpResponse<InputStream> response =
        http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
    byte[] body;
    try (InputStream in = response.body()) {
      body = in.readNBytes(MAX_ANSWER_BYTES + 1);
    }
    if (body.length > MAX_ANSWER_BYTES) {
      throw new IOException("answer larger than " + MAX_ANSWER_BYTES + " bytes");
    }
    JsonNode json;
    try {
      json = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (IOException e) {
      json = JSON.createObjectNode();
    }
    HttpResponse.ResponseInfo info =
        new HttpResponse.ResponseInfo() {
          @Override
          public int statusCode() {
            return response.statusCode();
          }

          @Override
          public java.net.http.HttpHeaders headers() {
            return response.headers();
          }

          @Override
          public HttpClient.Version version() {
            return response.version();
          }
        };
    return new Answer(response.statusCode(), json == null ? JSON.createObjectNode() : json, info);
  }
}
