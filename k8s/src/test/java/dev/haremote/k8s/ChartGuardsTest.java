package dev.haremote.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lint, and the guards that make the chart refuse a bad install (each shown to bite). */
class ChartGuardsTest {
  @TempDir Path tmp;

  @Test
  void strictLintPasses() {
    LintResult result = new Helm(ProjectPaths.chart()).lint().strict().call();
    assertThat(result.getMessages())
        .noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  @Test
  void aPlainSecretInConfigStopsTheRenderNamingTheKey() throws Exception {
    Path values = tmp.resolve("plain-secret.yaml");
    Files.writeString(
        values,
        """
        ddns:
          config:
            records:
              - name: my-home.duckdns.org
                provider: duckdns
                duckdns: { token: abcdef-plain }
        """);
    assertThatThrownBy(() -> ChartRenderer.render(values))
        .hasMessageContaining("ddns.config holds a plain secret")
        .hasMessageContaining("token:")
        .hasMessageNotContaining("abcdef-plain");
  }

  @Test
  void theSchemaRejectsUnknownAndMistypedValues() throws Exception {
    Path typo = tmp.resolve("typo.yaml");
    Files.writeString(typo, "serviceMonitor:\n  enabeld: true\n");
    assertThatThrownBy(() -> ChartRenderer.render(typo)).hasMessageContaining("enabeld");

    Path badPort = tmp.resolve("port.yaml");
    Files.writeString(badPort, "ddns:\n  port: eighty\n");
    assertThatThrownBy(() -> ChartRenderer.render(badPort)).hasMessageContaining("port");
  }

  @Test
  void aServiceSwitchedOffRendersNothingOfIt() {
    var docs =
        ChartRenderer.documents(ChartRenderer.template(null, Map.of("certwatch.enabled", "false")));
    assertThat(docs)
        .noneMatch(
            d ->
                "certwatch".equals(d.at("/metadata/labels/app.kubernetes.io~1component").asText()));
    assertThat(docs)
        .anyMatch(
            d -> "ddns".equals(d.at("/metadata/labels/app.kubernetes.io~1component").asText()));
    assertThat(docs.stream().filter(d -> d.path("kind").asText().equals("Deployment"))).hasSize(2);
  }

  @Test
  void theStrictModelRejectsAFieldKubernetesDoesNotKnow() {
    // certwatch: the one service off the node's network by default (hostNetwork is a weakening).
    JsonNode deployment =
        ChartRenderer.render(null).stream()
            .filter(d -> d.path("kind").asText().equals("Deployment"))
            .filter(
                d ->
                    d.at("/metadata/labels/app.kubernetes.io~1component")
                        .asText()
                        .equals("certwatch"))
            .findFirst()
            .orElseThrow();
    assertThat(StrictKubernetesModel.parse(deployment)).isInstanceOf(Deployment.class);

    ObjectNode typo = deployment.deepCopy();
    ((ObjectNode) typo.at("/spec/template/spec"))
        .set("securityContex", typo.at("/spec/template/spec/securityContext"));
    assertThatThrownBy(() -> StrictKubernetesModel.parse(typo))
        .hasMessageContaining("securityContex");

    ObjectNode deepTypo = deployment.deepCopy();
    ((ObjectNode) deepTypo.at("/spec/template/spec/containers/0/readinessProbe/httpGet"))
        .put("paht", "/x");
    assertThatThrownBy(() -> StrictKubernetesModel.parse(deepTypo)).hasMessageContaining("paht");
  }

  @Test
  void thePodSecurityCheckCatchesEachWeakening() {
    // certwatch: the one service off the node's network by default (hostNetwork is a weakening).
    JsonNode deployment =
        ChartRenderer.render(null).stream()
            .filter(d -> d.path("kind").asText().equals("Deployment"))
            .filter(
                d ->
                    d.at("/metadata/labels/app.kubernetes.io~1component")
                        .asText()
                        .equals("certwatch"))
            .findFirst()
            .orElseThrow();
    Map<String, java.util.function.Consumer<ObjectNode>> weakenings =
        Map.of(
            "allowPrivilegeEscalation",
            pod -> container(pod).put("allowPrivilegeEscalation", true),
            "drop ALL",
            pod -> ((ObjectNode) container(pod).get("capabilities")).set("drop", pod.arrayNode()),
            "root filesystem",
            pod -> container(pod).put("readOnlyRootFilesystem", false),
            "runAsNonRoot",
            pod -> {
              container(pod).remove("runAsNonRoot");
              ((ObjectNode) pod.get("securityContext")).remove("runAsNonRoot");
            },
            "seccompProfile",
            pod -> {
              container(pod).remove("seccompProfile");
              ((ObjectNode) pod.get("securityContext")).remove("seccompProfile");
            },
            "hostNetwork",
            pod -> pod.put("hostNetwork", true),
            "hostPath",
            pod ->
                ((ArrayNode) pod.get("volumes"))
                    .addObject()
                    .put("name", "host")
                    .putObject("hostPath")
                    .put("path", "/"),
            "adds capability NET_ADMIN",
            pod ->
                ((ObjectNode) container(pod).get("capabilities")).putArray("add").add("NET_ADMIN"),
            "automountServiceAccountToken",
            pod -> pod.put("automountServiceAccountToken", true));
    assertThat(RestrictedPodSecurity.violations("ok", podSpec(deployment))).isEmpty();
    weakenings.forEach(
        (expected, weaken) -> {
          ObjectNode copy = deployment.deepCopy();
          weaken.accept((ObjectNode) copy.at("/spec/template/spec"));
          List<String> violations = RestrictedPodSecurity.violations("weak", podSpec(copy));
          assertThat(violations).as(expected).anyMatch(v -> v.contains(expected));
        });
  }

  private static ObjectNode container(ObjectNode pod) {
    return (ObjectNode) pod.at("/containers/0/securityContext");
  }

  private static io.fabric8.kubernetes.api.model.PodSpec podSpec(JsonNode deployment) {
    return ((Deployment) StrictKubernetesModel.parse(deployment)).getSpec().getTemplate().getSpec();
  }
}
