package dev.haremote.common.suite.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.suite.ConfigProblem;
import dev.haremote.common.suite.SuiteConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files as files: missing, a list at the top, unknown sections, unknown empty keys. */
class ConfigFileRulesTest {
  @TempDir Path dir;

  private List<String> problems(Map<String, String> env) {
    return ConfigFileRules.problems(ConfigFiles.of(env, dir, null)).stream()
        .map(ConfigProblem::toString)
        .toList();
  }

  @Test
  void aMissingLocationIsNamed() {
    Path missing = dir.resolve("ddns.yaml");
    assertThat(problems(Map.of("QUARKUS_CONFIG_LOCATIONS", missing.toString())))
        .containsExactly(
            "quarkus.config.locations: names "
                + missing
                + ", which does not exist (check the path or --config)");
  }

  @Test
  void aRelativeLocationOnTheClassPathIsNotMissingButOneNowhereIs() {
    // SmallRye reads a relative location that is no file from the class path (test profiles do).
    String onClassPath = "dev/haremote/common/suite/config/ConfigFileRulesTest.class";
    assertThat(problems(Map.of("QUARKUS_CONFIG_LOCATIONS", onClassPath))).isEmpty();
    assertThat(problems(Map.of("QUARKUS_CONFIG_LOCATIONS", "nowhere.yaml")))
        .containsExactly(
            "quarkus.config.locations: names "
                + dir.resolve("nowhere.yaml")
                + ", which does not exist (check the path or --config)");
  }

  @Test
  void aTopLevelListOrValueIsRefused() throws Exception {
    Path list = Files.writeString(dir.resolve("list.yaml"), "- ddns:\n    interval: 60s\n");
    Path value = Files.writeString(dir.resolve("value.yaml"), "just text\n");
    assertThat(problems(Map.of("QUARKUS_CONFIG_LOCATIONS", list + "," + value)))
        .containsExactly(
            list + ": the top level must be sections such as ddns: or suite:, not a list",
            value + ": the top level must be sections such as ddns: or suite:, not a single value");
  }

  @Test
  void anUnknownSectionIsNamedWithTheOneMeant() throws Exception {
    Files.writeString(
        dir.resolve("application.yaml"),
        "reachabilty:\n  interval: 60s\nddns.interval: 60s\n\"%prod\":\n  certwach:\n    a: 1\n"
            + "zzz: 1\n");
    assertThat(problems(Map.of()))
        .containsExactly(
            "reachabilty: unknown section (did you mean reachability?); the sections are"
                + " certwatch, ddns, mp, quarkus, reachability, smallrye, suite",
            "certwach: unknown section (did you mean certwatch?); the sections are certwatch,"
                + " ddns, mp, quarkus, reachability, smallrye, suite",
            "zzz: unknown section; the sections are certwatch, ddns, mp, quarkus, reachability,"
                + " smallrye, suite");
  }

  @Test
  void anUnknownKeyWithAnEmptyValueIsNamedAndKnownEmptyListsPass() throws Exception {
    Files.writeString(
        dir.resolve("application.yaml"),
        "suite:\n  protect-raeds: []\n  public-url:\n  api-token-file: {}\n");
    assertThat(
            UnmappedKeys.problems(ConfigFiles.of(Map.of(), dir, null), "suite", SuiteConfig.class)
                .stream()
                .map(ConfigProblem::toString))
        .containsExactly(
            "suite.protect-raeds: unknown key (did you mean suite.protect-reads?); see"
                + " docs/configuration.md for the keys");
  }
}
