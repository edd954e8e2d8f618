package dev.haremote.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Renders the chart under every ci/*-values.yaml scenario and checks what every install gets. */
class ChartScenarioTest {
  /** The component label of the one process (assembly one-process). */
  static final String ONE_PROCESS = "one-process";

  private static final Map<String, Integer> PORTS =
      Map.of("reachability", 8081, "certwatch", 8082, "ddns", 8083, ONE_PROCESS, 8080);
  private static final Map<String, String> CONTAINERS =
      Map.of(
          "reachability",
          "reachability-service",
          "certwatch",
          "cert-watch-service",
          "ddns",
          "ddns-service",
          ONE_PROCESS,
          "one-process");
  private static final List<String> SERVICES = List.of("reachability", "certwatch", "ddns");

  static Stream<Path> scenarios() throws IOException {
    try (Stream<Path> files = Files.list(ProjectPaths.chart().resolve("ci"))) {
      List<Path> list =
          files.filter(p -> p.getFileName().toString().endsWith("-values.yaml")).sorted().toList();
      assertThat(list).hasSizeGreaterThanOrEqualTo(3);
      return list.stream();
    }
  }

  record Rendered(List<JsonNode> raw, List<HasMetadata> objects) {
    <T extends HasMetadata> List<T> all(Class<T> type) {
      return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }
  }

