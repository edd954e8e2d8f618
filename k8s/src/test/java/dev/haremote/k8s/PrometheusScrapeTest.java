package dev.haremote.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.haremote.labkit.demo.DemoHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real thing: the three services (their Quarkus builds, started with the chart's JVM flags and
 * a memory ceiling like the chart's limit) run against the demo home; a real Prometheus scrapes
 * them and loads the alert rules; every panel query of every dashboard must return at least one
 * series and every rule must evaluate without error.
 *
 * <p>Twice: as three processes (three scrape targets), and as the chart's {@code assembly:
 * one-process} (the one-process jar on the one application.yaml the chart renders, one target): the
 * dashboards and rules work unchanged in both.
 */
class PrometheusScrapeTest {
  private static final List<String> SERVICES =
      List.of("reachability-service", "cert-watch-service", "ddns-service");
  private static final List<String> COMPONENTS = List.of("reachability", "certwatch", "ddns");
  private static final String ONE_PROCESS = "one-process";

  @TempDir Path tmp;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"three-processes", ONE_PROCESS})
  void everyPanelQueryReturnsASeriesFromTheServicesOnTheDemoHome(String assembly) throws Exception {
    boolean one = assembly.equals(ONE_PROCESS);
    // The processes the chart runs: the three services, or the one process.
    List<String> modules = one ? List.of(ONE_PROCESS) : SERVICES;
    Path prometheus = DebianTool.require("prometheus", "prometheus");
    for (String service : modules) {
      Path jar = ServiceProcess.jar(service);
      if (!Files.exists(jar)) {
        String message =
            jar + " missing: build the services first (./mvnw -B verify builds them before k8s)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
          throw new AssertionError(message);
        }
        Assumptions.abort(message);
      }
    }

    Path runDir = Files.createDirectories(tmp.resolve("demo-run"));
    JsonNode values =
        ChartRenderer.parseYaml(Files.readString(ProjectPaths.chart().resolve("values.yaml")));
    List<ServiceProcess> started = new ArrayList<>();
    try (DemoHome home = DemoHome.start(runDir)) {
      int[] ports = {
        PrometheusServer.freePort(), PrometheusServer.freePort(), PrometheusServer.freePort()
      };
      List<Path> configs =
          home.writeServiceConfigs(runDir, new DemoHome.ServicePorts(ports[0], ports[1], ports[2]));
      // The services run on what the chart renders: the demo's settings go in as chart values,
      // the ConfigMaps' application.yaml come out and are what the services read.
      int onePort = PrometheusServer.freePort();
      List<Path> rendered = renderThroughTheChart(configs, ports, runDir, one ? onePort : 0);
      for (int i = 0; i < modules.size(); i++) {
        started.add(
            ServiceProcess.start(
                modules.get(i),
                tmp,
                one ? onePort : ports[i],
                rendered.get(i),
                jvmFlags(values.path(one ? "oneProcess" : COMPONENTS.get(i)))));
      }
      for (ServiceProcess service : started) {
        service.awaitReady(Duration.ofSeconds(180));
      }

      Map<String, String> jobs = new LinkedHashMap<>();
      for (int i = 0; i < modules.size(); i++) {
        jobs.put(modules.get(i), "127.0.0.1:" + started.get(i).port);
      }
      try (PrometheusServer server =
          PrometheusServer.start(
              prometheus,
              tmp,
              jobs,
              List.of(ProjectPaths.alerts().resolve("ha-remote-access.rules.yaml")))) {
        // A few scrapes of each service, all successful.
        server.awaitQuery(
            "count_over_time(up[1m]) >= 5 and up == 1",
            r -> r.size() == modules.size(),
            Duration.ofSeconds(90));

        List<String> empty = new ArrayList<>();
        Map<String, String> queries = DashboardQueries.all();
        assertThat(queries).hasSizeGreaterThan(20);
        queries.forEach(
            (where, expr) -> {
              if (server.query(expr).size() == 0) {
                empty.add(where + ": " + expr);
              }
            });
        assertThat(empty).as("panel queries that returned no series").isEmpty();

        // Rules start as "unknown" until their group first evaluates (every second here).
        java.time.Instant end = java.time.Instant.now().plusSeconds(30);
        while (server.api("/api/v1/rules").toString().contains("\"health\":\"unknown\"")
            && java.time.Instant.now().isBefore(end)) {
          ChildProcess.sleep(500);
        }
        int rules = 0;
        for (JsonNode group : server.api("/api/v1/rules").path("groups")) {
          for (JsonNode rule : group.path("rules")) {
            assertThat(rule.path("health").asText())
                .as(rule.path("name").asText() + ": " + rule.path("lastError").asText())
                .isEqualTo("ok");
            rules++;
          }
        }
        assertThat(rules).isEqualTo(AlertRulesTest.alerts().size());

        // The rules on real data. The demo's DNS record is drifted on purpose: its alert is
        // pending.
        assertThat(server.query("ddns_record_in_sync{name=\"" + DemoHome.NAME + "\"} == 0"))
            .hasSize(1);
        server.awaitQuery(
            "ALERTS{alertname=\"DdnsRecordDrift\",alertstate=\"pending\",name=\""
                + DemoHome.NAME
                + "\"}",
            r -> r.size() == 1,
            Duration.ofSeconds(30));
        // An unreachable target's alert carries the verdict the service reports; a reachable one
        // has none.
        for (JsonNode target : server.query("reachability_target_reachable")) {
          String id = target.at("/metric/target").asText();
          String alert = "ALERTS{alertname=\"HomeAssistantUnreachable\",target=\"" + id + "\"}";
          if (target.at("/value/1").asText().equals("0")) {
            String verdict =
                server
                    .query("reachability_verdict_info{target=\"" + id + "\"} == 1")
                    .get(0)
                    .at("/metric/verdict")
                    .asText();
            JsonNode pending = server.awaitQuery(alert, r -> r.size() == 1, Duration.ofSeconds(30));
            assertThat(pending.get(0).at("/metric/verdict").asText()).isEqualTo(verdict);
          } else {
            assertThat(server.query(alert)).isEmpty();
          }
        }

        // Services that finish their rounds: every last-check timestamp is recent, so the stall
        // alert (which reads them) stays quiet.
        for (String lastCheck :
            List.of(
                "reachability_last_check_timestamp_seconds",
                "certwatch_last_check_timestamp_seconds",
                "ddns_last_check_timestamp_seconds")) {
          assertThat(server.query("time() - " + lastCheck + " < 300"))
              .as(lastCheck + " within the last 5 minutes")
              .isNotEmpty();
        }
        assertThat(server.query("ALERTS{alertname=\"HaRemoteAccessChecksStalled\"}")).isEmpty();
      }

      // Sizing data for docs/deploy.md: resident memory with the chart's flags after a few rounds.
      for (ServiceProcess service : started) {
        System.out.printf("sizing: %s VmRSS %d KiB%n", service.baseUrl(), service.residentKib());
      }
    } finally {
      for (ServiceProcess service : started) {
        service.close();
      }
    }
  }

  /**
   * Chart values that carry the demo configuration (each service's section as its {@code config},
   * its port, its public URL, the ddns state directory); renders the chart and returns the three
   * application.yaml files taken from the rendered ConfigMaps, or with {@code onePort} other than 0
   * the one process's ({@code assembly: one-process} on that port; reachability's {@code ddns-url}
   * left to the chart, which points it at ddns's mount).
   */
  private List<Path> renderThroughTheChart(
      List<Path> demoConfigs, int[] ports, Path runDir, int onePort) throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    ObjectNode values = yaml.createObjectNode();
    values.putObject("dashboards").put("enabled", false);
    if (onePort != 0) {
      values.put("assembly", ONE_PROCESS);
      ObjectNode oneProcess = values.putObject("oneProcess");
      oneProcess.put("port", onePort);
      oneProcess.put("publicUrl", "http://127.0.0.1:" + onePort);
    }
    for (int i = 0; i < COMPONENTS.size(); i++) {
      String component = COMPONENTS.get(i);
      ObjectNode section = (ObjectNode) yaml.readTree(demoConfigs.get(i).toFile()).get(component);
      ObjectNode service = values.putObject(component);
      service.put("port", ports[i]);
      service.put("publicUrl", "http://127.0.0.1:" + ports[i]);
      if (component.equals("ddns")) {
        service.put("stateDir", section.remove("state-dir").asText());
      }
      if (onePort != 0 && component.equals("reachability")) {
        section.remove("ddns-url");
      }
      service.set("config", section);
    }
    Path valuesFile = runDir.resolve("chart-values.yaml");
    yaml.writeValue(valuesFile.toFile(), values);

    List<Path> out = new ArrayList<>();
    List<JsonNode> documents = ChartRenderer.render(valuesFile);
    if (onePort != 0) {
      JsonNode configMap =
          documents.stream()
              .filter(d -> d.path("kind").asText().equals("ConfigMap"))
              .filter(
                  d ->
                      "one-process"
                          .equals(d.at("/metadata/labels/app.kubernetes.io~1component").asText()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no ConfigMap for the one process"));
      String applicationYaml = configMap.at("/data/application.yaml").asText();
      assertThat(applicationYaml)
          .contains("port: " + onePort)
          .contains("ddns-url: http://127.0.0.1:" + onePort + "/ddns-service");
      out.add(Files.writeString(runDir.resolve("one-process-application.yaml"), applicationYaml));
      return out;
    }
    for (String component : COMPONENTS) {
      JsonNode configMap =
          documents.stream()
              .filter(d -> d.path("kind").asText().equals("ConfigMap"))
              .filter(
                  d ->
                      component.equals(
                          d.at("/metadata/labels/app.kubernetes.io~1component").asText()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no ConfigMap for " + component));
      String applicationYaml = configMap.at("/data/application.yaml").asText();
      assertThat(applicationYaml).contains("port: " + ports[COMPONENTS.indexOf(component)]);
      out.add(Files.writeString(runDir.resolve(component + "-application.yaml"), applicationYaml));
    }
    return out;
  }

  /** The chart's javaOpts, plus MaxRAM standing in for the container's memory limit. */
  static List<String> jvmFlags(JsonNode component) {
    List<String> flags =
        new ArrayList<>(Arrays.asList(component.path("javaOpts").asText().trim().split("\\s+")));
    String limit = component.at("/resources/limits/memory").asText();
    if (limit.endsWith("Mi")) {
      flags.add("-XX:MaxRAM=" + limit.replace("Mi", "m"));
    }
    return flags;
  }
}
