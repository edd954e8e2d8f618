package dev.haremote.reachability.e2e;

import dev.haremote.labkit.certs.IssuedCert;
import dev.haremote.labkit.certs.TestPki;
import dev.haremote.labkit.dns.TestDnsServer;
import dev.haremote.labkit.globalping.GlobalpingStandIn;
import dev.haremote.labkit.homeassistant.HomeAssistantStandIn;
import dev.haremote.labkit.http.MiniHttpServer;
import dev.haremote.labkit.net.ClosedPort;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Homes without any peer, seen from outside only by the Globalping stand-in, whose probes really
 * connect: its "internet" routes each name and family to where a probe outside would get (the
 * home's Home Assistant through a working forward, or a refusing port). With {@code variant=cgnat}
 * ddns-service infers CG-NAT for every target. Target ids start with {@code gp-}: metric series of
 * other test applications in the same JVM must not share their labels.
 *
 * <ul>
 *   <li>hairpin: the name's address (127.0.0.30) does not answer from inside, the forward works
 *       from outside;
 *   <li>closed: nothing answers from inside nor from outside;
 *   <li>v6open / v6closed: Home Assistant on 127.0.0.1 and ::1; from outside IPv6 gets in, or is
 *       refused (the router's IPv6 firewall);
 *   <li>proof / cgnat (variant cgnat): the outside reaches Home Assistant over IPv4, or does not.
 * </ul>
 */
public class GlobalpingHome implements QuarkusTestResourceLifecycleManager {
  static final String API_TOKEN = "suite-token-for-globalping-tests-1";
  static final String CANARY = "gp-canary-token-5b1e0d77";

  /** The stand-in of the running test (one Quarkus application at a time). */
  static volatile GlobalpingStandIn api;

  static volatile int port;

  private final HomeResources running = new HomeResources();
  private boolean cgnat;

  @Override
  public void init(Map<String, String> initArgs) {
    cgnat = "cgnat".equals(initArgs.get("variant"));
  }

  @Override
  public Map<String, String> start() {
    try {
      return startHome();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Map<String, String> startHome() throws IOException {
    Path dir = Files.createTempDirectory("reach-globalping-");
    TestPki pki = TestPki.create("reach-globalping");
    Path ca = Files.writeString(dir.resolve("ca.pem"), IssuedCert.pem(List.of(pki.root())));
    IssuedCert cert =
        pki.leaf()
            .dns(
                "hairpin.ha.test",
                "closed.ha.test",
                "v6open.ha.test",
                "v6closed.ha.test",
                "proof.ha.test",
                "cgnat.ha.test")
            .issue();
    InetAddress v4 = InetAddress.getByName("127.0.0.1");
    InetAddress v6 = InetAddress.getByName("::1");
    port = dualStack(v4, v6, cert);
    int closed4 = keep(new ClosedPort(v4)).port();
    int closed6 = keep(new ClosedPort(v6)).port();

    TestDnsServer inside = keep(TestDnsServer.start());
    TestDnsServer outside = keep(TestDnsServer.start());
    Map<String, String> config = new LinkedHashMap<>();
    List<String[]> targets = new ArrayList<>();
    if (cgnat) {
      dns(inside, outside, "proof.ha.test", "127.0.0.1", null);
      dns(inside, outside, "cgnat.ha.test", "127.0.0.1", null);
      targets.add(new String[] {"gp-proof", "proof.ha.test", "ipv4"});
      targets.add(new String[] {"gp-cgnat", "cgnat.ha.test", "ipv4"});
      MiniHttpServer ddns =
          keep(MiniHttpServer.start(v4, 0, ex -> ex.respond(200, "application/json", DDNS_CGNAT)));
      config.put("reachability.ddns-url", "http://127.0.0.1:" + ddns.port());
    } else {
      dns(inside, outside, "hairpin.ha.test", "127.0.0.30", null);
      dns(inside, outside, "closed.ha.test", "127.0.0.30", null);
      dns(inside, outside, "v6open.ha.test", "127.0.0.1", "::1");
      dns(inside, outside, "v6closed.ha.test", "127.0.0.1", "::1");
      targets.add(new String[] {"gp-hairpin", "hairpin.ha.test", "ipv4"});
      targets.add(new String[] {"gp-closed", "closed.ha.test", "ipv4"});
      targets.add(new String[] {"gp-v6open", "v6open.ha.test", "ipv4,ipv6"});
      targets.add(new String[] {"gp-v6closed", "v6closed.ha.test", "ipv4,ipv6"});
    }
    for (int i = 0; i < targets.size(); i++) {
      String key = "reachability.targets[" + i + "]";
      config.put(key + ".id", targets.get(i)[0]);
      config.put(key + ".url", "https://" + targets.get(i)[1] + ":" + port);
      config.put(key + ".families", targets.get(i)[2]);
    }

    GlobalpingStandIn.Internet internet =
        (host, ipVersion, p) -> {
          boolean six = ipVersion == 6;
          InetSocketAddress home = new InetSocketAddress(six ? v6 : v4, p);
          InetSocketAddress refused =
              six ? new InetSocketAddress(v6, closed6) : new InetSocketAddress(v4, closed4);
          return switch (host) {
            case "hairpin.ha.test", "v6open.ha.test", "proof.ha.test" -> home;
            case "v6closed.ha.test" -> six ? refused : home;
            case "closed.ha.test" -> new InetSocketAddress("127.0.0.30", p);
            case "cgnat.ha.test" -> refused;
            default -> null;
          };
        };
    api =
        keep(
            GlobalpingStandIn.options()
                .trust(List.of(pki.root()))
                .token(CANARY)
                .internet(internet)
                .start());

    config.put("quarkus.http.test-port", "0");
    config.put("suite.api-token", API_TOKEN);
    config.put("reachability.interval", "1h");
    config.put("reachability.timeout", "4s");
    config.put("reachability.failure-threshold", "1");
    config.put("reachability.success-threshold", "1");
    config.put("reachability.resolvers.internal", inside.hostPort());
    config.put("reachability.resolvers.public", outside.hostPort());
    config.put("reachability.trust.extra-ca-file", ca.toString());
    config.put("reachability.outside.globalping.enabled", "true");
    config.put("reachability.outside.globalping.url", api.url());
    config.put(
        "reachability.outside.globalping.token-file",
        Files.writeString(dir.resolve("globalping-token"), CANARY + "\n").toString());
    config.put("reachability.outside.globalping.interval", "1h");
    config.put("reachability.outside.globalping.timeout", "20s");
    return config;
  }

  /** ddns-service inferring CG-NAT (an empty UPnP answer while the echoes see an address). */
  private static final String DDNS_CGNAT =
      "{\"checked_at\":\"2026-12-02T06:00:00Z\",\"in_sync\":null,\"public_ipv4\":\"127.0.0.1\","
          + "\"public_ipv6\":null,\"sources_agree\":true,\"cgnat\":true,\"double_nat\":null,"
          + "\"router_wan_address\":null,\"records\":[]}";

  /** Home Assistant on 127.0.0.1 and ::1 on the same port. */
  private int dualStack(InetAddress v4, InetAddress v6, IssuedCert cert) throws IOException {
    for (int attempt = 0; attempt < 20; attempt++) {
      HomeAssistantStandIn six = HomeAssistantStandIn.options().bind(v6).tls(cert, true).start();
      try {
        keep(HomeAssistantStandIn.options().bind(v4).port(six.port()).tls(cert, true).start());
        keep(six);
        return six.port();
      } catch (BindException e) {
        six.close();
      }
    }
    throw new IOException("no port free on both 127.0.0.1 and ::1");
  }

  private static void dns(
      TestDnsServer inside, TestDnsServer outside, String name, String a, String aaaa) {
    for (TestDnsServer s : List.of(inside, outside)) {
      if (a != null) {
        s.add(name, "A", 60, a);
      }
      if (aaaa != null) {
        s.add(name, "AAAA", 60, aaaa);
      }
    }
  }

  private <T extends AutoCloseable> T keep(T resource) {
    return running.keep(resource);
  }

  @Override
  public void stop() {
    running.closeAll();
  }
}
