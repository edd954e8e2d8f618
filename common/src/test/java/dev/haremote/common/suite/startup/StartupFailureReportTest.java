package dev.haremote.common.suite.startup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.suite.ConfigProblem;
import dev.haremote.common.suite.config.ConfigFiles;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.ConfigValidationException.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StartupFailureReportTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "SRCFG00014: The config property ddns.records[0].name is required but it could not be found"
            + " in any config source | ddns.records[0].name: required, but not set",
        "java.lang.IllegalArgumentException: SRCFG00039: The config property ddns.interval with the"
            + " config value \"soon\" threw an Exception whilst being converted Invalid duration: soon"
            + " | ddns.interval: \"soon\" is not valid (durations: 90s, 5m, 1h or PT5M)",
        "SRCFG00039: The config property ddns.records[0].duckdns.token with the config value"
            + " \"abc\" threw an Exception whilst being converted x"
            + " | ddns.records[0].duckdns.token: the value is not valid: x",
        "SRCFG00050: ddns.recrods in YamlConfigSource[source=file:/a.yaml] does not map to any root"
            + " | ddns.recrods: unknown key (check the spelling; see docs/configuration.md)",
        "SRCFG00040: The config property certwatch.interval is defined as the empty String (\"\")"
            + " which the following Converter considered to be null: x"
            + " | certwatch.interval: is empty; give a value, or leave the key out to get its default",
        "SRCFG00039: The config property certwatch.endpoints[0].families[0] with the config value"
            + " \"ipv5\" threw an Exception whilst being converted"
            + " java.lang.IllegalArgumentException: SRCFG00049: Cannot convert ipv5 to enum class"
            + " dev.haremote.common.net.IpFamily, allowed values: ipv4,ipv6"
            + " | certwatch.endpoints[0].families[0]: \"ipv5\" is not valid: one of ipv4, ipv6 is"
            + " expected",
        "something SmallRye never said | configuration: something SmallRye never said",
      })
  void rewritesSmallRyeMessagesIntoKeyColonProblem(String smallrye, String line) {
    assertThat(StartupFailureReport.fromSmallRye(smallrye).toString()).isEqualTo(line);
  }

  @Test
  void collectsProblemsFromTheWholeCauseChain() {
    ConfigValidationException validation =
        new ConfigValidationException(
            new Problem[] {
              new Problem(
                  "SRCFG00014: The config property a.b is required but it could not be found in any"
                      + " config source"),
              new Problem("SRCFG00050: a.c in EnvConfigSource does not map to any root")
            });
    RuntimeException failure = new RuntimeException("Failed to start", validation);

    assertThat(StartupFailureReport.lines(failure))
        .containsExactly(
            "a.b: required, but not set",
            "a.c: unknown key (check the spelling; see docs/configuration.md)");
    assertThat(StartupFailureReport.isConfigurationFailure(failure)).isTrue();
  }

  @Test
  void printsTheCheckProblemsRedacted() {
    ConfigProblemsException problems =
        new ConfigProblemsException(
            List.of(new ConfigProblem("ddns.records[0].dyndns2.url", "bad url https://u:p@h/")));
    assertThat(StartupFailureReport.lines(new RuntimeException(problems)))
        .containsExactly("ddns.records[0].dyndns2.url: bad url https://***@h/");
  }

  @Test
  void eachProblemNamesTheFileAndLineOrTheEnvironmentVariableItCameFrom(@TempDir Path dir)
      throws Exception {
    Path named = Files.writeString(dir.resolve("ddns.yaml"), "ddns:\n  interval: 5 minutes\n");
    Path local =
        Files.writeString(
            dir.resolve("application.yaml"), "ddns:\n  records:\n    - provider: none\n");
    ConfigFiles files =
        ConfigFiles.of(Map.of("QUARKUS_CONFIG_LOCATIONS", named.toString()), dir, null);
    ConfigValidationException validation =
        new ConfigValidationException(
            new Problem[] {
              new Problem(
                  "SRCFG00039: The config property ddns.interval with the config value \"5"
                      + " minutes\" threw an Exception whilst being converted Invalid duration: 5"
                      + " minutes"),
              new Problem(
                  "SRCFG00014: The config property ddns.records[0].name is required but it could"
                      + " not be found in any config source"),
              new Problem(
                  "SRCFG00039: The config property ddns.timeout with the config value \"soon\""
                      + " threw an Exception whilst being converted Invalid duration: soon"),
              new Problem(
                  "SRCFG00014: The config property ddns.x is required but it could not be found"
                      + " in any config source"),
            });

    assertThat(
            StartupFailureReport.lines(
                new RuntimeException(validation), files, Map.of("DDNS_TIMEOUT", "soon")))
        .containsExactly(
            named
                + ":2: ddns.interval: \"5 minutes\" is not valid (durations: 90s, 5m, 1h or PT5M)",
            local + ":3: ddns.records[0].name: required, but not set",
            "env DDNS_TIMEOUT: ddns.timeout: \"soon\" is not valid (durations: 90s, 5m, 1h or PT5M)",
            "ddns.x: required, but not set");
  }

  @Test
  void aFileThatIsNotYamlIsNamedWithItsLineAndColumn(@TempDir Path dir) throws Exception {
    Path named = Files.writeString(dir.resolve("ddns.yaml"), "a:\n  b: 1\n c: 2\n");
    Path local = Files.writeString(dir.resolve("application.yaml"), "a: 1\n");
    ConfigFiles files =
        ConfigFiles.of(Map.of("QUARKUS_CONFIG_LOCATIONS", named.toString()), dir, null);
    RuntimeException failure =
        new RuntimeException(new org.yaml.snakeyaml.parser.ParserException("x", null, "y", null));

    assertThat(StartupFailureReport.lines(failure, files, Map.of()))
        .singleElement()
        .asString()
        .startsWith(named + ":3:2: not valid YAML: ")
        .doesNotContain(local.toString());
    assertThat(StartupFailureReport.isConfigurationFailure(failure)).isTrue();
  }

  @Test
  void anyOtherFailureIsOneRedactedLine() {
    RuntimeException failure =
        new RuntimeException(new IllegalStateException("no route to https://h/?token=abcd"));
    assertThat(StartupFailureReport.lines(failure))
        .containsExactly(
            "start-up failed: java.lang.IllegalStateException: no route to https://h/?token=***");
    assertThat(StartupFailureReport.isConfigurationFailure(failure)).isFalse();
  }
}
