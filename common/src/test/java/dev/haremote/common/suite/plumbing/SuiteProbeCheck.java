package dev.haremote.common.suite.plumbing;

import dev.haremote.common.suite.ConfigCheck;
import dev.haremote.common.suite.ConfigProblem;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** A service's ConfigCheck as the services write it; reports {@code suiteprobe.problem}. */
@ApplicationScoped
public class SuiteProbeCheck implements ConfigCheck {
  private final SuiteProbeConfig config;

  public SuiteProbeCheck(SuiteProbeConfig config) {
    this.config = config;
  }

  @Override
  public List<ConfigProblem> problems() {
    return config
        .problem()
        .map(p -> List.of(new ConfigProblem("suiteprobe.problem", p)))
        .orElse(List.of());
  }
}
