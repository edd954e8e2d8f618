package dev.haremote.reachability.diagnosis;

/** Who answered the HTTP requests. */
public enum HttpIdentity {
  /** {@code /manifest.json} names "Home Assistant" or {@code /api/} answers 401 the way HA does. */
  HOME_ASSISTANT,
  /** Home Assistant's 400 to a forwarded request from a proxy it does not trust. */
  PROXY_REJECTED,
  /** Something answered, but not Home Assistant (a router page, another web server). */
  OTHER,
  /** No complete HTTP answer before the deadline. */
  NO_ANSWER
}
