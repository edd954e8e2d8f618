package dev.haremote.labkit.ddns;

import java.util.Map;

/**
 * DuckDNS's update API: {@code GET /update?domains=LABEL&token=T&ip=V4&ipv6=V6&verbose=true}.
 * Answers {@code KO} for a wrong token or an unknown domain, like the real service (which never
 * says why); with {@code verbose=true}: {@code OK\nIPv4\nIPv6\nUPDATED|NOCHANGE}.
 */
public final class DuckDnsStandIn extends ProviderStandIn {
  private final String token;
  private final String domain;
  private volatile String ipv4 = "";
  private volatile String ipv6 = "";

  /**
   * @param domain the label, e.g. {@code my-home} for {@code my-home.duckdns.org}
   */
  public DuckDnsStandIn(String token, String domain) {
    this.token = token;
    this.domain = domain;
  }

  /** The endpoint for {@code ddns.records[i].duckdns.url}. */
  public String updateUrl() {
    return baseUrl() + "/update";
  }

  @Override
  protected Canned respond(Received request) {
    Map<String, String> q = query(request.pathAndQuery());
    if (!request.pathAndQuery().startsWith("/update")
        || !token.equals(q.get("token"))
        || !domain.equals(q.get("domains"))) {
      return text(200, "KO");
    }
    boolean changed = false;
    String v4 = q.getOrDefault("ip", "");
    String v6 = q.get("ipv6");
    if (!v4.isEmpty() && !v4.equals(ipv4)) {
      ipv4 = v4;
      changed = true;
      changed(new Change(domain + ".duckdns.org", "A", v4));
    }
    if (v6 != null && !v6.isEmpty() && !v6.equals(ipv6)) {
      ipv6 = v6;
      changed = true;
      changed(new Change(domain + ".duckdns.org", "AAAA", v6));
    }
    if (!"true".equals(q.get("verbose"))) {
      return text(200, "OK");
    }
    return text(200, "OK\n" + ipv4 + "\n" + ipv6 + "\n" + (changed ? "UPDATED" : "NOCHANGE"));
  }
}
