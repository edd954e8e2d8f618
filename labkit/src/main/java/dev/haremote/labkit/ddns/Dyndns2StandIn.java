package dev.haremote.labkit.ddns;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dyndns2 protocol ({@code GET /nic/update?hostname=NAME&myip=ADDR} with basic auth), as No-IP
 * and Dynu speak it: {@code good ADDR}, {@code nochg ADDR}, {@code badauth} (HTTP 401), {@code
 * nohost}. Other answers ({@code abuse}, {@code 911}, ...) are set with {@link #answer}.
 */
public final class Dyndns2StandIn extends ProviderStandIn {
  private final String username;
  private final String password;
  private final String hostname;
  private final Map<String, String> current = new ConcurrentHashMap<>();

  public Dyndns2StandIn(String username, String password, String hostname) {
    this.username = username;
    this.password = password;
    this.hostname = hostname;
  }

  public String updateUrl() {
    return baseUrl() + "/nic/update";
  }

  @Override
  protected Canned respond(Received request) {
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(header(request, "Authorization"))) {
      return text(401, "badauth");
    }
    if (header(request, "User-Agent") == null) {
      return text(200, "badagent");
    }
    Map<String, String> q = query(request.pathAndQuery());
    String host = q.get("hostname");
    String ip = q.getOrDefault("myip", "");
    if (host == null || !host.contains(".")) {
      return text(200, "notfqdn");
    }
    if (!hostname.equalsIgnoreCase(host)) {
      return text(200, "nohost");
    }
    String type = ip.contains(":") ? "AAAA" : "A";
    if (ip.equals(current.get(type))) {
      return text(200, "nochg " + ip);
    }
    current.put(type, ip);
    changed(new Change(host, type, ip));
    return text(200, "good " + ip);
  }
}
