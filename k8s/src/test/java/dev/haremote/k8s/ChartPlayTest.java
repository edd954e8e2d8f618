package dev.haremote.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart played for real: {@code helm template} (defaults, and the k3s example's values), then
 * {@code podman kube play} of the rendered ConfigMaps, Secrets, claims and Deployments with the
 * images scripts/images.sh built. So the chart's securityContext (UID 1000, read-only root, no
 * capabilities), volumes, JVM flags and application.yaml run as a kubelet would run them: every
 * service becomes ready, serves its Home Assistant package, and a config change rolls the pod.
 *
 * <p>The one-process assembly ({@code assembly: one-process}) plays too: one pod, each service
 * under its mount.
 *
 * <p>{@code hostNetwork} is switched off here: the pods get loopback only ({@code --network none}),
 * so nothing they check leaves the machine; the option itself is ChartHostNetworkAndImagesTest's.
 * Readiness is read from inside each pod's network namespace (root, nsenter).
 */
class ChartPlayTest {
  private static final Duration READY_WITHIN = Duration.ofSeconds(120);

  /**
   * Ports the OS chose, set as the chart's {@code <service>.port}: podman 4.3 publishes a pod's
   * container ports on the host, and 8081-8083 may be taken there.
   */
  private static final Map<String, Integer> PORTS = freePorts();

