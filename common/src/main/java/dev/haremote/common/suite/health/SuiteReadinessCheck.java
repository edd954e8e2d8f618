package dev.haremote.common.suite.health;

import dev.haremote.common.suite.SuiteReadiness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready = configuration valid (else the service would not have started) and the first round of
 * checks done, so that Home Assistant never reads a status made of placeholders.
 */
@Readiness
@ApplicationScoped
public class SuiteReadinessCheck implements HealthCheck {
  private final SuiteReadiness readiness;

  public SuiteReadinessCheck(SuiteReadiness readiness) {
    this.readiness = readiness;
  }

  @Override
  public HealthCheckResponse call() {
    if (readiness.isFirstRoundDone()) {
      return HealthCheckResponse.named("first-round")
          .up()
          .withData("first_round_done", true)
          .build();
    }
    return HealthCheckResponse.named("first-round")
        .down()
        .withData("first_round_done", false)
        .withData(
            "reason",
            readiness.waitingFor().isEmpty()
                ? "the first round of checks has not finished yet"
                : "the first round of checks has not finished yet in "
                    + String.join(", ", readiness.waitingFor()))
        .build();
  }
}
