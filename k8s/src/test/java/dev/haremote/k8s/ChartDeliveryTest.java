package dev.haremote.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What reaches the user beside the workloads: NOTES, helm test pod, dashboards, rules, monitors.
 */
class ChartDeliveryTest {
  @TempDir Path tmp;

  private static final Path FULL = ProjectPaths.chart().resolve("ci/full-values.yaml");

  static Stream<Path> scenarios() throws IOException {
    return ChartScenarioTest.scenarios();
  }

  @Test
  void notesPrintTheHomeAssistantPackageUrlOfEveryEnabledService() {
    String notes = install(null);
    assertThat(notes)
        .contains("http://har-ha-remote-access-reachability.home.svc:8081/api/v1/ha/package")
        .contains("http://har-ha-remote-access-certwatch.home.svc:8082/api/v1/ha/package")
        .contains("http://har-ha-remote-access-ddns.home.svc:8083/api/v1/ha/package")
        .contains("No API token is configured");

    String full = install(FULL);
    assertThat(full)
        .contains("https://reachability.home.example/api/v1/ha/package")
        .contains("http://certwatch.home.example/api/v1/ha/package")
        .contains("Authorization: !secret remote_access_auth")
        .doesNotContain("No API token is configured")
        .doesNotContain("ci-token-must-not-leak");

    String ddnsOnly =
        install(ProjectPaths.chart().resolve("ci/ddns-only-existing-secrets-values.yaml"));
    assertThat(ddnsOnly)
        .contains("https://ddns.example.net/api/v1/ha/package")
        .doesNotContain("reachability-service")
        .doesNotContain("cert-watch-service");
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void theHelmTestPodChecksReadinessOfEveryEnabledServiceUnderRestrictedPodSecurity(Path scenario)
      throws IOException {
    List<JsonNode> hooks =
        ChartRenderer.renderHooks(scenario, Files.createTempDirectory(tmp, "chart"));
    assertThat(hooks).hasSize(1);
    Pod pod = (Pod) StrictKubernetesModel.parse(hooks.get(0));
    assertThat(RestrictedPodSecurity.violations("test pod", pod.getSpec())).isEmpty();
    assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");

    List<String> expected =
        ChartScenarioTest.render(scenario)
            .all(io.fabric8.kubernetes.api.model.Service.class)
            .stream()
            .map(
                s ->
                    "http://"
                        + s.getMetadata().getName()
                        + ":"
                        + s.getSpec().getPorts().get(0).getPort()
                        + "/q/health/ready")
            .toList();
    List<String> args = pod.getSpec().getContainers().get(0).getCommand();
    assertThat(args.subList(4, args.size())).containsExactlyInAnyOrderElementsOf(expected);

    String source =
        Files.readString(ProjectPaths.chart().resolve("templates/tests/test-health.yaml"));
    assertThat(source).contains("helm.sh/hook: test");
  }

  @Test
  void dashboardConfigMapsShipExactlyTheJsonInGrafanaDashboards() throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(ProjectPaths.dashboards())) {
      for (Path file : list.filter(p -> p.toString().endsWith(".json")).toList()) {
        files.put(file.getFileName().toString(), Files.readString(file));
      }
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(4);

    Map<String, String> shipped = new TreeMap<>();
    for (ConfigMap map : ChartScenarioTest.render(FULL).all(ConfigMap.class)) {
      if ("yes".equals(map.getMetadata().getLabels().get("my_dashboards"))) {
        assertThat(map.getMetadata().getAnnotations())
            .containsEntry("grafana_folder", "Home Assistant");
        shipped.putAll(map.getData());
      }
    }
    assertThat(shipped).isEqualTo(files);

    Map<String, String> defaultLabel = new TreeMap<>();
    for (ConfigMap map :
        ChartScenarioTest.render(ProjectPaths.chart().resolve("ci/default-values.yaml"))
            .all(ConfigMap.class)) {
      if ("1".equals(map.getMetadata().getLabels().get("grafana_dashboard"))) {
        defaultLabel.putAll(map.getData());
      }
    }
    assertThat(defaultLabel).isEqualTo(files);
  }

