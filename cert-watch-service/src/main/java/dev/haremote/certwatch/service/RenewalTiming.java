package dev.haremote.certwatch.service;

import dev.haremote.certwatch.renewal.RenewalSchedule;
import dev.haremote.certwatch.renewal.RenewalWindow;
import java.time.Instant;

/**
 * When the certificate should be renewed and where that came from: the CA's renewal information
 * (ARI) or two thirds of the lifetime.
 *
 * @param overdue null while no trusted "now" is known
 * @param source {@code ari} or {@code lifetime}
 * @param ariNote why the CA's renewal information (or part of it) was not used, or null
 */
record RenewalTiming(
    Instant dueAt,
    Boolean overdue,
    Instant windowEnd,
    String source,
    String ariExplanationUrl,
    String ariNote) {

  /** No certificate was read: only the note on the CA's renewal information can be said. */
  static RenewalTiming notRead(String ariNote) {
    return new RenewalTiming(
        /* dueAt */ null,
        /* overdue */ null,
        /* windowEnd */ null,
        /* source */ null,
        /* ariExplanationUrl */ null,
        ariNote);
  }

  /**
   * @param ariNote the caller's note on the CA's renewal information; the window's own note wins
   */
  static RenewalTiming of(RenewalSchedule.Verdict renewal, boolean timeKnown, String ariNote) {
    RenewalWindow window = renewal.window();
    return new RenewalTiming(
        renewal.dueAt(),
        timeKnown ? renewal.overdue() : null,
        window.end(),
        window.source(),
        window.explanationUrl(),
        window.note() != null ? window.note() : ariNote);
  }
}
