package dev.haremote.reachability.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.common.http.HttpProbeResult;
import dev.haremote.reachability.diagnosis.HttpIdentity;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells Home Assistant from anything else that may answer on its port (a router's admin page, a
 * default nginx page): HA's {@code /manifest.json} names "Home Assistant", and its {@code /api/}
 * answers 401 "401: Unauthorized" without a Basic-auth challenge. HA behind a proxy it does not
 * trust answers every request with aiohttp's "400: Bad Request" (core PR #51839).
 */
final class HomeAssistantIdentity {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TITLE =
      Pattern.compile("<title[^>]*>([^<]{1,80})</title>", Pattern.CASE_INSENSITIVE);

  private HomeAssistantIdentity() {}

  /** The judgement with a short detail for the advice. */
  record Judgement(HttpIdentity identity, int status, String detail) {}

  static Judgement judge(HttpProbeResult manifest, HttpProbeResult api) {
    boolean anyAnswer = manifest.responded() || api.responded();
    if (!anyAnswer) {
      String why = api.failure() != null ? api.failure() : manifest.failure();
      return new Judgement(HttpIdentity.NO_ANSWER, 0, "no HTTP answer: " + why);
    }
    int status = api.responded() ? api.status() : manifest.status();
    if (isProxyRejection(api) || isProxyRejection(manifest)) {
      return new Judgement(HttpIdentity.PROXY_REJECTED, 400, "HTTP 400 to the forwarded request");
    }
    if (manifestNamesHomeAssistant(manifest) || apiAnswersLikeHomeAssistant(api)) {
      return new Judgement(HttpIdentity.HOME_ASSISTANT, status, null);
    }
    HttpProbeResult shown = api.responded() ? api : manifest;
    return new Judgement(HttpIdentity.OTHER, status, describe(shown));
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

  static boolean apiAnswersLikeHomeAssistant(HttpProbeResult r) {
    if (!r.responded() || r.status() != 401) {
      return false;
    }
    String challenge = r.header("www-authenticate");
    if (challenge != null && challenge.toLowerCase(Locale.ROOT).startsWith("basic")) {
      return false; // a router asking for its admin password
    }
    return r.bodyText().contains("401: Unauthorized");
  }

  private static boolean isProxyRejection(HttpProbeResult r) {
    return r.responded() && r.status() == 400 && r.bodyText().contains("400: Bad Request");
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
