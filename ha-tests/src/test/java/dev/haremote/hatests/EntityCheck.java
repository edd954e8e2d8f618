package dev.haremote.hatests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.haremote.labkit.homeassistant.HaState;
import dev.haremote.labkit.homeassistant.HomeAssistantCore;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares one entity in HA with the JSON its resource served: the state with what HA itself
 * renders from the entity's {@code value_template} over that JSON (so the test needs no Jinja of
 * its own), the attributes with the fields at {@code json_attributes_path}.
 */
final class EntityCheck {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Configuration JSON_PATH =
      Configuration.builder()
          .jsonProvider(new JacksonJsonNodeJsonProvider())
          .mappingProvider(new JacksonMappingProvider())
          .options(Option.SUPPRESS_EXCEPTIONS)
          .build();
  // HA's rest binary_sensor: an integer is truthy, else one of these words means on.
  private static final Map<String, Boolean> BINARY_WORDS =
      Map.of("true", true, "on", true, "open", true, "yes", true);

  private EntityCheck() {}

  /** The entity HA made for a package entry: looked up by its friendly name. */
  static Optional<HaState> find(List<HaState> states, HaPackage.Entity entity) {
    return states.stream()
        .filter(s -> s.entityId().startsWith(entity.domain() + "."))
        .filter(s -> entity.name().equals(s.attribute("friendly_name").asText(null)))
        .findFirst();
  }

  /** What differs between HA's entity and the status JSON; empty when they agree. */
  static List<String> differences(
      HomeAssistantCore ha, HaPackage.Entity entity, HaState state, JsonNode status) {
    List<String> problems = new ArrayList<>();
    if (!state.hasValue()) {
      problems.add(state.entityId() + " is " + state.state());
      return problems;
    }
    if (entity.valueTemplate() != null) {
      String rendered = render(ha, entity.valueTemplate(), status);
      if (!sameState(entity, rendered, state.state())) {
        problems.add(
            state.entityId()
                + " is '"
                + state.state()
                + "' but its value_template over the status gives '"
                + rendered
                + "'");
      }
    }
    if (!entity.jsonAttributes().isEmpty()) {
      JsonNode source = attributeSource(entity, status);
      for (String key : entity.jsonAttributes()) {
        JsonNode expected = source.path(key);
        JsonNode actual = state.attribute(key);
        // HA leaves out an attribute whose key is missing from the JSON.
        if (expected.isMissingNode() ? !actual.isMissingNode() : !sameJson(expected, actual)) {
          problems.add(
              state.entityId()
                  + " attribute "
                  + key
                  + " is "
                  + actual
                  + ", status has "
                  + expected);
        }
      }
    }
    return problems;
  }

  private static JsonNode attributeSource(HaPackage.Entity entity, JsonNode status) {
    if (entity.jsonAttributesPath() == null) {
      return status;
    }
    JsonNode found = JsonPath.using(JSON_PATH).parse(status).read(entity.jsonAttributesPath());
    // HA's parse_json_attributes takes the first match when the path selects a list.
    if (found != null && found.isArray() && !entity.jsonAttributesPath().endsWith("[*]")) {
      found = found.size() > 0 ? found.get(0) : null;
    }
    return found == null ? JSON.missingNode() : found;
  }

  /**
   * Renders the template in HA with {@code value_json} and {@code value} as the rest sensor has.
   */
  static String render(HomeAssistantCore ha, String template, JsonNode status) {
    String raw = status.toString();
    String literal = "'" + raw.replace("\\", "\\\\").replace("'", "\\'") + "'";
    return ha.renderTemplate(
            "{% set value = " + literal + " %}{% set value_json = value | from_json %}" + template)
        .strip();
  }

  private static boolean sameState(HaPackage.Entity entity, String rendered, String state) {
    if ("binary_sensor".equals(entity.domain())) {
      boolean on;
      try {
        on = Integer.parseInt(rendered) != 0;
      } catch (NumberFormatException e) {
        on = BINARY_WORDS.getOrDefault(rendered.toLowerCase(java.util.Locale.ROOT), false);
      }
      return state.equals(on ? "on" : "off");
    }
    if ("timestamp".equals(entity.deviceClass())) {
      try {
        return OffsetDateTime.parse(rendered).isEqual(OffsetDateTime.parse(state));
      } catch (DateTimeParseException e) {
        return false;
      }
    }
    if (rendered.equals(state)) {
      return true;
    }
    try {
      return new BigDecimal(rendered).compareTo(new BigDecimal(state)) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  // Numbers compare by value (HA may write 12.0 where Java wrote 12), at any depth.
  private static boolean sameJson(JsonNode expected, JsonNode actual) {
    return expected.equals(
        (a, b) -> {
          if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
          }
          return a.equals(b) ? 0 : 1;
        },
        actual);
  }
}
