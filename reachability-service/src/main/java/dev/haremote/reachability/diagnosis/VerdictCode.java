package dev.haremote.reachability.diagnosis;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The diagnosis codes of docs/api.md: the first broken link from the app to Home Assistant. */
public enum VerdictCode {
  OK(Severity.OK, Link.NONE),
  DNS_UNRESOLVED(Severity.ERROR, Link.PUBLIC_NAME),
  /**
   * The resolvers did not answer (timeout, SERVFAIL, refused, unreachable): nothing is known about
   * the record itself.
   */
  DNS_ERROR(Severity.ERROR, Link.PUBLIC_NAME),
  DNS_DRIFT(Severity.ERROR, Link.RECORD),
  CGNAT(Severity.ERROR, Link.NAT),
  /** The router's WAN address is private: a second NAT device (the ISP's modem) is in front. */
  DOUBLE_NAT(Severity.ERROR, Link.NAT),
  /**
   * The home's DNS rewrite (split-brain DNS) sends the name to an address where Home Assistant does
   * not answer, while the public address works: fix the rewrite, not the router.
   */
  DNS_REWRITE_STALE(Severity.ERROR, Link.INSIDE_PATH),
  PORT_CLOSED(Severity.ERROR, Link.FORWARD),
  HAIRPIN_UNSUPPORTED(Severity.ERROR, Link.INSIDE_PATH),
  NOT_HOME_ASSISTANT(Severity.ERROR, Link.FORWARD),
  TLS_ERROR(Severity.ERROR, Link.TLS),
  CERT_EXPIRED(Severity.ERROR, Link.TLS),
  CERT_NAME_MISMATCH(Severity.ERROR, Link.TLS),
  CERT_UNTRUSTED(Severity.ERROR, Link.TLS),
  PROXY_UNTRUSTED(Severity.ERROR, Link.HTTP),
  /** Home Assistant banned the address this check comes from (ip_bans.yaml). */
  IP_BANNED(Severity.ERROR, Link.HTTP),
  WEBSOCKET_FAILED(Severity.ERROR, Link.WEBSOCKET),
  /** IPv4 works, IPv6 not: the app mostly still gets through (clients fall back to IPv4). */
  IPV6_PORT_MISMATCH(Severity.WARNING, Link.NONE),
  PLAIN_HTTP_EXPOSED(Severity.WARNING, Link.NONE),
  /** Home Assistant has no External URL: the app cannot learn the address that works. */
  HA_EXTERNAL_URL_MISSING(Severity.WARNING, Link.NONE),
  /** Home Assistant's External URL differs from the URL that works (scheme, name or port). */
  HA_EXTERNAL_URL_WRONG(Severity.WARNING, Link.NONE),
  /**
   * Home Assistant's Internal URL is the public name, which from inside works only through hairpin
   * NAT (and not at all when the internet is down).
   */
  HA_INTERNAL_URL_NEEDS_HAIRPIN(Severity.WARNING, Link.NONE),
  /**
   * This host has no route to the family's address (an IPv6 target from an IPv4-only pod): the
   * check cannot work from where the service runs, which says nothing about the home.
   */
  NO_ROUTE_FROM_HERE(Severity.UNKNOWN, Link.NONE);

  /**
   * The links of the guide's chain, in the order the app meets them: the public name, NAT in front
   * of the router, the DDNS record, the port forward (the way in from outside), the way from inside
   * (hairpin NAT or the DNS rewrite), then what both ways share: TLS, Home Assistant's HTTP answer,
   * the WebSocket. With several faults, the earliest link is the one to fix first.
   */
  public enum Link {
    PUBLIC_NAME,
    NAT,
    RECORD,
    FORWARD,
    INSIDE_PATH,
    TLS,
    HTTP,
    WEBSOCKET,
    /** Not a broken link (ok, or a warning). */
    NONE
  }

  private final Severity severity;
  private final Link link;

  VerdictCode(Severity severity, Link link) {
    this.severity = severity;
    this.link = link;
  }

  /** The link of the guide's chain this code is about. */
  public Link link() {
    return link;
  }

  public Severity severity() {
    return severity;
  }

  /** The form in JSON, metrics and Home Assistant: {@code port_closed}. */
  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the app gets through (ok or only a warning); false when not known. */
  public boolean reachable() {
    return severity == Severity.OK || severity == Severity.WARNING;
  }

  /** Whether this code says anything about the home (every code but the unknown one). */
  public boolean known() {
    return severity != Severity.UNKNOWN;
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