  static Rendered render(Path scenario) {
    String yaml = ChartRenderer.template(scenario, Map.of());
    keepForReading(scenario, yaml);
    List<JsonNode> raw = ChartRenderer.documents(yaml);
    List<HasMetadata> objects = new ArrayList<>();
    for (JsonNode doc : raw) {
      objects.add(StrictKubernetesModel.parse(doc));
    }
    return new Rendered(raw, objects);
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void everyObjectParsesStrictlyIntoTheKubernetesModel(Path scenario) {
    Rendered rendered = render(scenario);
    assertThat(rendered.objects()).isNotEmpty();
    for (HasMetadata object : rendered.objects()) {
      assertThat(object.getMetadata().getName()).as("name of a " + object.getKind()).isNotBlank();
      assertThat(object.getMetadata().getName().length()).isLessThanOrEqualTo(63);
      assertThat(object.getMetadata().getLabels())
          .as(object.getKind() + " " + object.getMetadata().getName())
          .containsEntry("app.kubernetes.io/instance", ChartRenderer.RELEASE);
    }
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void everyPodMeetsRestrictedPodSecurity(Path scenario) {
    Rendered rendered = render(scenario);
    List<String> violations = new ArrayList<>();
    int pods = 0;
    for (Deployment deployment : rendered.all(Deployment.class)) {
      PodSpec spec = deployment.getSpec().getTemplate().getSpec();
      violations.addAll(
          RestrictedPodSecurity.violationsBesidesHostNetwork(
              "Deployment " + deployment.getMetadata().getName(), spec));
      pods++;
    }
    for (Pod pod : rendered.all(Pod.class)) {
      violations.addAll(
          RestrictedPodSecurity.violations("Pod " + pod.getMetadata().getName(), pod.getSpec()));
      pods++;
    }
    assertThat(pods).as("pods rendered").isPositive();
    assertThat(violations).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void eachServiceHasProbesTmpServiceAndAConfigChecksum(Path scenario) throws Exception {
    Rendered rendered = render(scenario);
    List<Deployment> deployments = rendered.all(Deployment.class);
    assertThat(deployments).isNotEmpty();
    for (Deployment deployment : deployments) {
      String component = component(deployment);
      PodSpec pod = deployment.getSpec().getTemplate().getSpec();
      Container container = pod.getContainers().get(0);
      assertThat(container.getName()).isEqualTo(CONTAINERS.get(component));
      assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
      assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
      assertThat(container.getPorts().get(0).getContainerPort()).isEqualTo(PORTS.get(component));
      assertThat(container.getResources().getLimits()).containsKey("memory");
      assertThat(container.getResources().getRequests()).containsKeys("memory", "cpu");
      assertThat(env(container, "JAVA_OPTS")).contains(ProjectPaths.measuredJvmFlags());
      assertThat(mountPaths(container)).contains("/tmp");
      assertThat(pod.getVolumes())
          .anySatisfy(v -> assertThat(v.getEmptyDir()).isNotNull())
          .anySatisfy(v -> assertThat(v.getName()).isEqualTo("tmp"));

      ConfigMap config = configMapOf(rendered, deployment);
      String applicationYaml = config.getData().get("application.yaml");
      assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
          .containsEntry("checksum/config", sha256(applicationYaml.stripTrailing()));
      assertThat(env(container, "QUARKUS_CONFIG_LOCATIONS"))
          .isEqualTo(mountOf(container, "config").getMountPath() + "/application.yaml");

      Service service =
          rendered.all(Service.class).stream()
              .filter(s -> s.getMetadata().getName().equals(deployment.getMetadata().getName()))
              .findFirst()
              .orElseThrow();
      assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
      assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(PORTS.get(component));
      assertThat(service.getSpec().getSelector())
          .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
    }
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void applicationYamlHasTheContractKeysAndEveryFileKeyPointsAtAMount(Path scenario) {
    Rendered rendered = render(scenario);
    JsonNode values = ChartRenderer.parseYaml(read(scenario));
    for (Deployment deployment : rendered.all(Deployment.class)) {
      String component = component(deployment);
      Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
      JsonNode app =
          ChartRenderer.parseYaml(
              configMapOf(rendered, deployment).getData().get("application.yaml"));

      // The one process holds every service's section side by side.
      boolean one = component.equals(ONE_PROCESS);
      List<String> sections = one ? SERVICES : List.of(component);
      Set<String> top = new java.util.TreeSet<>();
      app.fieldNames().forEachRemaining(top::add);
      Set<String> expectedTop = new java.util.TreeSet<>(Set.of("quarkus", "suite"));
      expectedTop.addAll(sections);
      assertThat(top).isEqualTo(expectedTop);
      assertThat(app.at("/quarkus/http/port").asInt()).isEqualTo(PORTS.get(component));
      assertThat(app.at("/suite/public-url").asText()).startsWith("http");
      assertThat(app.at("/suite/protect-reads").isBoolean()).isTrue();

      for (String section : sections) {
        // Every key the scenario gave under <component>.config arrives unchanged.
        JsonNode given = values.path(section).path("config");
        given
            .fields()
            .forEachRemaining(
                e ->
                    assertThat(app.path(section).path(e.getKey()))
                        .as(section + "." + e.getKey())
                        .isEqualTo(e.getValue()));
      }
      if (sections.contains("ddns")) {
        assertThat(app.at("/ddns/state-dir").asText()).isIn(mountPaths(container));
      }
      if (sections.contains("reachability") && enabled(values, "ddns")) {
        assertThat(app.at("/reachability/ddns-url").asText())
            .matches(
                one ? "http://127\\.0\\.0\\.1:8080/ddns-service" : "http://[-a-z0-9]+-ddns:8083");
      }

      List<String> fileKeys = new ArrayList<>();
      collectFileKeys("", app, fileKeys);
      boolean tokenConfigured =
          !values.at("/suite/apiToken/existingSecret").asText("").isEmpty()
              || !values.at("/suite/apiToken/value").asText("").isEmpty();
      assertThat(app.at("/suite/api-token-file").isMissingNode()).isEqualTo(!tokenConfigured);
      for (String entry : fileKeys) {
        String path = entry.substring(entry.indexOf('=') + 1);
        assertThat(mountPaths(container))
            .as(component + ": " + entry + " must lie in a mounted volume")
            .anyMatch(m -> path.startsWith(m + "/"));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void secretsNeverReachAConfigMap(Path scenario) {
    Rendered rendered = render(scenario);
    List<String> secretValues = new ArrayList<>();
    for (Secret secret : rendered.all(Secret.class)) {
      secret
          .getData()
          .values()
          .forEach(
              v ->
                  secretValues.add(
                      new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    }
    JsonNode values = ChartRenderer.parseYaml(read(scenario));
    if (values.at("/suite/apiToken/value").isTextual()) {
      secretValues.add(values.at("/suite/apiToken/value").asText());
    }
    for (String c : SERVICES) {
      values.path(c).path("secrets").path("values").forEach(v -> secretValues.add(v.asText()));
    }
    for (ConfigMap map : rendered.all(ConfigMap.class)) {
      for (String data : map.getData().values()) {
        for (String secret : secretValues) {
          assertThat(data)
              .as("ConfigMap " + map.getMetadata().getName())
              .doesNotContain(secret.strip());
        }
        assertThat(data).doesNotContainPattern("(?m)^\\s*(api-token|token|password|secret):");
      }
    }
    for (Deployment deployment : rendered.all(Deployment.class)) {
      Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
      for (var env : container.getEnv()) {
        for (String secret : secretValues) {
          assertThat(String.valueOf(env.getValue())).doesNotContain(secret.strip());
        }
      }
    }
  }

  /** Leaves the rendered manifests in target/rendered/ for a person to read. */
  private static void keepForReading(Path scenario, String yaml) {
    try {
      Path dir = ProjectPaths.moduleDir().resolve("target/rendered");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(scenario.getFileName()), yaml);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static boolean enabled(JsonNode values, String component) {
    return values.path(component).path("enabled").asBoolean(true);
  }

  /** Records every key ending in -file, and the path/key of certwatch files, as "key=path". */
  private static void collectFileKeys(String prefix, JsonNode node, List<String> out) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              e -> {
                String key = prefix + "." + e.getKey();
                boolean certificateFile =
                    prefix.contains(".files[") && Set.of("path", "key").contains(e.getKey());
                if ((e.getKey().endsWith("-file") || certificateFile) && e.getValue().isTextual()) {
                  out.add(key + "=" + e.getValue().asText());
                } else {
                  collectFileKeys(key, e.getValue(), out);
                }
              });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectFileKeys(prefix + "[" + i + "]", node.get(i), out);
      }
    }
  }

  static String component(HasMetadata object) {
    return object.getMetadata().getLabels().get("app.kubernetes.io/component");
  }

  static ConfigMap configMapOf(Rendered rendered, Deployment deployment) {
    String name =
        deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
            .filter(v -> v.getName().equals("config"))
            .findFirst()
            .orElseThrow()
            .getConfigMap()
            .getName();
    return rendered.all(ConfigMap.class).stream()
        .filter(c -> c.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no ConfigMap " + name));
  }

  static String env(Container container, String name) {
    return container.getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no env " + name))
        .getValue();
  }

  static List<String> mountPaths(Container container) {
    return container.getVolumeMounts().stream().map(VolumeMount::getMountPath).toList();
  }

  static VolumeMount mountOf(Container container, String volume) {
    return container.getVolumeMounts().stream()
        .filter(m -> m.getName().equals(volume))
        .findFirst()
        .orElseThrow();
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
