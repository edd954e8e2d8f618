package dev.haremote.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders the chart with helm-java (Helm's own template engine, offline) and splits the documents.
 */
final class ChartRenderer {
  static final String RELEASE = "har";
  static final String NAMESPACE = "home";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ChartRenderer() {}

  static String template(Path valuesFile, Map<String, Object> sets) {
    var command =
        new Helm(ProjectPaths.chart())
            .template()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withKubeVersion("1.31.0");
    if (valuesFile != null) {
      command = command.withValuesFile(valuesFile);
    }
    for (var set : sets.entrySet()) {
      command = command.set(set.getKey(), set.getValue());
    }
    return command.call();
  }

  static List<JsonNode> render(Path valuesFile) {
    return documents(template(valuesFile, Map.of()));
  }

  static List<JsonNode> documents(String yaml) {
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNext()) {
        JsonNode document = it.next();
        if (document != null && !document.isNull() && !document.isMissingNode()) {
          documents.add(document);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return documents;
  }

  /**
   * Renders the chart's hooks (the {@code helm test} pod). helm-java's template returns the release
   * manifest without hooks, so this renders a copy of the chart whose test templates lost their
   * {@code helm.sh/hook} annotations; everything else is byte for byte the chart.
   */
  static List<JsonNode> renderHooks(Path valuesFile, Path workDir) {
    Path copy = workDir.resolve("ha-remote-access");
    try (var files = Files.walk(ProjectPaths.chart(), FileVisitOption.FOLLOW_LINKS)) {
      for (Path source : files.toList()) {
        Path target = copy.resolve(ProjectPaths.chart().relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          String text = Files.readString(source);
          if (source.startsWith(ProjectPaths.chart().resolve("templates/tests"))) {
            text = text.replaceAll("(?m)^\\s*helm\\.sh/hook.*\\n", "");
          }
          Files.writeString(target, text);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var command =
        new Helm(copy)
            .template()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withKubeVersion("1.31.0");
    if (valuesFile != null) {
      command = command.withValuesFile(valuesFile);
    }
    return documents(command.call()).stream()
        .filter(
            d ->
                d.path("metadata")
                    .path("labels")
                    .path("app.kubernetes.io/component")
                    .asText()
                    .equals("test"))
        .toList();
  }

  static JsonNode parseYaml(String yaml) {
    try {
      return YAML.readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
