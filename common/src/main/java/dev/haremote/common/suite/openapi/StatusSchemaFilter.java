package dev.haremote.common.suite.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.haremote.common.json.SuiteJsonCustomizer;
import dev.haremote.common.suite.rest.ErrorBody;
import dev.haremote.common.suite.rest.HaPackageEndpoints;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Makes the OpenAPI schemas of a service's status say what the JSON really holds, which the
 * annotations alone cannot: every field is always written (the suite's JSON convention: "a value
 * not known is null, never absent"), so every field is required; every field of a reference type
 * may be {@code null}; enums are written as Jackson writes them ({@code ipv4}, not {@code IPV4}).
 * Without this, a client or fuzzer generated from the document rejects valid answers.
 *
 * <p>It also names the status record as the answer of {@code GET status} and {@code POST check},
 * and adds the {@code bearer} security scheme: common's {@link
 * dev.haremote.common.suite.rest.StatusEndpoints} declares them once for every service, so their
 * annotations cannot name the type, and SmallRye reads {@code @SecurityScheme} from concrete
 * resource classes only.
 *
 * <p>Each service names its status record in a subclass registered as {@code mp.openapi.filter}.
 */
public abstract class StatusSchemaFilter implements OASFilter {
  private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE =
      new PropertyNamingStrategies.SnakeCaseStrategy();
  private final List<Class<?>> roots;
  private final Class<?> status;

  /**
   * @param status the service's status record
   * @param more other records the service's API answers
   */
  protected StatusSchemaFilter(Class<?> status, Class<?>... more) {
    this.status = status;
    List<Class<?>> all = new ArrayList<>(List.of(status));
    all.addAll(List.of(more));
    all.add(ErrorBody.class);
    this.roots = List.copyOf(all);
  }

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    filterMounted(openAPI, "");
  }

  /**
   * The same for the service's API under a path prefix ({@code /SERVICE-NAME} in the one-process
   * assembly, whose document holds the three services' paths and schemas).
   */
  public void filterMounted(OpenAPI openAPI, String mount) {
    nameStatusAnswers(openAPI, mount);
    keepPackageMediaType(openAPI, mount);
    addBearerScheme(openAPI);
    if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
      return;
    }
    Map<String, Class<?>> types = new HashMap<>();
    roots.forEach(root -> collect(root, types));
    ObjectMapper mapper = SuiteJsonCustomizer.newMapper();
    openAPI
        .getComponents()
        .getSchemas()
        .forEach(
            (name, schema) -> {
              Class<?> type = types.get(name);
              if (type == null) {
                return;
              }
              if (type.isEnum()) {
                schema.setEnumeration(jsonValues(type, mapper));
              } else if (type.isRecord()) {
                describeRecord(type, schema);
              }
            });
  }

  /** The 200 answers of the service's {@code status} GET and {@code check} POST. */
  private void nameStatusAnswers(OpenAPI openAPI, String mount) {
    if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
      return;
    }
    String ref = "#/components/schemas/" + status.getSimpleName();
    openAPI
        .getPaths()
        .getPathItems()
        .forEach(
            (path, item) -> {
              if (path.equals(mount + "/api/v1/status")) {
                answersWith(item.getGET(), ref);
              } else if (path.equals(mount + "/api/v1/check")) {
                answersWith(item.getPOST(), ref);
              }
            });
  }

  /**
   * The media type of the service's {@code GET ha/package} answer ({@link HaPackageEndpoints}
   * declares both YAML types).
   */
  protected String packageMediaType() {
    return HaPackageEndpoints.APPLICATION_YAML;
  }

  /** The 200 answer of {@code GET ha/package} in the service's media type only. */
  private void keepPackageMediaType(OpenAPI openAPI, String mount) {
    if (openAPI.getPaths() == null) {
      return;
    }
    PathItem item = openAPI.getPaths().getPathItem(mount + "/api/v1/ha/package");
    if (item == null || item.getGET() == null || item.getGET().getResponses() == null) {
      return;
    }
    APIResponse ok = item.getGET().getResponses().getAPIResponse("200");
    if (ok == null || ok.getContent() == null || ok.getContent().getMediaTypes() == null) {
      return;
    }
    for (String type : List.copyOf(ok.getContent().getMediaTypes().keySet())) {
      if (!type.equals(packageMediaType())) {
        ok.getContent().removeMediaType(type);
      }
    }
  }

  /** The scheme {@code POST check} requires (scanned only from concrete resource classes). */
  private static void addBearerScheme(OpenAPI openAPI) {
    if (openAPI.getComponents() == null) {
      openAPI.setComponents(OASFactory.createComponents());
    }
    openAPI
        .getComponents()
        .addSecurityScheme(
            "bearer",
            OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .description("suite.api-token (env SUITE_API_TOKEN or suite.api-token-file)"));
  }

  private static void answersWith(Operation operation, String ref) {
    if (operation == null || operation.getResponses() == null) {
      return;
    }
    APIResponse ok = operation.getResponses().getAPIResponse("200");
    if (ok == null || ok.getContent() == null) {
      return;
    }
    MediaType json = ok.getContent().getMediaType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON);
    if (json != null) {
      json.setSchema(OASFactory.createSchema().ref(ref));
    }
  }

  private static void describeRecord(Class<?> type, Schema schema) {
    if (schema.getProperties() == null) {
      return;
    }
    List<String> required = new ArrayList<>();
    for (RecordComponent c : type.getRecordComponents()) {
      String json = SNAKE.translate(c.getName());
      Schema property = schema.getProperties().get(json);
      if (property == null) {
        continue;
      }
      required.add(json);
      if (!c.getType().isPrimitive()) {
        schema.addProperty(json, nullable(property));
      }
    }
    schema.setRequired(required);
  }

  private static Schema nullable(Schema property) {
    if (property.getRef() != null) {
      return OASFactory.createSchema()
          .addAnyOf(OASFactory.createSchema().ref(property.getRef()))
          .addAnyOf(OASFactory.createSchema().addType(Schema.SchemaType.NULL));
    }
    if (property.getType() != null && !property.getType().contains(Schema.SchemaType.NULL)) {
      property.addType(Schema.SchemaType.NULL);
    }
    return property;
  }

  private static List<Object> jsonValues(Class<?> enumType, ObjectMapper mapper) {
    List<Object> values = new ArrayList<>();
    for (Object constant : enumType.getEnumConstants()) {
      try {
        values.add(mapper.readValue(mapper.writeValueAsString(constant), Object.class));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write " + constant + " as JSON", e);
      }
    }
    return values;
  }

  /** Every record and enum reachable from the root, by simple name (SmallRye's schema names). */
  private static void collect(Type type, Map<String, Class<?>> types) {
    if (type instanceof ParameterizedType p) {
      for (Type arg : p.getActualTypeArguments()) {
        collect(arg, types);
      }
      return;
    }
    if (!(type instanceof Class<?> c) || c.isPrimitive() || c.getName().startsWith("java.")) {
      return;
    }
    if (types.putIfAbsent(c.getSimpleName(), c) != null) {
      return;
    }
    if (c.isRecord()) {
      for (RecordComponent component : c.getRecordComponents()) {
        collect(component.getGenericType(), types);
      }
    }
  }
}
