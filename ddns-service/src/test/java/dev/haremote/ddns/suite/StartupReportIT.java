package dev.haremote.ddns.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up report of the packaged service for broken configuration files: every problem of
 * every file, each naming the file, the line and the key and what would be accepted, and no stack
 * trace.
 */
class StartupReportIT {
  @TempDir Path tmp;
  Path jar;
  Path workDir;

  @BeforeEach
  void copyTheBuild() throws Exception {
    jar = ServiceJar.copyOfTheBuild(tmp.resolve("deployments"));
    workDir = Files.createDirectories(tmp.resolve("work"));
  }

  @AfterEach
  void removeTheCopy() throws Exception {
    ServiceJar.removeCopy(jar.getParent());
  }

  private String report(Map<String, String> env) throws Exception {
    try (ServiceJar service = ServiceJar.start(jar, workDir, env)) {
      assertThat(service.awaitExit()).isEqualTo(1);
      String output = service.output();
      assertThat(output)
          .doesNotContain("\tat ")
          .doesNotContain("Exception")
          .doesNotContain("SRCFG")
          .doesNotContain("in 'reader'");
      return output;
    }
  }

  @Test
  void yamlSyntaxErrorsOfEveryFileNameTheFileAndLine() throws Exception {
    Path named =
        Files.writeString(
            tmp.resolve("ddns.yaml"),
            """
            ddns:
              interval: 60s
              records:
                - name: a.example.org
                 provider: none
            """);
    Path local =
        Files.writeString(workDir.resolve("application.yaml"), "suite:\n  public-url: [x\n");

    String output = report(Map.of("QUARKUS_CONFIG_LOCATIONS", named.toString()));

    assertThat(output.lines())
        .containsExactly(
            named
                + ":5:6: not valid YAML: expected <block end>, but found '<block mapping start>'"
                + " (while parsing a block collection that starts at line 4; check the"
                + " indentation)",
            local
                + ":3:1: not valid YAML: expected ',' or ']', but got <stream end> (while parsing"
                + " a flow sequence that starts at line 2; check the indentation)");
  }

  @Test
  void valueProblemsOfEveryFileNameFileLineKeyAndTheAcceptedForms() throws Exception {
    Path named =
        Files.writeString(
            tmp.resolve("ddns.yaml"),
            """
            ddns:
              state-dir: %s
              interval: 5 minutes
            """
                .formatted(tmp.resolve("state")));
    Path local =
        Files.writeString(
            workDir.resolve("application.yaml"),
            """
            ddns:
              discovery:
                quorum: two
              recrods: true
              resolvers:
                public: ["127.0.0.1:9"]
            """);

    String output =
        report(
            Map.of(
                "QUARKUS_CONFIG_LOCATIONS",
                named.toString(),
                "QUARKUS_HTTP_PORT",
                "0",
                "DDNS_TIMEOUT",
                "soon"));

    assertThat(output.lines())
        .containsExactlyInAnyOrder(
            named
                + ":3: ddns.interval: \"5 minutes\" is not valid (durations: 90s, 5m, 1h or PT5M)",
            local + ":3: ddns.discovery.quorum: \"two\" is not valid: a whole number is expected",
            local + ":4: ddns.recrods: unknown key (check the spelling; see docs/configuration.md)",
            "env DDNS_TIMEOUT: ddns.timeout: \"soon\" is not valid (durations: 90s, 5m, 1h or"
                + " PT5M)");
  }
}
