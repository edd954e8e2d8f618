package dev.haremote.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain {@code helm install} with no values: the application.yaml each ConfigMap holds is
 * accepted by the real service, which starts and becomes ready (nothing configured = empty lists).
 * Only the port (8081-8083 are not for tests) and the ddns state directory (/var/lib/ddns belongs
 * to a PVC) are moved, by system properties that outrank the file.
 */
class ChartDefaultsStartTheServicesTest {
  private static final List<String> SERVICES =
      List.of("reachability-service", "cert-watch-service", "ddns-service");
  private static final List<String> COMPONENTS = List.of("reachability", "certwatch", "ddns");

  @TempDir Path tmp;

  @Test
  void eachServiceBecomesReadyOnTheDefaultRenderedConfig() throws Exception {
    for (String service : SERVICES) {
      if (!Files.exists(ServiceProcess.jar(service))) {
        String message = ServiceProcess.jar(service) + " missing: build the services first";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
          throw new AssertionError(message);
        }
        Assumptions.abort(message);
      }
    }
    List<JsonNode> documents =
        ChartRenderer.render(ProjectPaths.chart().resolve("ci/default-values.yaml"));
    JsonNode values =
        ChartRenderer.parseYaml(Files.readString(ProjectPaths.chart().resolve("values.yaml")));
    List<ServiceProcess> started = new ArrayList<>();
    try {
      for (int i = 0; i < SERVICES.size(); i++) {
        String component = COMPONENTS.get(i);
        String applicationYaml =
            documents.stream()
                .filter(d -> d.path("kind").asText().equals("ConfigMap"))
                .filter(
                    d ->
                        component.equals(
                            d.at("/metadata/labels/app.kubernetes.io~1component").asText()))
                .findFirst()
                .orElseThrow()
                .at("/data/application.yaml")
                .asText();
        Path config = Files.writeString(tmp.resolve(component + ".yaml"), applicationYaml);
        List<String> flags = new ArrayList<>(PrometheusScrapeTest.jvmFlags(values.path(component)));
        if (component.equals("ddns")) {
          assertThat(applicationYaml).contains("state-dir: /var/lib/ddns");
          flags.add("-Dddns.state-dir=" + Files.createDirectories(tmp.resolve("ddns-state")));
        }
        started.add(
            ServiceProcess.start(SERVICES.get(i), tmp, PrometheusServer.freePort(), config, flags));
      }
      for (ServiceProcess service : started) {
        service.awaitReady(Duration.ofSeconds(180));
      }
    } finally {
      started.forEach(ServiceProcess::close);
    }
  }
}
