package dev.haremote.common.suite.plumbing;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.LaunchResult;

final class StartupOutput {
  private StartupOutput() {}

  static void assertNoStackTrace(LaunchResult result) {
    String all = result.getOutput() + "\n" + result.getErrorOutput();
    assertThat(all).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("SRCFG");
  }
}
