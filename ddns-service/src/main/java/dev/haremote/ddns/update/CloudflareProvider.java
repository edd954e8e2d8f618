package dev.haremote.ddns.update;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.http.HttpProbeRequest;
import dev.haremote.common.http.HttpProbeResult;
import dev.haremote.common.net.Deadline;
import dev.haremote.common.net.IpFamily;
import dev.haremote.ddns.discovery.AddressLiteral;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Cloudflare API v4: find the record by name and type, PATCH its content (or create it when
 * missing). Several records of that name and type are left alone: choosing one could break the
 * others. A 429 blocks the token for 5 minutes; its {@code retry-after} is honoured.
 */
public final class CloudflareProvider implements DdnsProvider {
  private static final int BODY_CAP = 256 * 1024;
  private static final Duration RATE_LIMIT_WAIT = Duration.ofMinutes(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final String zoneId;
  private final Supplier<String> token;
  private final long ttl;
  private final HttpProbe http;
  private final Duration timeout;

  public CloudflareProvider(
      URI apiBase, String zoneId, String token, long ttl, HttpProbe http, Duration timeout) {
    this(apiBase, zoneId, () -> token, ttl, http, timeout);
  }

  /**
   * @param token read at every call, so a corrected token file is used without a restart
   */
  public CloudflareProvider(
      URI apiBase,
      String zoneId,
      Supplier<String> token,
      long ttl,
      HttpProbe http,
      Duration timeout) {
    String b = apiBase.toString();
    this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    this.zoneId = zoneId;
    this.token = token;
    this.ttl = ttl;
    this.http = http;
    this.timeout = timeout;
  }

  @Override
  public UpdateOutcome update(UpdateRequest request) {
    Deadline deadline = Deadline.in(timeout);
    String type = request.family() == IpFamily.IPV4 ? "A" : "AAAA";
    String records = base + "/zones/" + enc(zoneId) + "/dns_records";
    Call list =
        call("GET", records + "?type=" + type + "&name=" + enc(request.name()), null, deadline);
    if (list.outcome != null) {
      return list.outcome;
    }
    JsonNode result = list.json.path("result");
    if (!result.isArray()) {
      return UpdateOutcome.of(UpdateResult.FAILED, "cloudflare: answer without a result list");
    }
    if (result.size() > 1) {
      return UpdateOutcome.of(
          UpdateResult.FATAL,
          "cloudflare has "
              + result.size()
              + " "
              + type
              + " records for the name; not choosing one");
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("content", request.address());
    Call change;
    if (result.isEmpty()) {
      body.put("type", type).put("name", request.name()).put("ttl", ttl).put("proxied", false);
      change = call("POST", records, body, deadline);
    } else {
      JsonNode existing = result.get(0);
      String id = existing.path("id").asText("");
      if (id.isEmpty() || !id.matches("[A-Za-z0-9]{1,64}")) {
        return UpdateOutcome.of(UpdateResult.FAILED, "cloudflare: record without a valid id");
      }
      if (request.address().equals(AddressLiteral.canonical(existing.path("content").asText("")))) {
        return UpdateOutcome.of(UpdateResult.NOCHG, "cloudflare already has the address");
      }
      change = call("PATCH", records + "/" + id, body, deadline);
    }
    if (change.outcome != null) {
      return change.outcome;
    }
    return UpdateOutcome.of(UpdateResult.SUCCESS, "cloudflare accepted the change");
  }

  /** Either a parsed successful answer, or the outcome that ends the update. */
  private record Call(JsonNode json, UpdateOutcome outcome) {}

  private Call call(String method, String url, JsonNode body, Deadline deadline) {
    if (deadline.expired()) {
      return new Call(null, UpdateOutcome.of(UpdateResult.FAILED, "cloudflare: timeout"));
    }
    byte[] bytes = body == null ? null : body.toString().getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers =
        body == null
            ? Map.of("Authorization", "Bearer " + token.get(), "Accept", "application/json")
            : Map.of(
                "Authorization",
                "Bearer " + token.get(),
                "Accept",
                "application/json",
                "Content-Type",
                "application/json");
    HttpProbeResult r =
        http.execute(
            new HttpProbeRequest(
                URI.create(url), null, method, headers, bytes, BODY_CAP, deadline.remaining(), 0));
    if (!r.responded()) {
      return new Call(null, UpdateOutcome.of(UpdateResult.FAILED, "cloudflare: " + r.failure()));
    }
    if (r.status() == 429) {
      return new Call(
          null,
          new UpdateOutcome(
              UpdateResult.RATE_LIMITED,
              "cloudflare: http 429",
              RetryAfter.of(r, RATE_LIMIT_WAIT)));
    }
    if (r.status() == 401 || r.status() == 403) {
      return new Call(
          null,
          UpdateOutcome.of(
              UpdateResult.FATAL, "cloudflare: http " + r.status() + ", the token was rejected"));
    }
    if (r.bodyTruncated()) {
      return new Call(null, UpdateOutcome.of(UpdateResult.FAILED, "cloudflare: answer too long"));
    }
    Optional<JsonNode> json = parse(r.body());
    if (json.isEmpty() || !json.get().isObject()) {
      return new Call(
          null,
          UpdateOutcome.of(
              UpdateResult.FAILED,
              "cloudflare: http "
                  + r.status()
                  + ", not JSON: '"
                  + Secrets.excerpt(r.bodyText(), List.of(token.get()))
                  + "'"));
    }
    JsonNode j = json.get();
    if (r.status() / 100 != 2 || !j.path("success").asBoolean(false)) {
      return new Call(null, errorOutcome(r.status(), j, r));
    }
    return new Call(j, null);
  }

  private UpdateOutcome errorOutcome(int status, JsonNode j, HttpProbeResult r) {
    JsonNode first = j.path("errors").path(0);
    int code = first.path("code").asInt(0);
    String message = Secrets.excerpt(first.path("message").asText(""), List.of(token.get()));
    String detail = "cloudflare: http " + status + ", error " + code + " " + message;
    // 9109 invalid token, 10000 authentication error, 7003/7000 no such zone: retrying cannot help.
    if (code == 9109 || code == 10000 || code == 7003 || code == 7000) {
      return UpdateOutcome.of(UpdateResult.FATAL, detail.trim());
    }
    Duration retry = r.header("retry-after") == null ? null : RetryAfter.of(r, null);
    return new UpdateOutcome(UpdateResult.FAILED, detail.trim(), retry);
  }

  private static Optional<JsonNode> parse(byte[] body) {
    try {
      return Optional.ofNullable(JSON.readTree(body));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
