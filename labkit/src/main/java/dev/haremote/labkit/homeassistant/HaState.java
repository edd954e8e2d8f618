package dev.haremote.labkit.homeassistant;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/**
 * One entity's state as Home Assistant's REST API ({@code GET /api/states}) gives it.
 *
 * @param state always a string in HA, e.g. {@code "on"}, {@code "42"}, {@code "unavailable"}
 * @param attributes the attribute object as HA serialised it
 */
public record HaState(
    String entityId,
    String state,
    JsonNode attributes,
    OffsetDateTime lastChanged,
    OffsetDateTime lastUpdated) {

  /** HA's two placeholder states for "no value": a working sensor has neither. */
  public boolean hasValue() {
    return !"unknown".equals(state) && !"unavailable".equals(state);
  }

  /** An attribute, or a missing node (never null). */
  public JsonNode attribute(String name) {
    return attributes.path(name);
  }

  static HaState fromJson(JsonNode node) {
    return new HaState(
        node.path("entity_id").asText(),
        node.path("state").asText(),
        node.path("attributes"),
        parseTime(node.path("last_changed")),
        parseTime(node.path("last_updated")));
  }

  private static OffsetDateTime parseTime(JsonNode node) {
    return node.isTextual() ? OffsetDateTime.parse(node.asText()) : null;
  }
}
