package dev.haremote.common.suite.plumbing;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Problems found by ConfigCheck beans (common's token check and a service's own check) are all
 * printed at once, sorted by key, and the token itself is never printed.
 */
@QuarkusMainTest
@TestProfile(ConfigCheckProblemsAtStartupTest.Conflicting.class)
class ConfigCheckProblemsAtStartupTest {
  static final String TOKEN = "inline-token-4711";

  public static class Conflicting implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "suite.api-token", TOKEN,
          "suite.api-token-file", "/nonexistent-suite-test/token",
          "suiteprobe.problem", "must be checked");
    }
  }

  @Test
  @Launch(
      value = {},
      exitCode = 1)
  void printsEveryProblemSortedByKey(LaunchResult result) {
    assertThat(result.getErrorStream())
        .containsExactly(
            "suite.api-token: set either suite.api-token (env SUITE_API_TOKEN) or"
                + " suite.api-token-file, not both",
            "suite.api-token-file: secret file /nonexistent-suite-test/token does not exist",
            "suiteprobe.problem: must be checked");
    StartupOutput.assertNoStackTrace(result);
    assertThat(result.getOutput() + result.getErrorOutput()).doesNotContain(TOKEN);
  }
}
