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
import java.time.temporal.ChronoUnit;
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

  /**
   * What differs between HA's entities (as in {@code states}) and the status JSON; empty when all
   * agree. An entity HA did not make is a difference too.
   */
  static List<String> differences(
      HomeAssistantCore ha,
      List<HaPackage.Entity> entities,
      List<HaState> states,
      JsonNode status) {
    List<String> problems = new ArrayList<>();
    for (HaPackage.Entity entity : entities) {
      Optional<HaState> state = find(states, entity);
      if (state.isEmpty()) {
        problems.add("no entity named " + entity.name());
      } else {
        problems.addAll(differences(ha, entity, state.get(), status));
      }
    }
    return problems;
  }

  /**
   * What differs between HA's entity and the status JSON; empty when they agree. A state without
   * value ({@code unavailable}, {@code unknown}) agrees only when the status gives none either: the
   * availability template renders false, or the value template renders nothing.
   */
  static List<String> differences(
      HomeAssistantCore ha, HaPackage.Entity entity, HaState state, JsonNode status) {
    List<String> problems = new ArrayList<>();
    boolean available =
        entity.availability() == null || truthy(render(ha, entity.availability(), status));
    if (!available) {
      if (!"unavailable".equals(state.state())) {
        problems.add(
            state.entityId() + " is '" + state.state() + "' but its availability template says no");
      }
      return problems;
    }
    if (entity.valueTemplate() != null) {
      String rendered = render(ha, entity.valueTemplate(), status);
      boolean noValue = rendered.isEmpty() || rendered.equals("None");
      boolean agrees =
          noValue
              ? state.state().equals("unknown") || state.state().equals(rendered)
              : sameState(entity, rendered, state.state());
      if (!agrees) {
        problems.add(
            state.entityId()
                + " is '"
                + state.state()
                + "' but its value_template over the status gives '"
                + rendered
                + "'");
      }
    } else if (!state.hasValue()) {
      problems.add(state.entityId() + " is " + state.state());
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

  // HA's template result_as_boolean: these words and non-zero numbers are true.
  private static boolean truthy(String rendered) {
    String value = rendered.strip().toLowerCase(java.util.Locale.ROOT);
    if (List.of("true", "on", "yes", "enable").contains(value)) {
      return true;
    }
    try {
      return Double.parseDouble(value) != 0;
    } catch (NumberFormatException e) {
      return false;
    }
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
        // HA writes a timestamp sensor's state in whole seconds (isoformat timespec="seconds").
        return OffsetDateTime.parse(rendered)
            .truncatedTo(ChronoUnit.SECONDS)
            .isEqual(OffsetDateTime.parse(state).truncatedTo(ChronoUnit.SECONDS));
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
