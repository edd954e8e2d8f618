package dev.haremote.common.ha;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Represent;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Renders a Home Assistant package ({@code rest:} list) as YAML that works when dropped into {@code
 * packages/} unchanged: {@code !secret} tags are emitted as tags, not strings; an empty list
 * renders {@code rest: []}.
 */
public final class HaPackageRenderer {
  /** The tag Home Assistant's YAML loader resolves from secrets.yaml. */
  public static final Tag SECRET_TAG = new Tag("!secret");

  /** The secrets.yaml entry the README tells users to add: {@code "Bearer <token>"}. */
  public static final String AUTH_SECRET_NAME = "remote_access_auth";

  private static final Pattern SECRET_QUOTED = Pattern.compile("!secret '([A-Za-z0-9_]+)'");

  private HaPackageRenderer() {}

  /**
   * What a service passes as {@link HaRestResource#bearerSecretName()}: the secret's name when the
   * service protects reads ({@code suite.protect-reads}), else null (no header).
   */
  public static String bearerSecretName(boolean protectReads) {
    return protectReads ? AUTH_SECRET_NAME : null;
  }

  public static String render(String headerComment, List<HaRestResource> resources) {
    return render("<name>", headerComment, resources);
  }

  /**
   * @param packageName the file name under {@code packages/} (without {@code .yaml}) the header
   *     tells users to save it as, one per service everywhere: {@link HaNames#packageName}
   */
  public static String render(
      String packageName, String headerComment, List<HaRestResource> resources) {
    StringBuilder out = new StringBuilder();
    comment(out, headerComment);
    comment(
        out,
        "Save this file as packages/"
            + packageName
            + ".yaml in your Home Assistant configuration directory and"
            + " make sure configuration.yaml has:\n"
            + "  homeassistant:\n"
            + "    packages: !include_dir_named packages\n"
            + "then restart Home Assistant (or reload the RESTful integration).");
    List<String> secretNames =
        resources.stream()
            .map(HaRestResource::bearerSecretName)
            .filter(name -> name != null)
            .distinct()
            .toList();
    for (String name : secretNames) {
      comment(
          out, "secrets.yaml needs the service's API token:\n  " + name + ": \"Bearer <token>\"");
    }
    if (resources.isEmpty()) {
      return out.append("rest: []\n").toString();
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("rest", resources.stream().map(HaPackageRenderer::resource).toList());
    // SnakeYAML quotes every explicitly tagged scalar; HA's own files write the name plain.
    String body = SECRET_QUOTED.matcher(yaml().dump(root)).replaceAll("!secret $1");
    return out.append(body).toString();
  }

  private static Map<String, Object> resource(HaRestResource resource) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("resource", resource.resource());
    map.put("method", "GET");
    map.put("scan_interval", resource.scanIntervalSeconds());
    map.put("timeout", 10);
    if (resource.bearerSecretName() != null) {
      map.put("headers", Map.of("Authorization", new SecretReference(resource.bearerSecretName())));
    }
    List<Map<String, Object>> sensors = new ArrayList<>();
    List<Map<String, Object>> binarySensors = new ArrayList<>();
    for (HaEntity entity : resource.entities()) {
      ("binary_sensor".equals(entity.kind()) ? binarySensors : sensors).add(entity(entity));
    }
    if (!sensors.isEmpty()) {
      map.put("sensor", sensors);
    }
    if (!binarySensors.isEmpty()) {
      map.put("binary_sensor", binarySensors);
    }
    return map;
  }

  private static Map<String, Object> entity(HaEntity entity) {
    Map<String, Object> map = new LinkedHashMap<>();
    putIfSet(map, "name", entity.name());
    putIfSet(map, "unique_id", entity.uniqueId());
    putIfSet(map, "value_template", entity.valueTemplate());
    putIfSet(map, "device_class", entity.deviceClass());
    putIfSet(map, "unit_of_measurement", entity.unitOfMeasurement());
    putIfSet(map, "state_class", entity.stateClass());
    putIfSet(map, "availability", entity.availability());
    return map;
  }

  private static void putIfSet(Map<String, Object> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static void comment(StringBuilder out, String text) {
    if (text == null || text.isBlank()) {
      return;
    }
    for (String line : text.strip().split("\n", -1)) {
      out.append(line.isEmpty() ? "#" : "# " + line).append('\n');
    }
  }

  private static Yaml yaml() {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    options.setWidth(4096); // templates stay on one line: easier to read and to diff
    options.setSplitLines(false);
    return new Yaml(new PackageRepresenter(options), options);
  }

  /** A value written as {@code !secret NAME}. */
  private record SecretReference(String name) {}

  private static final class PackageRepresenter extends Representer {
    PackageRepresenter(DumperOptions options) {
      super(options);
      Represent secret = data -> representScalar(SECRET_TAG, ((SecretReference) data).name());
      this.representers.put(SecretReference.class, secret);
    }
  }
}
