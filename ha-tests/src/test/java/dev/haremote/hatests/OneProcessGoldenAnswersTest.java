package dev.haremote.hatests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.haremote.labkit.demo.DemoHome;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-process assembly (module {@code one-process}, #20) says exactly what the three processes
 * say: the same demo home, one configuration file, one JVM, each service under {@code
 * /SERVICE-NAME}; every answer compared with the golden files {@link GoldenAnswersTest} froze for
 * three processes. The only difference allowed is where a service lives ({@code
 * 127.0.0.1:PORT/SERVICE-NAME} instead of its own port), which the normaliser maps back. Also: the
 * bare {@code /api/v1/status} is not served (no service is the default), writes under a mount need
 * the bearer token, and the process is ready only after all three first rounds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OneProcessGoldenAnswersTest {
  private static final String TOKEN = "golden-answers-token";

  @TempDir static Path runDir;
  private DemoHome home;
  private ServiceProcess suite;
  private GoldenNormalizer normalizer;

  @BeforeAll
  void startDemoHomeAndTheOneProcess() throws IOException {
    assumeFalse(Boolean.getBoolean("golden.update"), "golden files are written by three processes");
    assumeTrue(
        ServiceProcess.jar("one-process").isPresent(),
        "the one-process assembly is not packaged (run ./mvnw package first)");
    home = DemoHome.start(runDir);
    int port = ServiceProcess.freePort();
    Path config = home.writeOneProcessConfig(runDir, port);
    String at = "127.0.0.1:" + port + "/";
    normalizer =
        new GoldenNormalizer()
            .replace(runDir.toRealPath().toString(), "run")
            .replace(runDir.toString(), "run")
            .replace(Integer.toString(home.homeAssistantPort()), "ha-port")
            .replace(home.publicDns(), "public-dns")
            .replace(home.homeDns(), "home-dns")
            .replace(home.echoUrl(), "echo-url")
            .replace("127.0.0.1:" + URI.create(home.echoUrl()).getPort(), "echo")
            .replaceWithText(at + "reachability-service", "127.0.0.1:<reachability-port>")
            .replaceWithText(at + "cert-watch-service", "127.0.0.1:<certwatch-port>")
            .replaceWithText(at + "ddns-service", "127.0.0.1:<ddns-port>");
    suite =
        ServiceProcess.start(
            "one-process", port, Files.readString(config), TOKEN, runDir.resolve("svc"));
    // The same round on request, in the same order, as GoldenAnswersTest runs.
    for (String module : GoldenAnswersTest.MODULES) {
      suite.post("/" + module + "/api/v1/check");
    }
  }

  @AfterAll
  void stop() {
    if (suite != null) {
      suite.close();
    }
    if (home != null) {
      home.close();
    }
  }

  @Test
  void everyServiceSaysWhatTheThreeProcessesSay() throws IOException {
    List<String> differences = new ArrayList<>();
    String metrics = suite.get("/q/metrics");
    for (String module : GoldenAnswersTest.MODULES) {
      String mount = "/" + module;
      GoldenFiles.compare(
          module + ".status.json",
          normalizer.json(suite.get(mount + "/api/v1/status")),
          differences);
      GoldenFiles.compare(
          module + ".ha-package.yaml",
          normalizer.text(suite.get(mount + "/api/v1/ha/package")),
          differences);
      GoldenFiles.compare(
          module + ".metrics.txt",
          normalizer.metrics(metrics, GoldenAnswersTest.METRIC_PREFIXES.get(module)),
          differences);
    }
    assertThat(differences)
        .as("answers that differ from the three processes' golden files")
        .isEmpty();
  }

  /**
   * The one document of the one process holds every service's document under its mount: each path,
   * answer, schema and security scheme as the service documents it alone.
   */
  @Test
  void theOneDocumentHoldsEveryServicesDocumentUnderItsMount() throws IOException {
    List<String> differences = new ArrayList<>();
    String document = suite.get("/q/openapi?format=json");
    for (String module : GoldenAnswersTest.MODULES) {
      GoldenFiles.compare(
          module + ".openapi.json", OpenApiView.of(document, "/" + module), differences);
    }
    assertThat(differences)
        .as("service documents that differ under their mount in the one process")
        .isEmpty();
  }

  @Test
  void noServiceIsServedWithoutItsMountAndWritesNeedTheToken() {
    assertThat(suite.status("GET", "/api/v1/status", null)).isEqualTo(404);
    for (String module : GoldenAnswersTest.MODULES) {
      assertThat(suite.status("POST", "/" + module + "/api/v1/check", null))
          .as("POST /%s/api/v1/check without a token", module)
          .isEqualTo(401);
      assertThat(suite.status("POST", "/" + module + "/api/v1/check", "wrong"))
          .as("POST /%s/api/v1/check with a wrong token", module)
          .isEqualTo(401);
    }
  }
}
