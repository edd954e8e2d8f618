package dev.haremote.common.suite.startup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.suite.ConfigProblem;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.ConfigValidationException.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;
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
            + " | ddns.interval: \"soon\" is not valid: Invalid duration: soon",
        "SRCFG00039: The config property ddns.records[0].duckdns.token with the config value"
            + " \"abc\" threw an Exception whilst being converted x"
            + " | ddns.records[0].duckdns.token: the value is not valid: x",
        "SRCFG00050: ddns.recrods in YamlConfigSource[source=file:/a.yaml] does not map to any root"
            + " | ddns.recrods: unknown key (check the spelling; see docs/configuration.md)",
        "SRCFG00040: The config property certwatch.interval is defined as the empty String (\"\")"
            + " which the following Converter considered to be null: x"
            + " | certwatch.interval: must not be empty",
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
  void anyOtherFailureIsOneRedactedLine() {
    RuntimeException failure =
        new RuntimeException(new IllegalStateException("no route to https://h/?token=abcd"));
    assertThat(StartupFailureReport.lines(failure))
        .containsExactly(
            "start-up failed: java.lang.IllegalStateException: no route to https://h/?token=***");
    assertThat(StartupFailureReport.isConfigurationFailure(failure)).isFalse();
  }
}
