package dev.haremote.common.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.suite.health.SuiteReadinessCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class SuiteReadinessCheckTest {
  @Test
  void downWithDataUntilTheFirstRoundIsDoneThenUp() {
    SuiteReadiness readiness = new SuiteReadiness();
    SuiteReadinessCheck check = new SuiteReadinessCheck(readiness);

    HealthCheckResponse before = check.call();
    assertThat(before.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(before.getData().orElseThrow()).containsEntry("first_round_done", false);

    readiness.firstRoundDone("a-service");
    assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
  }
}
