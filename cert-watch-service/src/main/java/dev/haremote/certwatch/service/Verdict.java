package dev.haremote.certwatch.service;

/**
 * What a status entry concludes: the first thing wrong, and whether (and why) Home Assistant's
 * problem sensor is on.
 *
 * @param error the first thing wrong ({@code Reason} code), or null
 * @param errorDetail a sentence for people about {@code error}, or null
 * @param problem whether Home Assistant's problem sensor is on
 * @param problemReason the code that turned it on: the error, {@code renewal_overdue} or {@code
 *     expiring}
 * @param advice what to do about it, or null
 */
record Verdict(
    String error, String errorDetail, boolean problem, String problemReason, String advice) {

  /**
   * @param problemReason the error if any, else a renewal reason, else null (no problem)
   */
  static Verdict of(String error, String errorDetail, String problemReason, String advice) {
    return new Verdict(error, errorDetail, problemReason != null, problemReason, advice);
  }
}