  private static Map<String, Integer> freePorts() {
    Map<String, Integer> ports = new HashMap<>();
    for (String component : List.of("reachability", "certwatch", "ddns", "oneProcess")) {
      try (var socket = new java.net.ServerSocket(0)) {
        ports.put(component, socket.getLocalPort());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return Map.copyOf(ports);
  }

  @TempDir Path tmp;

  private static Map<String, Object> podNetwork(Map<String, Object> more) {
    Map<String, Object> sets = new HashMap<>(more);
    sets.put("reachability.hostNetwork", "false");
    sets.put("ddns.hostNetwork", "false");
    sets.put("oneProcess.hostNetwork", "false");
    PORTS.forEach((component, port) -> sets.put(component + ".port", port));
    return sets;
  }

  private static List<JsonNode> render(Path values, Map<String, Object> sets) {
    return ChartRenderer.documents(ChartRenderer.template(values, podNetwork(sets)));
  }

  private static String component(JsonNode d) {
    return d.at("/metadata/labels/app.kubernetes.io~1component").asText();
  }

  private static JsonNode deployment(List<JsonNode> documents, String component) {
    return documents.stream()
        .filter(d -> d.path("kind").asText().equals("Deployment"))
        .filter(d -> component(d).equals(component))
        .findFirst()
        .orElseThrow();
  }

  private static void assertAllReady(List<JsonNode> documents) {
    for (String component : List.of("reachability", "certwatch", "ddns")) {
      String container = KubePlay.container(deployment(documents, component));
      KubePlay.Readiness readiness =
          KubePlay.awaitReady(container, PORTS.get(component), READY_WITHIN);
      assertThat(readiness.ready())
          .as(container + " " + readiness.state() + "\n" + readiness.logTail())
          .isTrue();
      System.out.println(container + " ready after " + readiness.waited());
    }
  }

  @Test
  void theDefaultChartPlaysServesThePackageAndAConfigChangeRollsThePod() {
    BuiltImages.Report images = BuiltImages.get();
    assertThat(images.exitCode()).as(images.output()).isZero();
    List<JsonNode> documents = render(null, Map.of());
    try (KubePlay play = KubePlay.play(tmp, "defaults", documents)) {
      assertAllReady(documents);
      String reachability = KubePlay.container(deployment(documents, "reachability"));
      // Nothing configured: each service serves an empty package.
      for (String component : List.of("reachability", "certwatch", "ddns")) {
        KubePlay.Http pkg =
            KubePlay.httpGet(
                KubePlay.container(deployment(documents, component)),
                PORTS.get(component),
                "/api/v1/ha/package");
        assertThat(pkg.status()).as(component + ": " + pkg.body()).isEqualTo(200);
        assertThat(pkg.body()).as(component).contains("packages/").contains("rest: []");
      }
      String firstId = Podman.podman(30, "inspect", "-f", "{{.Id}}", reachability).output();

      // A config change: a new checksum/config annotation, so Kubernetes would roll the pod; the
      // replayed pod runs on the new application.yaml.
      List<JsonNode> changed =
          render(null, Map.of("reachability.publicUrl", "http://192.0.2.7:8081"));
      String before = checksum(deployment(documents, "reachability"));
      String after = checksum(deployment(changed, "reachability"));
      assertThat(after).isNotEqualTo(before);
      assertThat(checksum(deployment(changed, "certwatch")))
          .isEqualTo(checksum(deployment(documents, "certwatch")));
      List<JsonNode> reachabilityOnly =
          changed.stream().filter(d -> component(d).equals("reachability")).toList();
      try (KubePlay rolled = KubePlay.play(tmp, "rolled", reachabilityOnly)) {
        KubePlay.Readiness readiness =
            KubePlay.awaitReady(reachability, PORTS.get("reachability"), READY_WITHIN);
        assertThat(readiness.ready()).as(readiness.logTail()).isTrue();
        assertThat(Podman.podman(30, "inspect", "-f", "{{.Id}}", reachability).output())
            .isNotEqualTo(firstId);
        assertThat(
                Podman.podman(
                        30, "exec", reachability, "cat", "/etc/ha-remote-access/application.yaml")
                    .output())
            .contains("public-url: http://192.0.2.7:8081");
      }
    }
  }

  /**
   * {@code assembly: one-process}: the one Deployment of the one-process image becomes ready on the
   * one {@code /q/health}, serves every service's package under its mount and one {@code
   * /q/metrics} with the services' series (the one scrape target the dashboards read).
   */
  @Test
  void theOneProcessAssemblyPlaysAndServesEveryServiceUnderItsMount() {
    BuiltImages.Report images = BuiltImages.get();
    assertThat(images.exitCode()).as(images.output()).isZero();
    List<JsonNode> documents = render(null, Map.of("assembly", "one-process"));
    assertThat(documents.stream().filter(d -> d.path("kind").asText().equals("Deployment")))
        .hasSize(1);
    int port = PORTS.get("oneProcess");
    try (KubePlay play = KubePlay.play(tmp, "one-process", documents)) {
      String container = KubePlay.container(deployment(documents, "one-process"));
      KubePlay.Readiness readiness = KubePlay.awaitReady(container, port, READY_WITHIN);
      assertThat(readiness.ready())
          .as(container + " " + readiness.state() + "\n" + readiness.logTail())
          .isTrue();
      System.out.println(container + " ready after " + readiness.waited());
      for (String service : List.of("reachability-service", "cert-watch-service", "ddns-service")) {
        KubePlay.Http pkg = KubePlay.httpGet(container, port, "/" + service + "/api/v1/ha/package");
        assertThat(pkg.status()).as(service + ": " + pkg.body()).isEqualTo(200);
        assertThat(pkg.body()).as(service).contains("packages/").contains("rest: []");
      }
      // No service without its mount.
      assertThat(KubePlay.httpGet(container, port, "/api/v1/ha/package").status()).isEqualTo(404);
      KubePlay.Http metrics = KubePlay.httpGet(container, port, "/q/metrics");
      assertThat(metrics.status()).isEqualTo(200);
      // reachability's series are per target: none while nothing is configured.
      assertThat(metrics.body())
          .contains("certwatch_last_check_timestamp_seconds")
          .contains("ddns_last_check_timestamp_seconds");
      KubePlay.Http status =
          KubePlay.httpGet(container, port, "/reachability-service/api/v1/status");
      assertThat(status.status()).as(status.body()).isEqualTo(200);
      assertThat(status.body()).containsPattern("\"targets\"\\s*:\\s*\\[\\]");
    }
  }

  private static String checksum(JsonNode deployment) {
    return deployment.at("/spec/template/metadata/annotations/checksum~1config").asText();
  }

  /** The k3s example's values, with the two Secrets it expects to exist. */
  private List<JsonNode> example() throws Exception {
    JsonNode helmChart =
        ChartRenderer.parseYaml(
            Files.readString(
                ProjectPaths.repoRoot().resolve("k8s/examples/ha-remote-access-helmchart.yaml")));
    Path values =
        Files.writeString(
            tmp.resolve("example-values.yaml"), helmChart.at("/spec/valuesContent").asText());
    List<JsonNode> documents = new ArrayList<>(render(values, Map.of()));
    documents.add(secret("ha-remote-access-token", "api-token", "token-of-the-play-test"));
    documents.add(secret("ddns-provider", "duckdns-token", "duckdns-token-of-the-play-test"));
    return documents;
  }

  private static JsonNode secret(String name, String key, String value) {
    ObjectNode secret = ChartRenderer.parseYaml("{}").deepCopy();
    secret.put("apiVersion", "v1").put("kind", "Secret");
    secret.putObject("metadata").put("name", name);
    secret
        .putObject("data")
        .put(
            key,
            Base64.getEncoder()
                .encodeToString(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return secret;
  }

  @Test
  void theK3sExamplePlaysWithItsSecretsAndStateClaim() throws Exception {
    BuiltImages.Report images = BuiltImages.get();
    assertThat(images.exitCode()).as(images.output()).isZero();
    List<JsonNode> documents = example();
    assertThat(documents).anyMatch(d -> d.path("kind").asText().equals("PersistentVolumeClaim"));
    try (KubePlay play = KubePlay.play(tmp, "example", documents)) {
      assertAllReady(documents);
      // The configured services' packages point Home Assistant at the example's Ingress hosts.
      for (String component : List.of("reachability", "ddns")) {
        KubePlay.Http pkg =
            KubePlay.httpGet(
                KubePlay.container(deployment(documents, component)),
                PORTS.get(component),
                "/api/v1/ha/package");
        assertThat(pkg.status()).as(pkg.body()).isEqualTo(200);
        assertThat(pkg.body())
            .contains("http://" + component + ".home.lan/api/v1/")
            .doesNotContain("play-test");
      }
    }
  }

  /**
   * The negative case: the chart's ddns Deployment without the volume on its state directory. The
   * root filesystem is read-only, so the configured records cannot keep state there, the service
   * refuses to start, and the readiness wait above would fail the play.
   */
  @Test
  void aStateDirectoryWithoutItsVolumeStopsDdnsFromBecomingReady() throws Exception {
    BuiltImages.Report images = BuiltImages.get();
    assertThat(images.exitCode()).as(images.output()).isZero();
    List<JsonNode> ddnsOnly = new ArrayList<>();
    for (JsonNode d : example()) {
      if (d.path("kind").asText().equals("Secret") || component(d).equals("ddns")) {
        ddnsOnly.add(d);
      }
    }
    ObjectNode pod = (ObjectNode) deployment(ddnsOnly, "ddns").at("/spec/template/spec");
    removeNamed((ArrayNode) pod.get("volumes"), "state");
    removeNamed((ArrayNode) pod.at("/containers/0/volumeMounts"), "state");
    ddnsOnly.removeIf(d -> d.path("kind").asText().equals("PersistentVolumeClaim"));
    // Not restarted after the failed start (a kubelet would restart it, and fail the same way):
    // the wait ends at the first exit instead of catching the loop.
    pod.put("restartPolicy", "Never");
    try (KubePlay play = KubePlay.play(tmp, "no-state-volume", ddnsOnly)) {
      String container = KubePlay.container(deployment(ddnsOnly, "ddns"));
      KubePlay.Readiness readiness =
          KubePlay.awaitReady(container, PORTS.get("ddns"), Duration.ofSeconds(60));
      assertThat(readiness.ready()).as(readiness.state()).isFalse();
      // podman reports the ended container as "exited" or, a moment before, "stopped"
      assertThat(readiness.state()).as(readiness.logTail()).matches("(exited|stopped) [1-9][0-9]*");
      assertThat(readiness.logTail()).contains("ddns.state-dir").contains("/var/lib/ddns");
    }
  }

  private static void removeNamed(ArrayNode list, String name) {
    for (int i = list.size() - 1; i >= 0; i--) {
      if (list.get(i).path("name").asText().equals(name)) {
        list.remove(i);
      }
    }
  }
}
