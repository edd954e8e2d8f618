package dev.haremote.common.http;

import java.time.Duration;

/**
 * The outcome of a WebSocket opening handshake and the first frame.
 *
 * @param failure null when the upgrade succeeded (101 with a valid Sec-WebSocket-Accept) and a
 *     first text frame arrived; else a stable code: {@code timeout}, {@code refused}, {@code tls},
 *     {@code not_upgraded}, {@code bad_accept}, {@code no_frame}, {@code malformed}
 * @param upgradeStatus the HTTP status of the upgrade response, or 0 when none arrived
 * @param firstTextFrame the payload of the first text frame (capped), or null
 * @param replyAnswer when the probe replied to the first frame, the next text frame, or null
 * @param replyFailure when it replied and no answer came, why
 * @param followUpAnswer when the probe asked once more after the reply's answer (Home Assistant: a
 *     command after {@code auth_ok}), the text frame that came back, or null
 */
public record WebSocketProbeResult(
    String failure,
    String failureDetail,
    int upgradeStatus,
    String firstTextFrame,
    String replyAnswer,
    String replyFailure,
    Duration duration,
    String followUpAnswer) {

  public WebSocketProbeResult(
      String failure,
      String failureDetail,
      int upgradeStatus,
      String firstTextFrame,
      String replyAnswer,
      String replyFailure,
      Duration duration) {
    this(
        failure,
        failureDetail,
        upgradeStatus,
        firstTextFrame,
        replyAnswer,
        replyFailure,
        duration,
        null);
  }

  /** The same result with the follow-up's answer. */
  public WebSocketProbeResult withFollowUpAnswer(String answer) {
    return new WebSocketProbeResult(
        failure,
        failureDetail,
        upgradeStatus,
        firstTextFrame,
        replyAnswer,
        replyFailure,
        duration,
        answer);
  }

  public boolean ok() {
    return failure == null;
  }
}
