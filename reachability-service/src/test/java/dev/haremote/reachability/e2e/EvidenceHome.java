package dev.haremote.reachability.e2e;

import dev.haremote.labkit.certs.IssuedCert;
import dev.haremote.labkit.certs.TestPki;
import dev.haremote.labkit.dns.TestDnsServer;
import dev.haremote.labkit.homeassistant.HomeAssistantStandIn;
import dev.haremote.labkit.http.HttpExchange;
import dev.haremote.labkit.http.MiniHttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A home where the evidence is mixed, as issue #14 measured it: ddns-service infers CG-NAT from an
 * empty UPnP answer, a peer outside answers per IP family, and the home's DNS rewrite has gone
 * stale. Each target is one of those situations; the peer's answers are fixed per URL.
 */
public class EvidenceHome implements QuarkusTestResourceLifecycleManager {
  static final String API_TOKEN = "suite-token-for-evidence-tests-01";
  private static final String PEER_TOKEN = "token-for-the-evidence-peer";

  /** URL to the peer's answer: ipv4 reachable?, ipv6 reachable? (absent: not on its list). */
  private static final Map<String, boolean[]> PEER_SAYS = new LinkedHashMap<>();

  private final HomeResources running = new HomeResources();

  @Override
  public Map<String, String> start() {
    try {
      return startHome();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Map<String, String> startHome() throws IOException {
    Path dir = Files.createTempDirectory("reach-evidence-");
    TestPki pki = TestPki.create("reach-evidence");
    Path ca = Files.writeString(dir.resolve("ca.pem"), IssuedCert.pem(List.of(pki.root())));
    InetAddress v4 = InetAddress.getByName("127.0.0.1");
    InetAddress v6 = InetAddress.getByName("::1");
    TestDnsServer inside = keep(TestDnsServer.start());
    TestDnsServer outside = keep(TestDnsServer.start());

    // Home Assistant over IPv4 for the stale-rewrite and the proof targets.
    HomeAssistantStandIn ha4 =
        keep(
            HomeAssistantStandIn.options()
                .bind(v4)
                .tls(pki.leaf().dns("stale.ha.test", "proof.ha.test").issue(), true)
                .start());
    // Home Assistant over IPv6 only: the CG-NAT home whose IPv6 works.
    HomeAssistantStandIn ha6 =
        keep(
            HomeAssistantStandIn.options()
                .bind(v6)
                .tls(pki.leaf().dns("cg6.ha.test").issue(), true)
                .start());

    Map<String, String> config = new LinkedHashMap<>();
    // 1. The rewrite answers an old inside address where nothing listens; the public address is
    // Home Assistant's, and the peer gets through.
    inside.add("stale.ha.test", "A", 60, "127.0.0.99");
    outside.add("stale.ha.test", "A", 60, "127.0.0.1");
    target(config, 0, "stale", "https://stale.ha.test:" + ha4.port(), "ipv4", true, false);
    // 2. CG-NAT with IPv6 working: the peer fails over IPv4, reaches Home Assistant over IPv6.
    for (TestDnsServer s : List.of(inside, outside)) {
      s.add("cg6.ha.test", "A", 60, "127.0.0.1");
      s.add("cg6.ha.test", "AAAA", 60, "::1");
    }
    target(config, 1, "cg6", "https://cg6.ha.test:" + ha6.port(), "ipv4,ipv6", false, true);
    // 3. CG-NAT inferred from the empty UPnP answer, but the peer reaches Home Assistant over IPv4.
    for (TestDnsServer s : List.of(inside, outside)) {
      s.add("proof.ha.test", "A", 60, "127.0.0.1");
    }
    target(config, 2, "proof", "https://proof.ha.test:" + ha4.port(), "ipv4", true, false);

    MiniHttpServer ddns =
        keep(MiniHttpServer.start(v4, 0, ex -> ex.respond(200, "application/json", DDNS_STATUS)));
    MiniHttpServer peer = keep(MiniHttpServer.start(v4, 0, EvidenceHome::peer));

    config.put("quarkus.http.test-port", "0");
    config.put("suite.api-token", API_TOKEN);
    config.put("reachability.interval", "1h");
    config.put("reachability.timeout", "4s");
    config.put("reachability.failure-threshold", "1");
    config.put("reachability.success-threshold", "1");
    config.put("reachability.resolvers.internal", inside.hostPort());
    config.put("reachability.resolvers.public", outside.hostPort());
    config.put("reachability.trust.extra-ca-file", ca.toString());
    config.put("reachability.ddns-url", "http://127.0.0.1:" + ddns.port());
    config.put("reachability.peers[0].url", "http://127.0.0.1:" + peer.port());
    config.put(
        "reachability.peers[0].token-file",
        Files.writeString(dir.resolve("peer-token"), PEER_TOKEN).toString());
    return config;
  }

  /**
   * ddns-service as it answers behind Debian's miniupnpd with a private WAN: an empty UPnP address
   * while the echoes see one, so {@code cgnat: true} (an inference).
   */
  private static final String DDNS_STATUS =
      "{\"checked_at\":\"2026-12-02T06:00:00Z\",\"in_sync\":null,\"public_ipv4\":\"127.0.0.1\","
          + "\"public_ipv6\":null,\"sources_agree\":true,\"cgnat\":true,\"double_nat\":null,"
          + "\"router_wan_address\":null,\"records\":[]}";

  private static void target(
      Map<String, String> config,
      int index,
      String id,
      String url,
      String families,
      boolean peerV4,
      boolean peerV6) {
    String key = "reachability.targets[" + index + "]";
    config.put(key + ".id", id);
    config.put(key + ".url", url);
    config.put(key + ".families", families);
    PEER_SAYS.put(url, new boolean[] {peerV4, peerV6});
  }

  /** A peer that answers per family, as the current peer endpoint does. */
  private static void peer(HttpExchange ex) throws IOException {
    if (!("Bearer " + PEER_TOKEN).equals(ex.header("authorization"))) {
      ex.respond(401, "application/json", "{\"error\":\"token\"}");
      return;
    }
    String body = new String(ex.body(), StandardCharsets.UTF_8);
    for (Map.Entry<String, boolean[]> e : PEER_SAYS.entrySet()) {
      if (body.contains("\"" + e.getKey() + "\"")) {
        boolean v4 = e.getValue()[0];
        boolean v6 = e.getValue()[1];
        ex.respond(
            200,
            "application/json",
            "{\"url\":\""
                + e.getKey()
                + "\",\"reachable\":"
                + v4
                + ",\"verdict\":\""
                + (v4 ? "ok" : "port_closed")
                + "\",\"ipv4\":"
                + family(v4)
                + ",\"ipv6\":"
                + family(v6)
                + "}");
        return;
      }
    }
    ex.respond(403, "application/json", "{\"error\":\"url is not on this peer's allow-list\"}");
  }

  private static String family(boolean reachable) {
    return "{\"reachable\":"
        + reachable
        + ",\"verdict\":\""
        + (reachable ? "ok" : "port_closed")
        + "\"}";
  }

  private <T extends AutoCloseable> T keep(T resource) {
    return running.keep(resource);
  }

  @Override
  public void stop() {
    running.closeAll();
    PEER_SAYS.clear();
  }
}
