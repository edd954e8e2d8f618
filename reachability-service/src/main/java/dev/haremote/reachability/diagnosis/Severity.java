package dev.haremote.reachability.diagnosis;

/** How bad a verdict is: a warning still counts as reachable. */
public enum Severity {
  OK,
  WARNING,
  ERROR
}
