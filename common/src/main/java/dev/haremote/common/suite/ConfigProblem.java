package dev.haremote.common.suite;

/**
 * One thing wrong with the configuration, printed as one line at start-up: {@code key: message},
 * e.g. {@code ddns.records[0].name: must not be empty}.
 */
public record ConfigProblem(String key, String message) {
  @Override
  public String toString() {
    return key + ": " + message;
  }
}
