package dev.haremote.hatests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The entities a Home Assistant package's top-level {@code rest:} list defines, read the way HA
 * reads them, so a test can look each one up in HA and compare it with the JSON it came from.
 */
record HaPackage(List<Resource> resources) {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  record Resource(String url, int scanIntervalSeconds, List<Entity> entities) {}

  /**
   * @param domain {@code sensor} or {@code binary_sensor}
   * @param jsonAttributesPath JSONPath to the object the attributes come from, or null (the root)
   */
  record Entity(
      String domain,
      String name,
      String uniqueId,
      String valueTemplate,
      String deviceClass,
      String jsonAttributesPath,
      List<String> jsonAttributes,
      String availability) {}

  /** Parses the YAML; HA's {@code !secret} tags are ignored (only the structure matters here). */
  static HaPackage parse(String yaml) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException("not YAML", e);
    }
    List<Resource> resources = new ArrayList<>();
    for (JsonNode resource : root.path("rest")) {
      List<Entity> entities = new ArrayList<>();
      for (String domain : List.of("sensor", "binary_sensor")) {
        for (JsonNode entity : resource.path(domain)) {
          List<String> attributes = new ArrayList<>();
          entity.path("json_attributes").forEach(a -> attributes.add(a.asText()));
          entities.add(
              new Entity(
                  domain,
                  entity.path("name").asText(null),
                  entity.path("unique_id").asText(null),
                  entity.path("value_template").asText(null),
                  entity.path("device_class").asText(null),
                  entity.path("json_attributes_path").asText(null),
                  List.copyOf(attributes),
                  entity.path("availability").asText(null)));
        }
      }
      resources.add(
          new Resource(
              resource.path("resource").asText(),
              resource.path("scan_interval").asInt(30),
              List.copyOf(entities)));
    }
    return new HaPackage(List.copyOf(resources));
  }

  List<Entity> entities() {
    return resources.stream().flatMap(r -> r.entities().stream()).toList();
  }
}
