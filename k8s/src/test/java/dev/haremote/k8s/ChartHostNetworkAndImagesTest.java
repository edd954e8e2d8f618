package dev.haremote.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chart's home-network and image options: reachability and ddns run on the node's network by
 * default (IPv6 route, LAN view, SSDP multicast) with the DNS policy that keeps cluster names
 * working; with the option off every pod meets the restricted Pod Security level; the image names
 * take a registry and a digest; Chart.yaml carries the metadata users expect.
 */
class ChartHostNetworkAndImagesTest {
  private static final String DEFAULT_IMAGE_PREFIX = "ha-remote-access/";

  private static Map<String, Deployment> deployments(Map<String, Object> sets) {
    Map<String, Deployment> out = new LinkedHashMap<>();
    for (JsonNode doc : ChartRenderer.documents(ChartRenderer.template(null, sets))) {
      if (doc.path("kind").asText().equals("Deployment")) {
        Deployment d = (Deployment) StrictKubernetesModel.parse(doc);
        out.put(d.getMetadata().getLabels().get("app.kubernetes.io/component"), d);
      }
    }
    return out;
  }

  @Test
  void reachabilityAndDdnsRunOnTheNodesNetworkByDefault() {
    Map<String, Deployment> byComponent = deployments(Map.of());
    assertThat(byComponent).containsOnlyKeys("reachability", "certwatch", "ddns");
    byComponent.forEach(
        (component, d) -> {
          var pod = d.getSpec().getTemplate().getSpec();
          boolean host = !component.equals("certwatch");
          assertThat(Boolean.TRUE.equals(pod.getHostNetwork())).as(component).isEqualTo(host);
          assertThat(pod.getDnsPolicy())
              .as(component + " dnsPolicy")
              .isEqualTo(host ? "ClusterFirstWithHostNet" : null);
          assertThat(RestrictedPodSecurity.violations(component, pod))
              .as(component)
              .isEqualTo(host ? List.of(component + ": hostNetwork") : List.of());
        });
  }

  @Test
  void withTheOptionOffEveryPodMeetsRestrictedPodSecurity() {
    Map<String, Deployment> byComponent =
        deployments(Map.of("reachability.hostNetwork", "false", "ddns.hostNetwork", "false"));
    byComponent.forEach(
        (component, d) -> {
          var pod = d.getSpec().getTemplate().getSpec();
          assertThat(pod.getHostNetwork()).as(component).isNull();
          assertThat(pod.getDnsPolicy()).as(component).isNull();
          assertThat(RestrictedPodSecurity.violations(component, pod)).as(component).isEmpty();
        });
    assertThat(
            deployments(Map.of("certwatch.hostNetwork", "true"))
                .get("certwatch")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getHostNetwork())
        .isTrue();
  }

  private static String image(Map<String, Deployment> byComponent, String component) {
    return byComponent
        .get(component)
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getImage();
  }

  @Test
  void imagesTakeARegistryAndADigest() {
    Map<String, Deployment> plain = deployments(Map.of());
    assertThat(image(plain, "ddns")).isEqualTo(DEFAULT_IMAGE_PREFIX + "ddns-service:0.1.0");

    String digest = "sha256:" + "ab".repeat(32);
    Map<String, Deployment> overridden =
        deployments(
            Map.of(
                "imageRegistry", "registry.home.lan:5000/",
                "certwatch.image.registry", "ghcr.io/someone",
                "ddns.image.digest", digest));
    assertThat(image(overridden, "reachability"))
        .isEqualTo("registry.home.lan:5000/ha-remote-access/reachability-service:0.1.0");
    assertThat(image(overridden, "certwatch"))
        .isEqualTo("ghcr.io/someone/ha-remote-access/cert-watch-service:0.1.0");
    assertThat(image(overridden, "ddns"))
        .isEqualTo("registry.home.lan:5000/ha-remote-access/ddns-service:0.1.0@" + digest);
  }

  @Test
  void chartYamlNamesTheDocumentedMinimumAndWhereTheProjectLives() throws IOException {
    JsonNode chart =
        ChartRenderer.parseYaml(Files.readString(ProjectPaths.chart().resolve("Chart.yaml")));
    String deployDoc = Files.readString(ProjectPaths.repoRoot().resolve("docs/deploy.md"));
    assertThat(deployDoc).contains("Kubernetes 1.25 or newer");
    assertThat(chart.path("kubeVersion").asText()).isEqualTo(">=1.25.0-0");
    assertThat(chart.path("home").asText()).startsWith("https://");
    assertThat(chart.path("sources").get(0).asText()).isEqualTo(chart.path("home").asText());
    assertThat(chart.path("maintainers").get(0).path("name").asText()).isNotBlank();
    String icon = chart.path("icon").asText();
    assertThat(icon).startsWith("https://").endsWith("/docs/icon.svg");
    assertThat(ProjectPaths.repoRoot().resolve("docs/icon.svg")).isRegularFile();
  }
}
