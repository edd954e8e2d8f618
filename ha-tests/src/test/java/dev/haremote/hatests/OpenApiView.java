package dev.haremote.hatests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One service's part of a served OpenAPI document ({@code /q/openapi?format=json}): its paths with
 * the mount prefix taken off, and the schemas and security schemes those paths use (followed
 * through every {@code $ref}), as JSON with sorted keys. So a service's own document and the one
 * process's (three services, each under {@code /SERVICE-NAME}) compare line by line; the title and
 * servers, which say which process it is, are left out.
 */
final class OpenApiView {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  private static final String SCHEMA_REF = "#/components/schemas/";

  private OpenApiView() {}

  /**
   * @param document the served document, JSON
   * @param mount the service's path prefix ({@code ""} for a service on its own port)
   */
  static String of(String document, String mount) throws JsonProcessingException {
    JsonNode root = MAPPER.readTree(document);
    ObjectNode paths = MAPPER.createObjectNode();
    root.path("paths")
        .fields()
        .forEachRemaining(
            path -> {
              if (path.getKey().startsWith(mount + "/")) {
                paths.set(path.getKey().substring(mount.length()), path.getValue());
              }
            });
    JsonNode components = root.path("components");
    ObjectNode schemas = MAPPER.createObjectNode();
    Deque<JsonNode> toVisit = new ArrayDeque<>();
    toVisit.add(paths);
    while (!toVisit.isEmpty()) {
      for (String name : schemaRefs(toVisit.pop())) {
        if (!schemas.has(name)) {
          JsonNode schema = components.path("schemas").path(name);
          schemas.set(name, schema);
          toVisit.add(schema);
        }
      }
    }
    ObjectNode schemes = MAPPER.createObjectNode();
    for (String name : securityNames(paths)) {
      schemes.set(name, components.path("securitySchemes").path(name));
    }
    ObjectNode view = MAPPER.createObjectNode();
    view.set("paths", paths);
    view.putObject("components").setAll(Map.of("schemas", schemas, "securitySchemes", schemes));
    // Through a Map, so that every level is written with sorted keys.
    return MAPPER.writeValueAsString(MAPPER.treeToValue(view, Map.class)) + "\n";
  }

  private static Set<String> schemaRefs(JsonNode node) {
    Set<String> names = new TreeSet<>();
    walk(
        node,
        (key, value) -> {
          if (key.equals("$ref") && value.asText().startsWith(SCHEMA_REF)) {
            names.add(value.asText().substring(SCHEMA_REF.length()));
          }
        });
    return names;
  }

  /** The names in every operation's {@code security} requirements. */
  private static Set<String> securityNames(JsonNode paths) {
    Set<String> names = new TreeSet<>();
    walk(
        paths,
        (key, value) -> {
          if (key.equals("security")) {
            value.forEach(requirement -> requirement.fieldNames().forEachRemaining(names::add));
          }
        });
    return names;
  }

  private interface FieldVisitor {
    void visit(String key, JsonNode value);
  }

  private static void walk(JsonNode node, FieldVisitor visitor) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        visitor.visit(field.getKey(), field.getValue());
        walk(field.getValue(), visitor);
      }
    } else if (node.isArray()) {
      node.forEach(element -> walk(element, visitor));
    }
  }
}
