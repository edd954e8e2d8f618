package dev.haremote.common.suite.startup;

import dev.haremote.common.suite.ConfigCheck;
import dev.haremote.common.suite.ConfigProblem;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Asks every {@link ConfigCheck} bean for its problems before anything else starts, and stops
 * start-up with all of them at once (a user fixes five keys in one go, not in five restarts).
 */
@ApplicationScoped
public class ConfigValidation {

  // Before everything else observing StartupEvent, the Quarkus scheduler included (it starts at
  // priority 0 and fires a round at once): a refused configuration must not run a round first
  // (a stack trace per round in the start-up output, issue #19 item 15).
  void onStart(@Observes @Priority(-1) StartupEvent event, @Any Instance<ConfigCheck> checks) {
    List<ConfigProblem> problems = new ArrayList<>();
    for (ConfigCheck check : checks) {
      problems.addAll(check.problems());
    }
    // Sorted by key: the same configuration always prints the same lines in the same order.
    problems.sort(Comparator.comparing(ConfigProblem::key));
    if (!problems.isEmpty()) {
      throw new ConfigProblemsException(problems);
    }
  }
}
