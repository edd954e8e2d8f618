package dev.haremote.reachability.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.common.http.HttpProbeResult;
import dev.haremote.reachability.diagnosis.HttpIdentity;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells Home Assistant from anything else that may answer on its port (a router's admin page, a
 * default nginx page) from one unauthenticated request: HA's {@code /manifest.json} names "Home
 * Assistant". HA behind a proxy it does not trust answers every request with aiohttp's "400: Bad
 * Request" (core PR #51839); an address HA has banned ({@code ip_ban_enabled}) gets "403:
 * Forbidden" for every request.
 *
 * <p>Never {@code /api/} without a token: the real HA counts that 401 as a failed login, raises a
 * "Login attempt failed" notification and, with {@code login_attempts_threshold} set, bans the
 * prober's address (seen with HA 2025.4 in the lab; docs/home-assistant.md).
 */
public final class HomeAssistantIdentity {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TITLE =
      Pattern.compile("<title[^>]*>([^<]{1,80})</title>", Pattern.CASE_INSENSITIVE);

  private HomeAssistantIdentity() {}

  /** The judgement with a short detail for the advice. */
  public record Judgement(HttpIdentity identity, int status, String detail) {}

  public static Judgement judge(HttpProbeResult manifest) {
    if (!manifest.responded()) {
      return new Judgement(HttpIdentity.NO_ANSWER, 0, "no HTTP answer: " + manifest.failure());
    }
    int status = manifest.status();
    if (isAiohttpError(manifest, 400, "400: Bad Request")) {
      return new Judgement(HttpIdentity.PROXY_REJECTED, 400, "HTTP 400 to the forwarded request");
    }
    if (isAiohttpError(manifest, 403, "403: Forbidden")) {
      return new Judgement(HttpIdentity.BANNED, 403, "HTTP 403 to every request");
    }
    if (manifestNamesHomeAssistant(manifest)) {
      return new Judgement(HttpIdentity.HOME_ASSISTANT, status, null);
    }
    return new Judgement(HttpIdentity.OTHER, status, describe(manifest));
  }

  static boolean manifestNamesHomeAssistant(HttpProbeResult r) {
    if (!r.responded() || r.status() != 200 || r.body() == null) {
      return false;
    }
    try {
      JsonNode node = JSON.readTree(r.body());
      return node != null && "Home Assistant".equals(node.path("name").asText(null));
    } catch (java.io.IOException | RuntimeException e) {
      return false; // not JSON: not HA's manifest
    }
  }

  /** aiohttp's plain error body ("400: Bad Request"), not a proxy's or router's HTML page. */
  private static boolean isAiohttpError(HttpProbeResult r, int status, String body) {
    return r.status() == status && r.bodyText().strip().equals(body);
  }

  private static String describe(HttpProbeResult r) {
    StringBuilder sb = new StringBuilder("HTTP ").append(r.status());
    Matcher m = TITLE.matcher(r.bodyText());
    if (m.find()) {
      sb.append(", page '").append(clean(m.group(1))).append("'");
    } else if (r.header("server") != null) {
      sb.append(", server '").append(clean(r.header("server"))).append("'");
    }
    return sb.toString();
  }

  /** Only printable text of bounded length goes into advice. */
  private static String clean(String s) {
    String t = s.replaceAll("[^\\p{Print}]", "").trim();
    return t.length() > 60 ? t.substring(0, 60) : t;
  }
}
