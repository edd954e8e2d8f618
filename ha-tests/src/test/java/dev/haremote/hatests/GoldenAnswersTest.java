package dev.haremote.hatests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.haremote.labkit.demo.DemoHome;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden answers: what each packaged service says about the bundled demo home (its status JSON,
 * its Home Assistant package, its own metric series), normalised by {@link GoldenNormalizer} and
 * compared with the files under {@code src/test/resources/golden}. They were frozen before the
 * skeleton refactor (#20), so a refactor that changes what a user or Home Assistant reads fails
 * here, with the differing lines.
 *
 * <p>An intended change of the contract regenerates them: {@code ./mvnw -pl ha-tests verify
 * -Dtest=GoldenAnswersTest -Dgolden.update=true}, then review the diff of the golden files like any
 * other change of docs/api.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoldenAnswersTest {
  private static final String TOKEN = "golden-answers-token";
  static final List<String> MODULES =
      List.of("reachability-service", "cert-watch-service", "ddns-service");
  static final Map<String, List<String>> METRIC_PREFIXES =
      Map.of(
          "reachability-service", List.of("reachability_"),
          "cert-watch-service", List.of("certwatch_"),
          "ddns-service", List.of("ddns_"));

  @TempDir static Path runDir;
  private DemoHome home;
  private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
  private GoldenNormalizer normalizer;

  @BeforeAll
  void startDemoHomeAndServices() throws IOException {
    assumeTrue(
        MODULES.stream().allMatch(m -> ServiceProcess.jar(m).isPresent()),
        "the services are not packaged (run ./mvnw package first)");
    home = DemoHome.start(runDir);
    DemoHome.ServicePorts ports =
        new DemoHome.ServicePorts(
            ServiceProcess.freePort(), ServiceProcess.freePort(), ServiceProcess.freePort());
    List<Path> configs = home.writeServiceConfigs(runDir, ports);
    int[] portOf = {ports.reachability(), ports.certwatch(), ports.ddns()};
    normalizer =
        new GoldenNormalizer()
            .replace(runDir.toRealPath().toString(), "run")
            .replace(runDir.toString(), "run")
            .replace(Integer.toString(home.homeAssistantPort()), "ha-port")
            .replace(home.publicDns(), "public-dns")
            .replace(home.homeDns(), "home-dns")
            .replace(home.echoUrl(), "echo-url")
            .replace("127.0.0.1:" + URI.create(home.echoUrl()).getPort(), "echo")
            .replace(Integer.toString(ports.reachability()), "reachability-port")
            .replace(Integer.toString(ports.certwatch()), "certwatch-port")
            .replace(Integer.toString(ports.ddns()), "ddns-port");
    for (int i = 0; i < MODULES.size(); i++) {
      String module = MODULES.get(i);
      services.put(
          module,
          ServiceProcess.start(
              module,
              portOf[i],
              Files.readString(configs.get(i)),
              TOKEN,
              runDir.resolve("svc-" + module)));
    }
    // One round run on request after the start-up rounds, in the same order each time, so that
    // every counter and threshold is at the same step in every run.
    for (ServiceProcess service : services.values()) {
      service.checkNow();
    }
  }

  @AfterAll
  void stop() {
    services.values().forEach(ServiceProcess::close);
    if (home != null) {
      home.close();
    }
  }

  @Test
  void everyServiceStillSaysWhatItSaidBeforeTheRefactor() throws IOException {
    List<String> differences = new ArrayList<>();
    for (Map.Entry<String, ServiceProcess> entry : services.entrySet()) {
      String module = entry.getKey();
      ServiceProcess service = entry.getValue();
      GoldenFiles.compare(
          module + ".status.json", normalizer.json(service.get("/api/v1/status")), differences);
      GoldenFiles.compare(
          module + ".ha-package.yaml",
          normalizer.text(service.get("/api/v1/ha/package")),
          differences);
      GoldenFiles.compare(
          module + ".metrics.txt",
          normalizer.metrics(service.get("/q/metrics"), METRIC_PREFIXES.get(module)),
          differences);
    }
    assertThat(differences).as("answers that differ from the golden files").isEmpty();
  }

  /** Each service's served OpenAPI document (what OneProcessGoldenAnswersTest compares with). */
  @Test
  void everyServiceStillDocumentsWhatItDocumentedBefore() throws IOException {
    List<String> differences = new ArrayList<>();
    for (Map.Entry<String, ServiceProcess> entry : services.entrySet()) {
      GoldenFiles.compare(
          entry.getKey() + ".openapi.json",
          OpenApiView.of(entry.getValue().get("/q/openapi?format=json"), ""),
          differences);
    }
    assertThat(differences).as("documents that differ from the golden files").isEmpty();
  }
}
