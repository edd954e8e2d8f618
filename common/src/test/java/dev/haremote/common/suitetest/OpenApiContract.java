package dev.haremote.common.suitetest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document a service serves at {@code /q/openapi}, docs/api.md and the live JSON name
 * the same fields: every object schema of the document has a section {@code #### `Name`} in
 * docs/api.md listing exactly its fields in order, and every object of the live status has exactly
 * its schema's fields. A field added to a status record fails this test until docs/api.md lists it.
 * Each service runs it with a configured profile, so that the nested objects are present.
 */
public abstract class OpenApiContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SECTION = Pattern.compile("^#### `(\\w+)`\\s*$");
  private static final Pattern FIELD_ROW = Pattern.compile("^\\| `([a-z0-9_]+)` \\|");

  /** The schema name of {@code GET /api/v1/status}, e.g. {@code DdnsStatus}. */
  protected abstract String statusSchema();

  /** The status as served once a round is done (a configured profile's POST /api/v1/check). */
  protected abstract String liveStatusJson();

  protected JsonNode openApi() throws IOException {
    return JSON.readTree(
        given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
  }

  @Test
  void servesTheContractPathsWithTheStatusSchema() throws IOException {
    JsonNode doc = openApi();
    List<String> paths = new ArrayList<>();
    doc.get("paths").fieldNames().forEachRemaining(paths::add);
    assertThat(paths).contains("/api/v1/status", "/api/v1/check", "/api/v1/ha/package");
    String ref = "#/components/schemas/" + statusSchema();
    assertThat(
            doc.at(
                    "/paths/~1api~1v1~1status/get/responses/200/content/application~1json/schema/$ref")
                .asText())
        .isEqualTo(ref);
    assertThat(
            doc.at(
                    "/paths/~1api~1v1~1check/post/responses/200/content/application~1json/schema/$ref")
                .asText())
        .isEqualTo(ref);
    assertThat(doc.at("/paths/~1api~1v1~1check/post/security/0").has("bearer")).isTrue();
  }

  @Test
  void everyObjectSchemaIsInDocsApiMdWithTheSameFields() throws IOException {
    Map<String, List<String>> documented = documentedObjects();
    JsonNode doc = openApi();
    JsonNode schemas = doc.at("/components/schemas");
    // The schemas the service's own API paths use (a test may add resources of its own).
    Set<String> used = new LinkedHashSet<>();
    doc.get("paths")
        .fields()
        .forEachRemaining(
            p -> {
              if (API_PATHS.contains(p.getKey())) {
                refs(p.getValue(), schemas, used);
              }
            });
    List<String> checked = new ArrayList<>();
    schemas
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode properties = e.getValue().get("properties");
              if (properties == null || !used.contains(e.getKey())) {
                return; // Instant, enums; a test's own resource
              }
              assertThat(documented)
                  .as("docs/api.md has a section #### `%s`", e.getKey())
                  .containsKey(e.getKey());
              assertThat(documented.get(e.getKey()))
                  .as("fields of %s in docs/api.md vs /q/openapi", e.getKey())
                  .containsExactlyElementsOf(names(properties));
              checked.add(e.getKey());
            });
    assertThat(checked).contains(statusSchema(), "ErrorBody");
  }

  @Test
  void theLiveStatusHasExactlyTheFieldsOfTheDocument() throws IOException {
    JsonNode schemas = openApi().at("/components/schemas");
    List<String> seen = new ArrayList<>();
    compare(JSON.readTree(liveStatusJson()), statusSchema(), schemas, "$", seen);
    assertThat(seen).as("objects compared").contains(statusSchema()).hasSizeGreaterThan(1);
  }

  private static void compare(
      JsonNode value, String schemaName, JsonNode schemas, String where, List<String> seen) {
    JsonNode properties = schemas.at("/" + schemaName + "/properties");
    assertThat(names(value))
        .as("fields at %s (%s)", where, schemaName)
        .isEqualTo(names(properties));
    if (!seen.contains(schemaName)) {
      seen.add(schemaName);
    }
    properties
        .fields()
        .forEachRemaining(
            p -> {
              JsonNode v = value.get(p.getKey());
              String ref = ref(p.getValue());
              String itemRef = ref(p.getValue().path("items"));
              if (v.isObject() && ref != null) {
                compare(v, ref, schemas, where + "." + p.getKey(), seen);
              } else if (v.isArray() && itemRef != null) {
                for (int i = 0; i < v.size(); i++) {
                  compare(
                      v.get(i), itemRef, schemas, where + "." + p.getKey() + "[" + i + "]", seen);
                }
              }
            });
  }

  /** The paths of docs/api.md. */
  private static final Set<String> API_PATHS =
      Set.of("/api/v1/status", "/api/v1/check", "/api/v1/ha/package", "/api/v1/peer/probe");

  /** Every schema name a node refers to, directly or through other schemas. */
  private static void refs(JsonNode node, JsonNode schemas, Set<String> out) {
    if (node.isObject() && node.has("$ref")) {
      String name = last(node.get("$ref").asText());
      if (out.add(name)) {
        refs(schemas.path(name), schemas, out);
      }
    }
    node.elements().forEachRemaining(child -> refs(child, schemas, out));
  }

  private static String ref(JsonNode property) {
    if (property.has("$ref")) {
      return last(property.get("$ref").asText());
    }
    for (JsonNode option : property.path("anyOf")) {
      if (option.has("$ref")) {
        return last(option.get("$ref").asText());
      }
    }
    return null;
  }

  private static String last(String ref) {
    return ref.substring(ref.lastIndexOf('/') + 1);
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Each {@code #### `Name`} section of docs/api.md with the field names of its table. */
  static Map<String, List<String>> documentedObjects() throws IOException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    String current = null;
    for (String line : Files.readAllLines(docsApiMd())) {
      Matcher section = SECTION.matcher(line);
      if (section.matches()) {
        current = section.group(1);
        out.put(current, new ArrayList<>());
        continue;
      }
      if (line.startsWith("#")) {
        current = null;
        continue;
      }
      if (current != null && !line.startsWith("|") && !out.get(current).isEmpty()) {
        current = null; // the section's table ended
        continue;
      }
      Matcher row = FIELD_ROW.matcher(line);
      if (current != null && row.find()) {
        out.get(current).add(row.group(1));
      }
    }
    return out;
  }

  /** docs/api.md of this checkout (tests run in a module directory). */
  static Path docsApiMd() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("docs/api.md");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError("docs/api.md not found above " + Path.of("").toAbsolutePath());
  }
}
