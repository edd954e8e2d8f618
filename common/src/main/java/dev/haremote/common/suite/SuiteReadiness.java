package dev.haremote.common.suite;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Readiness as the contract defines it: configuration valid and the first round of checks done. A
 * service calls {@link #firstRoundDone()} after its first complete round; the readiness health
 * check in common reads it.
 */
@ApplicationScoped
public class SuiteReadiness {
  private final AtomicBoolean firstRoundDone = new AtomicBoolean();

  public void firstRoundDone() {
    firstRoundDone.set(true);
  }

  public boolean isFirstRoundDone() {
    return firstRoundDone.get();
  }
}
