package dev.haremote.reachability.diagnosis;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The diagnosis codes of docs/api.md: the first broken link from the app to Home Assistant. */
public enum VerdictCode {
  OK(Severity.OK),
  DNS_UNRESOLVED(Severity.ERROR),
  DNS_DRIFT(Severity.ERROR),
  CGNAT(Severity.ERROR),
  PORT_CLOSED(Severity.ERROR),
  HAIRPIN_UNSUPPORTED(Severity.ERROR),
  NOT_HOME_ASSISTANT(Severity.ERROR),
  TLS_ERROR(Severity.ERROR),
  CERT_EXPIRED(Severity.ERROR),
  CERT_NAME_MISMATCH(Severity.ERROR),
  CERT_UNTRUSTED(Severity.ERROR),
  PROXY_UNTRUSTED(Severity.ERROR),
  /** Home Assistant banned the address this check comes from (ip_bans.yaml). */
  IP_BANNED(Severity.ERROR),
  WEBSOCKET_FAILED(Severity.ERROR),
  /** IPv4 works, IPv6 not: the app mostly still gets through (clients fall back to IPv4). */
  IPV6_PORT_MISMATCH(Severity.WARNING),
  PLAIN_HTTP_EXPOSED(Severity.WARNING);

  private final Severity severity;

  VerdictCode(Severity severity) {
    this.severity = severity;
  }

  public Severity severity() {
    return severity;
  }

  /** The form in JSON, metrics and Home Assistant: {@code port_closed}. */
  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the app gets through (ok or only a warning). */
  public boolean reachable() {
    return severity != Severity.ERROR;
  }

  public static VerdictCode parse(String code) {
    for (VerdictCode v : values()) {
      if (v.code().equals(code)) {
        return v;
      }
    }
    return null;
  }
}
