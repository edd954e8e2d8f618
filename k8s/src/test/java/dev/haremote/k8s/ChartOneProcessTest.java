package dev.haremote.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assembly: one-process}: the chart runs the three services in one Deployment of the
 * one-process image (issue #20) instead of three. One ConfigMap with the three sections side by
 * side, one Service, one ServiceMonitor (one scrape target for the dashboards), probes on the one
 * {@code /q/health}, on the node's network, with every service's secret files, extra volumes and
 * the ddns state volume (the same claim as three processes, so switching keeps the state). The
 * default stays three processes.
 */
class ChartOneProcessTest {
  private static final Map<String, Object> ONE_PROCESS = Map.of("assembly", "one-process");

  @TempDir Path tmp;

  private static List<HasMetadata> render(Path values, Map<String, Object> sets) {
    List<HasMetadata> objects = new ArrayList<>();
    for (JsonNode doc : ChartRenderer.documents(ChartRenderer.template(values, sets))) {
      objects.add(StrictKubernetesModel.parse(doc));
    }
    return objects;
  }

  private static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static List<String> namesOf(List<HasMetadata> objects, String kind) {
    return objects.stream()
        .filter(o -> o.getKind().equals(kind))
        .map(o -> o.getMetadata().getName())
        .toList();
  }

  private static String applicationYaml(List<HasMetadata> objects) {
    return all(objects, io.fabric8.kubernetes.api.model.ConfigMap.class).stream()
        .filter(c -> c.getMetadata().getName().equals("har-ha-remote-access-one-process"))
        .findFirst()
        .orElseThrow()
        .getData()
        .get("application.yaml");
  }

  @Test
  void theDefaultStaysThreeProcesses() {
    List<HasMetadata> objects = render(null, Map.of());
    assertThat(namesOf(objects, "Deployment"))
        .containsExactly(
            "har-ha-remote-access-reachability",
            "har-ha-remote-access-certwatch",
            "har-ha-remote-access-ddns");
  }

  @Test
  void oneProcessIsOneDeploymentOneServiceAndOneConfigMapWithTheThreeSections() {
    List<HasMetadata> objects = render(null, ONE_PROCESS);
    String name = "har-ha-remote-access-one-process";
    assertThat(namesOf(objects, "Deployment")).containsExactly(name);
    assertThat(namesOf(objects, "Service")).containsExactly(name);
    assertThat(namesOf(objects, "ConfigMap")).contains(name).doesNotContain(name + "-ddns");

    Deployment deployment = all(objects, Deployment.class).get(0);
    assertThat(deployment.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/component", "one-process");
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getHostNetwork()).isTrue();
    assertThat(pod.getDnsPolicy()).isEqualTo("ClusterFirstWithHostNet");
    Container container = pod.getContainers().get(0);
    assertThat(container.getName()).isEqualTo("one-process");
    assertThat(container.getImage()).isEqualTo("ha-remote-access/one-process:" + appVersion());
    assertThat(container.getPorts().get(0).getContainerPort()).isEqualTo(8080);
    assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
    assertThat(ChartScenarioTest.env(container, "JAVA_OPTS"))
        .contains(ProjectPaths.measuredJvmFlags());
    assertThat(container.getResources().getLimits().get("memory").toString()).isEqualTo("320Mi");
    // ddns-service runs in it: its state directory is a volume, not the read-only root.
    assertThat(mount(container, "state").getMountPath()).isEqualTo("/var/lib/ddns");
    assertThat(volume(pod, "state").getEmptyDir()).isNotNull();
    assertThat(RestrictedPodSecurity.violations("one-process", pod))
        .containsExactly("one-process: hostNetwork");

    io.fabric8.kubernetes.api.model.Service service =
        all(objects, io.fabric8.kubernetes.api.model.Service.class).get(0);
    assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(8080);
    assertThat(service.getSpec().getSelector())
        .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());

    JsonNode app = ChartRenderer.parseYaml(applicationYaml(objects));
    assertThat(app.at("/quarkus/http/port").asInt()).isEqualTo(8080);
    assertThat(app.at("/suite/public-url").asText())
        .isEqualTo("http://har-ha-remote-access-one-process.home.svc:8080");
    assertThat(app.at("/reachability/ddns-url").asText())
        .isEqualTo("http://127.0.0.1:8080/ddns-service");
    assertThat(app.at("/ddns/state-dir").asText()).isEqualTo("/var/lib/ddns");
    assertThat(app.has("certwatch")).isTrue();
  }

  @Test
  void everyServicesSecretFilesExtrasAndTheSameStateClaimReachTheOneProcess() {
    Map<String, Object> sets = new HashMap<>(ONE_PROCESS);
    sets.put("reachability.secrets.existingSecret", "reach-files");
    sets.put("ddns.secrets.existingSecret", "ddns-files");
    sets.put("ddns.persistence.enabled", "true");
    sets.put("suite.apiToken.existingSecret", "ha-remote-access-token");
    sets.put("certwatch.extraVolumes[0].name", "ha-ssl");
    sets.put("certwatch.extraVolumes[0].secret.secretName", "ha-ssl");
    sets.put("certwatch.extraVolumeMounts[0].name", "ha-ssl");
    sets.put("certwatch.extraVolumeMounts[0].mountPath", "/ssl");
    List<HasMetadata> one = render(null, sets);
    PodSpec pod = all(one, Deployment.class).get(0).getSpec().getTemplate().getSpec();
    Container container = pod.getContainers().get(0);
    assertThat(volume(pod, "secret-files-reachability").getSecret().getSecretName())
        .isEqualTo("reach-files");
    assertThat(mount(container, "secret-files-reachability").getMountPath())
        .isEqualTo("/run/secrets/reachability");
    assertThat(volume(pod, "secret-files-ddns").getSecret().getSecretName())
        .isEqualTo("ddns-files");
    assertThat(mount(container, "secret-files-ddns").getMountPath()).isEqualTo("/run/secrets/ddns");
    assertThat(volume(pod, "api-token").getSecret().getSecretName())
        .isEqualTo("ha-remote-access-token");
    assertThat(mount(container, "ha-ssl").getMountPath()).isEqualTo("/ssl");
    assertThat(volume(pod, "state").getPersistentVolumeClaim().getClaimName())
        .isEqualTo("har-ha-remote-access-ddns-state");
    assertThat(namesOf(one, "PersistentVolumeClaim"))
        .containsExactly("har-ha-remote-access-ddns-state");
    assertThat(applicationYaml(one))
        .contains("api-token-file: /run/secrets/ha-remote-access/api-token");

    // Three processes name the same claim: switching the assembly keeps the ddns state.
    Map<String, Object> threeSets = new HashMap<>(sets);
    threeSets.remove("assembly");
    Deployment ddns =
        all(render(null, threeSets), Deployment.class).stream()
            .filter(d -> d.getMetadata().getName().endsWith("-ddns"))
            .findFirst()
            .orElseThrow();
    assertThat(
            volume(ddns.getSpec().getTemplate().getSpec(), "state")
                .getPersistentVolumeClaim()
                .getClaimName())
        .isEqualTo("har-ha-remote-access-ddns-state");
  }

  @Test
  void aDisabledServiceLeavesItsSectionOutButDdnsKeepsItsStateDirectory() {
    Map<String, Object> sets = new HashMap<>(ONE_PROCESS);
    sets.put("reachability.config.interval", "60s");
    sets.put("ddns.enabled", "false");
    sets.put("certwatch.enabled", "false");
    JsonNode app = ChartRenderer.parseYaml(applicationYaml(render(null, sets)));
    assertThat(app.has("certwatch")).isFalse();
    assertThat(app.at("/reachability/interval").asText()).isEqualTo("60s");
    // No ddns to read: reachability gets no ddns-url.
    assertThat(app.at("/reachability/ddns-url").isMissingNode()).isTrue();
    assertThat(app.at("/ddns/state-dir").asText()).isEqualTo("/var/lib/ddns");
    assertThat(app.at("/ddns").size()).isEqualTo(1);

    // All three off: the one process still runs (nothing configured), on its state volume.
    sets.put("reachability.enabled", "false");
    List<HasMetadata> none = render(null, sets);
    JsonNode empty = ChartRenderer.parseYaml(applicationYaml(none));
    List<String> sections = new ArrayList<>();
    empty.fieldNames().forEachRemaining(sections::add);
    assertThat(sections).containsExactly("ddns", "quarkus", "suite");
    PodSpec pod = all(none, Deployment.class).get(0).getSpec().getTemplate().getSpec();
    assertThat(volume(pod, "state").getEmptyDir()).isNotNull();
  }

  @Test
  void oneScrapeTargetOneIngressOneNetworkPolicyAndOneHealthUrlForHelmTest() throws Exception {
    Map<String, Object> sets = new HashMap<>(ONE_PROCESS);
    sets.put("serviceMonitor.enabled", "true");
    sets.put("networkPolicy.enabled", "true");
    sets.put("oneProcess.ingress.enabled", "true");
    sets.put("reachability.ingress.enabled", "true");
    List<HasMetadata> objects = render(null, sets);
    List<ServiceMonitor> monitors = all(objects, ServiceMonitor.class);
    assertThat(monitors).hasSize(1);
    assertThat(monitors.get(0).getSpec().getEndpoints().get(0).getPath()).isEqualTo("/q/metrics");
    assertThat(monitors.get(0).getSpec().getSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/component", "one-process");
    assertThat(namesOf(objects, "NetworkPolicy"))
        .containsExactly("har-ha-remote-access-one-process");
    // The services' own Ingress is a three-processes setting: one Ingress, the one process's host.
    var ingresses = all(objects, io.fabric8.kubernetes.api.model.networking.v1.Ingress.class);
    assertThat(ingresses).hasSize(1);
    assertThat(ingresses.get(0).getSpec().getRules().get(0).getHost())
        .isEqualTo("ha-remote-access.home.example");
    assertThat(ChartRenderer.parseYaml(applicationYaml(objects)).at("/suite/public-url").asText())
        .isEqualTo("http://ha-remote-access.home.example");

    Path values = Files.writeString(tmp.resolve("one.yaml"), "assembly: one-process\n");
    List<JsonNode> hooks =
        ChartRenderer.renderHooks(values, Files.createTempDirectory(tmp, "chart"));
    List<String> command = new ArrayList<>();
    hooks.get(0).at("/spec/containers/0/command").forEach(c -> command.add(c.asText()));
    assertThat(command.subList(4, command.size()))
        .containsExactly("http://har-ha-remote-access-one-process:8080/q/health/ready");
  }

  @Test
  void notesPrintEachServicesPackageUnderItsMount() {
    String notes =
        new com.marcnuri.helm.Helm(ProjectPaths.chart())
            .install()
            .withName(ChartRenderer.RELEASE)
            .withNamespace(ChartRenderer.NAMESPACE)
            .clientOnly()
            .withKubeVersion("1.31.0")
            .dryRun()
            .set("assembly", "one-process")
            .call()
            .getOutput();
    String base = "http://har-ha-remote-access-one-process.home.svc:8080";
    assertThat(notes)
        .contains(base + "/reachability-service/api/v1/ha/package")
        .contains(base + "/cert-watch-service/api/v1/ha/package")
        .contains(base + "/ddns-service/api/v1/ha/package")
        .contains("oneProcess.ingress");
  }

  @Test
  void aPlainSecretInAServicesConfigStillStopsTheRenderNamingTheService() {
    Map<String, Object> sets = new HashMap<>(ONE_PROCESS);
    sets.put("certwatch.config.ari.token", "plain");
    assertThatThrownBy(() -> ChartRenderer.template(null, sets))
        .hasMessageContaining("certwatch.config holds a plain secret (token:)");
  }

  private static String appVersion() {
    try {
      return ChartRenderer.parseYaml(Files.readString(ProjectPaths.chart().resolve("Chart.yaml")))
          .path("appVersion")
          .asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Volume volume(PodSpec pod, String name) {
    return pod.getVolumes().stream()
        .filter(v -> v.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no volume " + name + " in " + pod.getVolumes()));
  }

  private static VolumeMount mount(Container container, String name) {
    return container.getVolumeMounts().stream()
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no mount " + name));
  }
}
