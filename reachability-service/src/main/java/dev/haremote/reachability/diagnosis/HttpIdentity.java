package dev.haremote.reachability.diagnosis;

/** Who answered the HTTP requests. */
public enum HttpIdentity {
  /** {@code /manifest.json} names "Home Assistant". */
  HOME_ASSISTANT,
  /** Home Assistant's 400 to a forwarded request from a proxy it does not trust. */
  PROXY_REJECTED,
  /** Home Assistant's 403 to every request from an address it banned after failed logins. */
  BANNED,
  /** Something answered, but not Home Assistant (a router page, another web server). */
  OTHER,
  /** No complete HTTP answer before the deadline. */
  NO_ANSWER;

  /** Home Assistant answered, even if only to refuse the request. */
  public boolean isHomeAssistant() {
    return this == HOME_ASSISTANT || this == PROXY_REJECTED || this == BANNED;
  }
}
