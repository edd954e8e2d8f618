package dev.haremote.common.suite;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Readiness as the contract defines it: configuration valid and the first round of checks done. A
 * service calls {@link #firstRoundDone(String)} with its name after its first complete round; the
 * readiness health check in common reads it. In the one-process assembly all three services share
 * this bean, so the process is ready when each of them has finished its first round.
 */
@ApplicationScoped
public class SuiteReadiness {
  private final List<String> awaited;
  private final Set<String> done = ConcurrentHashMap.newKeySet();

  /** One service per process: its first round makes the process ready. */
  public SuiteReadiness() {
    this.awaited = List.of();
  }

  @Inject
  public SuiteReadiness(SuiteConfig config) {
    this.awaited =
        SuiteAssembly.ONE_PROCESS.equals(config.assembly())
            ? SuiteAssembly.ONE_PROCESS_SERVICES
            : List.of();
  }

  public void firstRoundDone(String service) {
    done.add(service);
  }

  public boolean isFirstRoundDone() {
    return awaited.isEmpty() ? !done.isEmpty() : done.containsAll(awaited);
  }

  /** The services whose first round is still awaited (empty when ready, or alone and not yet). */
  public List<String> waitingFor() {
    return awaited.stream().filter(service -> !done.contains(service)).toList();
  }
}
