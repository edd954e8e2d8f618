package dev.haremote.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * deploy/compose.yaml, for Docker users without Kubernetes, runs the images as the chart does: the
 * chart's image names, UID 1000, read-only root, tmpfs /tmp, no capabilities, the chart's memory
 * limit and ports, each service's application.yaml from deploy/config, the ddns state on a volume.
 * {@code docker compose config} validates it where the compose plugin is installed (not on the CI
 * runner, which has podman only: there the structure checks below stand alone).
 */
class ComposeFileTest {
  private static final Map<String, String> SERVICE_OF =
      Map.of(
          "reachability", "reachability-service",
          "certwatch", "cert-watch-service",
          "ddns", "ddns-service");

  private static Path compose() {
    return ProjectPaths.repoRoot().resolve("deploy/compose.yaml");
  }

  /** The file as compose reads it: SnakeYAML applies the merge keys ({@code <<: *service}). */
  private static JsonNode read(Path file) throws IOException {
    Object tree = new org.yaml.snakeyaml.Yaml().load(Files.readString(file));
    return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(tree);
  }

  @Test
  void eachServiceRunsAsTheChartRunsIt() throws IOException {
    JsonNode file = read(compose());
    JsonNode values =
        ChartRenderer.parseYaml(Files.readString(ProjectPaths.chart().resolve("values.yaml")));
    JsonNode chart =
        ChartRenderer.parseYaml(Files.readString(ProjectPaths.chart().resolve("Chart.yaml")));
    assertThat(file.path("services").size()).isEqualTo(3);
    for (var entry : SERVICE_OF.entrySet()) {
      String component = entry.getKey();
      JsonNode service = file.at("/services/" + component);
      JsonNode chartValues = values.path(component);
      assertThat(service.path("image").asText())
          .isEqualTo(
              chartValues.at("/image/repository").asText()
                  + ":"
                  + chart.path("appVersion").asText());
      assertThat(service.path("user").asText()).isEqualTo("1000:1000");
      assertThat(service.path("read_only").asBoolean()).isTrue();
      assertThat(service.path("tmpfs").get(0).asText()).startsWith("/tmp:");
      assertThat(service.path("cap_drop").toString()).isEqualTo("[\"ALL\"]");
      assertThat(service.path("security_opt").toString()).contains("no-new-privileges:true");
      assertThat(service.path("mem_limit").asText())
          .isEqualTo(chartValues.at("/resources/limits/memory").asText().replace("Mi", "m"));
      assertThat(service.at("/environment/QUARKUS_HTTP_PORT").asText())
          .endsWith(":-" + chartValues.path("port").asInt() + "}");
      assertThat(service.at("/environment/QUARKUS_CONFIG_LOCATIONS").asText())
          .isEqualTo("/etc/ha-remote-access/application.yaml");
      List<String> volumes = new ArrayList<>();
      service.path("volumes").forEach(v -> volumes.add(v.asText()));
      String configMount =
          "./config/" + component + ".yaml:/etc/ha-remote-access/application.yaml:ro";
      assertThat(volumes).contains(configMount);
      JsonNode config =
          ChartRenderer.parseYaml(
              Files.readString(compose().resolveSibling("config/" + component + ".yaml")));
      assertThat(config.has(component)).as(component + ".yaml has " + component + ":").isTrue();
      assertThat(config.at("/suite/api-token-file").asText())
          .isEqualTo(service.at("/secrets/0/target").asText());
    }
    assertThat(file.at("/services/ddns").path("volumes").toString())
        .contains("ddns-state:/var/lib/ddns");
    assertThat(file.at("/services/ddns").at("/environment/DDNS_STATE_DIR").asText())
        .isEqualTo("/var/lib/ddns");
    assertThat(file.at("/secrets/api-token/file").asText()).isEqualTo("./secrets/api-token");
  }

  @Test
  void dockerComposeAcceptsIt() throws IOException {
    var docker = DebianTool.find("docker");
    Assumptions.assumeTrue(docker.isPresent(), "docker not installed");
    var version = DebianTool.run(ProjectPaths.repoRoot(), 30, "docker", "compose", "version");
    Assumptions.assumeTrue(version.exitCode() == 0, "docker compose plugin not installed");
    var config =
        DebianTool.run(
            ProjectPaths.repoRoot(), 60, "docker", "compose", "-f", compose().toString(), "config");
    assertThat(config.exitCode()).as(config.output()).isZero();
  }
}
