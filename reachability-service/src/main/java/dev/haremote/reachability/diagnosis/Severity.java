package dev.haremote.reachability.diagnosis;

/** How bad a verdict is: a warning still counts as reachable. */
public enum Severity {
  OK,
  WARNING,
  ERROR,
  /**
   * Not known from here: the check cannot work from where the service runs (no route). Neither
   * reachable nor unreachable, and no fault of the home.
   */
  UNKNOWN
}
