package dev.haremote.common.suite.plumbing;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A value of the wrong type and a misspelt key stop start-up: one line each, no stack trace. */
@QuarkusMainTest
@TestProfile(ConfigErrorsAtStartupTest.BadKeys.class)
class ConfigErrorsAtStartupTest {
  public static class BadKeys implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("suiteprobe.interval", "soon", "suiteprobe.intervall", "5m");
    }
  }

  @Test
  @Launch(
      value = {},
      exitCode = 1)
  void printsOneLinePerProblemAndNoStackTrace(LaunchResult result) {
    assertThat(result.getErrorStream())
        .containsExactlyInAnyOrder(
            "suiteprobe.interval: \"soon\" is not valid (durations: 90s, 5m, 1h or PT5M)",
            "suiteprobe.intervall: unknown key (check the spelling; see docs/configuration.md)");
    StartupOutput.assertNoStackTrace(result);
  }
}
