package dev.haremote.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./run --config DIR} as a user runs it (on the jars the build just made: RUN_NO_BUILD=1),
 * on ports the OS picked.
 */
class RunScriptTest {
  private static final List<String> SERVICES =
      List.of("reachability-service", "cert-watch-service", "ddns-service");

  @TempDir Path tmp;
  Path config;
  Path output;
  int[] ports;

  @BeforeEach
  void needsTheJars() throws IOException {
    for (String service : SERVICES) {
      if (!Files.exists(ServiceProcess.jar(service))) {
        String message = ServiceProcess.jar(service) + " missing: build the services first";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
          throw new AssertionError(message);
        }
        Assumptions.abort(message);
      }
    }
    config = Files.createDirectories(tmp.resolve("config"));
    output = tmp.resolve("run-output.txt");
    ports =
        new int[] {
          PrometheusServer.freePort(), PrometheusServer.freePort(), PrometheusServer.freePort()
        };
  }

  private Process run() throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                ProjectPaths.repoRoot().resolve("run").toString(), "--config", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    builder.environment().put("RUN_NO_BUILD", "1");
    builder.environment().put("RUN_PORTS", ports[0] + " " + ports[1] + " " + ports[2]);
    builder.environment().put("READY_TIMEOUT", "60");
    builder.environment().keySet().removeIf(k -> k.startsWith("SUITE_") || k.startsWith("DDNS_"));
    return builder.start();
  }

  /** Problems in two services' files: both are shown, each naming its file and line. */
  @Test
  void theProblemsOfEveryServiceThatStoppedAreShown() throws Exception {
    Path reachability =
        Files.writeString(
            config.resolve("reachability.yaml"), "reachability:\n  interval: 5 minutes\n");
    Path ddns =
        Files.writeString(
            config.resolve("ddns.yaml"),
            "ddns:\n  state-dir: "
                + tmp.resolve("state")
                + "\n  records:\n    - name: a\n     provider: none\n");

    Process run = run();
    assertThat(run.waitFor(90, TimeUnit.SECONDS)).as("./run ended").isTrue();
    String text = Files.readString(output);

    assertThat(run.exitValue()).as(text).isEqualTo(1);
    assertThat(text)
        .contains("reachability-service stopped:")
        .contains(
            reachability
                + ":2: reachability.interval: \"5 minutes\" is not valid (durations: 90s, 5m, 1h or"
                + " PT5M)")
        .contains("ddns-service stopped:")
        .contains(ddns + ":5:6: not valid YAML")
        .contains("cert-watch-service ready");
  }

  /**
   * Running without suite.public-url warns that the package points at a Kubernetes name; a stop
   * (SIGTERM, as Ctrl-C) takes under 3 s and leaves no temporary state file behind.
   */
  @Test
  void warnsAboutThePublicUrlAndStopsQuicklyAndCleanly() throws Exception {
    Path state = Files.createDirectories(tmp.resolve("state"));
    Files.writeString(config.resolve("ddns.yaml"), "ddns:\n  state-dir: " + state + "\n");
    Files.writeString(
        config.resolve("certwatch.yaml"), "suite:\n  public-url: http://192.0.2.1:8082\n");

    Process run = run();
    Instant end = Instant.now().plusSeconds(90);
    while (!Files.readString(output).contains("Press Ctrl-C to stop") && run.isAlive()) {
      assertThat(Instant.now()).as(Files.readString(output)).isBefore(end);
      Thread.sleep(200);
    }
    String text = Files.readString(output);
    assertThat(text).contains("All three services are up.");
    assertThat(text)
        .contains("warning: reachability-service has no suite.public-url")
        .contains("warning: ddns-service has no suite.public-url")
        .doesNotContain("warning: cert-watch-service has no suite.public-url");

    Instant stop = Instant.now();
    run.destroy(); // SIGTERM: the script's trap stops everything, as on Ctrl-C
    assertThat(run.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(Duration.between(stop, Instant.now())).isLessThan(Duration.ofSeconds(3));
    for (int port : ports) {
      assertThat(listening(port)).as("port " + port + " closed").isFalse();
    }
    try (Stream<Path> files = Files.list(state)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
