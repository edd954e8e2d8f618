package dev.haremote.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfiles match what the chart expects: a multi-arch JVM base, UID 1000, the service port,
 * JAVA_OPTS honoured and defaulting to the measured flags (benchmarks/jvm-flags.txt). The images
 * themselves are built and started by scripts/images.sh (ImagesScriptTest).
 */
class DockerfilesTest {
  private static final Map<String, String> COMPONENT_OF_SERVICE =
      Map.of(
          "reachability-service",
          "reachability",
          "cert-watch-service",
          "certwatch",
          "ddns-service",
          "ddns",
          "one-process",
          "oneProcess");

  @Test
  void eachServiceImageRunsAsUid1000OnAMultiArchJre() throws IOException {
    JsonNode values =
        ChartRenderer.parseYaml(Files.readString(ProjectPaths.chart().resolve("values.yaml")));
    for (var entry : COMPONENT_OF_SERVICE.entrySet()) {
      var file =
          ProjectPaths.repoRoot().resolve(entry.getKey()).resolve("src/main/docker/Dockerfile.jvm");
      List<String> lines =
          Files.readAllLines(file).stream()
              .map(String::strip)
              .filter(l -> !l.isEmpty() && !l.startsWith("#"))
              .toList();
      List<String> froms = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
      // The base is a build argument (scripts/images.sh --base debian); the published default
      // stays Eclipse Temurin's multi-arch JRE.
      assertThat(froms).as(file.toString()).containsExactly("FROM ${BASE_IMAGE}");
      assertThat(lines.get(0)).isEqualTo("ARG BASE_IMAGE=eclipse-temurin:17-jre");
      // Nothing of root's left in /tmp by the training run (UID 1000 writes there).
      assertThat(lines)
          .filteredOn(l -> l.startsWith("RUN java "))
          .singleElement()
          .asString()
          .contains("rm -rf ")
          .contains("/tmp/vertx-cache");
      List<String> users = lines.stream().filter(l -> l.startsWith("USER ")).toList();
      assertThat(users).as(file.toString()).containsExactly("USER 1000:1000");
      assertThat(lines.indexOf("USER 1000:1000"))
          .isGreaterThan(lines.indexOf(froms.get(froms.size() - 1)));
      int port = values.path(entry.getValue()).path("port").asInt();
      assertThat(lines).contains("EXPOSE " + port);
      // Without the chart (docker run), the image runs with the measured flags too.
      assertThat(lines)
          .as(file + ": default JAVA_OPTS")
          .anySatisfy(
              l -> assertThat(l).contains("JAVA_OPTS=\"" + ProjectPaths.measuredJvmFlags()));
      assertThat(lines.get(lines.size() - 1))
          .startsWith("ENTRYPOINT")
          .contains("$JAVA_OPTS")
          .contains("quarkus-run.jar");
      assertThat(values.path(entry.getValue()).path("image").path("repository").asText())
          .endsWith("/" + entry.getKey());
    }
  }
}