  @Test
  void prometheusRuleCarriesTheReleaseLabelAndTheRulesFromGrafanaAlerts() throws IOException {
    var rendered = ChartScenarioTest.render(FULL);
    List<PrometheusRule> rules = rendered.all(PrometheusRule.class);
    assertThat(rules).hasSize(1);
    assertThat(rules.get(0).getMetadata().getLabels())
        .containsEntry("release", "kube-prometheus-stack");
    JsonNode file =
        ChartRenderer.parseYaml(
            Files.readString(ProjectPaths.alerts().resolve("ha-remote-access.rules.yaml")));
    JsonNode shipped = StrictKubernetesModel.convert(rules.get(0).getSpec(), JsonNode.class);
    assertThat(shipped.get("groups")).isEqualTo(file.get("groups"));
    assertThat(file.get("groups").size()).isPositive();

    List<ServiceMonitor> monitors = rendered.all(ServiceMonitor.class);
    assertThat(monitors).hasSize(3);
    for (ServiceMonitor monitor : monitors) {
      assertThat(monitor.getMetadata().getLabels())
          .containsEntry("release", "kube-prometheus-stack");
      assertThat(monitor.getSpec().getEndpoints().get(0).getPath()).isEqualTo("/q/metrics");
    }
  }

  @Test
  void optionalFeaturesAreOffByDefault() {
    var rendered = ChartScenarioTest.render(ProjectPaths.chart().resolve("ci/default-values.yaml"));
    assertThat(rendered.objects())
        .extracting(o -> o.getKind())
        .doesNotContain(
            "ServiceMonitor",
            "PrometheusRule",
            "NetworkPolicy",
            "Ingress",
            "PersistentVolumeClaim",
            "Secret");
  }

  @Test
  void fullScenarioUsesTraefikAndTheDefaultStorageClass() {
    var rendered = ChartScenarioTest.render(FULL);
    var ingresses = rendered.all(io.fabric8.kubernetes.api.model.networking.v1.Ingress.class);
    assertThat(ingresses).hasSize(2);
    assertThat(ingresses)
        .allSatisfy(i -> assertThat(i.getSpec().getIngressClassName()).isEqualTo("traefik"));
    var claims = rendered.all(io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class);
    assertThat(claims).hasSize(1);
    assertThat(claims.get(0).getSpec().getStorageClassName()).as("default StorageClass").isNull();
    assertThat(rendered.all(io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class))
        .hasSize(3);
  }

  @Test
  void theK3sHelmChartExampleInstallsThisChartWithValuesThatRender() throws IOException {
    JsonNode example =
        ChartRenderer.parseYaml(
            Files.readString(
                ProjectPaths.repoRoot().resolve("k8s/examples/ha-remote-access-helmchart.yaml")));
    assertThat(example.path("apiVersion").asText()).isEqualTo("helm.cattle.io/v1");
    assertThat(example.path("kind").asText()).isEqualTo("HelmChart");
    JsonNode chart =
        ChartRenderer.parseYaml(Files.readString(ProjectPaths.chart().resolve("Chart.yaml")));
    assertThat(example.at("/spec/chart").asText())
        .endsWith(
            "/" + chart.path("name").asText() + "-" + chart.path("version").asText() + ".tgz");

    Path values = tmp.resolve("example-values.yaml");
    Files.writeString(values, example.at("/spec/valuesContent").asText());
    var rendered = ChartScenarioTest.render(values);
    List<String> violations = new java.util.ArrayList<>();
    for (var deployment : rendered.all(io.fabric8.kubernetes.api.model.apps.Deployment.class)) {
      violations.addAll(
          RestrictedPodSecurity.violationsBesidesHostNetwork(
              deployment.getMetadata().getName(), deployment.getSpec().getTemplate().getSpec()));
    }
    assertThat(violations).isEmpty();
    assertThat(rendered.all(io.fabric8.kubernetes.api.model.apps.Deployment.class)).hasSize(3);
    assertThat(rendered.all(ServiceMonitor.class)).hasSize(3);
  }

  private static String install(Path values) {
    var command =
        new Helm(ProjectPaths.chart())
            .install()
            .withName(ChartRenderer.RELEASE)
            .withNamespace(ChartRenderer.NAMESPACE)
            .clientOnly()
            .withKubeVersion("1.31.0")
            .dryRun();
    if (values != null) {
      command = command.withValuesFile(values);
    }
    return command.call().getOutput();
  }
}
