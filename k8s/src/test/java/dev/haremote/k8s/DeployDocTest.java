package dev.haremote.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/deploy.md as a reader follows it: the {@code my-values.yaml} it shows renders, and wires the
 * token Secret the page creates ({@code ha-remote-access-token}) into every service.
 */
class DeployDocTest {
  private static final Pattern MY_VALUES =
      Pattern.compile("```yaml\\n# my-values.yaml\\n(.*?)```", Pattern.DOTALL);

  @TempDir Path dir;

  @Test
  void theShownValuesFileWiresTheTokenSecretTheDocCreates() throws Exception {
    String doc = Files.readString(ProjectPaths.repoRoot().resolve("docs/deploy.md"));
    assertThat(doc).contains("create secret generic ha-remote-access-token");
    assertThat(doc).contains("-f my-values.yaml");
    Matcher block = MY_VALUES.matcher(doc);
    assertThat(block.find()).as("docs/deploy.md shows my-values.yaml").isTrue();
    Path values = Files.writeString(dir.resolve("my-values.yaml"), block.group(1));

    List<JsonNode> documents = ChartRenderer.render(values);

    List<String> deployments = new ArrayList<>();
    for (JsonNode d : documents) {
      if (!d.path("kind").asText().equals("Deployment")) {
        continue;
      }
      deployments.add(d.at("/metadata/name").asText());
      List<String> secrets = new ArrayList<>();
      d.at("/spec/template/spec/volumes")
          .forEach(v -> secrets.add(v.at("/secret/secretName").asText()));
      assertThat(secrets).as(d.at("/metadata/name").asText()).contains("ha-remote-access-token");
    }
    assertThat(deployments).hasSize(3);
    long configMapsWithTokenFile =
        documents.stream()
            .filter(d -> d.path("kind").asText().equals("ConfigMap"))
            .filter(d -> d.at("/data").toString().contains("api-token-file"))
            .count();
    assertThat(configMapsWithTokenFile).isEqualTo(3);
  }
}
