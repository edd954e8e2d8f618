package dev.haremote.common.suite.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Alive while the process serves HTTP; failed checks are results, not a reason to restart. */
@Liveness
@ApplicationScoped
public class SuiteLivenessCheck implements HealthCheck {
  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.up("alive");
  }
}
