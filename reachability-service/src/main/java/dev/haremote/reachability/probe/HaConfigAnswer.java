package dev.haremote.reachability.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.reachability.diagnosis.HaUrlSettings;

/**
 * Home Assistant's WebSocket {@code get_config} command and its answer: the {@code external_url}
 * and {@code internal_url} settings. Asked only on a session that answered {@code auth_ok}, so it
 * never counts as a failed login.
 */
final class HaConfigAnswer {
  static final String REQUEST = "{\"id\":1,\"type\":\"get_config\"}";
  private static final ObjectMapper JSON = new ObjectMapper();

  private HaConfigAnswer() {}

  static boolean isAuthOk(String frame) {
    JsonNode node = parse(frame);
    return node != null && "auth_ok".equals(node.path("type").asText(null));
  }

  /** The URL settings from the answer, or null when it is not a successful result. */
  static HaUrlSettings urls(String frame) {
    JsonNode node = parse(frame);
    if (node == null
        || !"result".equals(node.path("type").asText(null))
        || !node.path("success").asBoolean(false)
        || !node.path("result").isObject()) {
      return null;
    }
    JsonNode result = node.path("result");
    return new HaUrlSettings(text(result.path("external_url")), text(result.path("internal_url")));
  }

  private static String text(JsonNode n) {
    return n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
  }

  private static JsonNode parse(String frame) {
    if (frame == null) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(frame);
      return node != null && node.isObject() ? node : null;
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }
}
