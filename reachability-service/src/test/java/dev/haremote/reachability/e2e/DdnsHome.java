package dev.haremote.reachability.e2e;

import dev.haremote.labkit.certs.IssuedCert;
import dev.haremote.labkit.certs.TestPki;
import dev.haremote.labkit.dns.TestDnsServer;
import dev.haremote.labkit.homeassistant.HomeAssistantStandIn;
import dev.haremote.labkit.http.MiniHttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A home whose public address and record state come from a ddns-service stand-in that the test
 * changes between rounds: in sync or drifted, CG-NAT or not. Flap thresholds of 2.
 */
public class DdnsHome implements QuarkusTestResourceLifecycleManager {
  static final String API_TOKEN = "suite-token-for-ddns-tests-0123";
  private static volatile boolean inSync;
  private static TestDnsServer publicDns;
  static volatile boolean cgnat;
  static MiniHttpServer ddns;

  private final HomeResources running = new HomeResources();

  @Override
  public Map<String, String> start() {
    try {
      Path dir = Files.createTempDirectory("reach-ddns-");
      TestPki pki = TestPki.create("reach-ddns");
      Path ca = Files.writeString(dir.resolve("ca.pem"), IssuedCert.pem(List.of(pki.root())));
      InetAddress v4 = InetAddress.getByName("127.0.0.1");
      HomeAssistantStandIn ha =
          keep(
              HomeAssistantStandIn.options()
                  .bind(v4)
                  .tls(pki.leaf().dns("home.ha.test").issue(), true)
                  .start());
      TestDnsServer dns = keep(TestDnsServer.start());
      dns.add("home.ha.test", "A", 60, "127.0.0.1");
      publicDns = keep(TestDnsServer.start());
      inSync(false);
      ddns = keep(MiniHttpServer.start(v4, 0, ex -> ex.respond(200, "application/json", status())));
      Map<String, String> config = new LinkedHashMap<>();
      config.put("quarkus.http.test-port", "0");
      config.put("suite.api-token", API_TOKEN);
      config.put("reachability.interval", "1h");
      config.put("reachability.timeout", "5s");
      config.put("reachability.failure-threshold", "2");
      config.put("reachability.success-threshold", "2");
      config.put("reachability.resolvers.internal", dns.hostPort());
      config.put("reachability.resolvers.public", publicDns.hostPort());
      config.put("reachability.trust.extra-ca-file", ca.toString());
      config.put("reachability.ddns-url", "http://127.0.0.1:" + ddns.port());
      config.put("reachability.targets[0].id", "home");
      config.put("reachability.targets[0].url", "https://home.ha.test:" + ha.port());
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Drifted: the public resolvers answer an old address (127.0.0.9), ddns-service knows it. */
  static void inSync(boolean value) {
    inSync = value;
    publicDns.remove("home.ha.test", "A");
    publicDns.add("home.ha.test", "A", 60, value ? "127.0.0.1" : "127.0.0.9");
  }

  /** ddns-service's status JSON, as docs/api.md describes it. */
  static String status() {
    return "{\"checked_at\":\"2026-11-25T06:00:00Z\",\"in_sync\":"
        + inSync
        + ",\"public_ipv4\":\"127.0.0.1\",\"public_ipv6\":null,\"sources_agree\":true,\"cgnat\":"
        + cgnat
        + ",\"records\":[{\"name\":\"home.ha.test\",\"family\":\"ipv4\",\"expected\":\"127.0.0.1\","
        + "\"published\":\""
        + (inSync ? "127.0.0.1" : "127.0.0.9")
        + "\",\"in_sync\":"
        + inSync
        + ",\"drift_since\":null,\"ttl\":60,\"propagated\":true,\"last_update\":null,\"error\":null}]}";
  }

  private <T extends AutoCloseable> T keep(T resource) {
    return running.keep(resource);
  }

  @Override
  public void stop() {
    running.closeAll();
  }
}
