package dev.haremote.common.suite.startup;

import dev.haremote.common.suite.ConfigProblem;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Stops start-up with every problem the {@code ConfigCheck} beans found. */
public final class ConfigProblemsException extends ConfigurationException {
  private final transient List<ConfigProblem> problems;

  public ConfigProblemsException(List<ConfigProblem> problems) {
    super(message(problems), keys(problems));
    this.problems = List.copyOf(problems);
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String message(List<ConfigProblem> problems) {
    return problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n"));
  }

  private static Set<String> keys(List<ConfigProblem> problems) {
    return problems.stream()
        .map(ConfigProblem::key)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }
}
