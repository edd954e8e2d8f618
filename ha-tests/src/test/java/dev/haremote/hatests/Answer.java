package dev.haremote.hatests;

/**
 * What a client saw: an HTTP status with its content type and body, or for a WebSocket the upgrade
 * status and the first text frame. {@code failure} is set when no HTTP answer arrived at all.
 */
record Answer(String failure, int status, String contentType, String body) {
  @Override
  public String toString() {
    return failure != null
        ? "no answer: " + failure + (status != 0 ? " (status " + status + ")" : "")
        : status
            + " ["
            + contentType
            + "] "
            + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
  }
}
