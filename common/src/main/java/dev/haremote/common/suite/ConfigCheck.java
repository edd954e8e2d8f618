package dev.haremote.common.suite;

import java.util.List;

/**
 * Implemented by each service (one CDI bean) to validate its configuration beyond what the
 * {@code @ConfigMapping} types already enforce. All problems are collected and reported at once.
 */
public interface ConfigCheck {
  List<ConfigProblem> problems();
}
