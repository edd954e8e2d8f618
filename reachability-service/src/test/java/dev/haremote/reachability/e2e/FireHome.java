package dev.haremote.reachability.e2e;

import dev.haremote.labkit.dns.TestDnsServer;
import dev.haremote.labkit.homeassistant.HomeAssistantStandIn;
import dev.haremote.labkit.http.HttpExchange;
import dev.haremote.labkit.http.MiniHttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A home under fire, on loopback: a target whose answer drips one byte a second while {@link
 * #hostile} is set (else it answers at once), a working Home Assistant, a ddns-service stand-in and
 * a peer stand-in that drip too while hostile (ddns-service's answer can instead carry a {@code
 * public_ipv4} that is no address), and this instance serving as a peer whose allow-list names a
 * host re-pointed at its own loopback.
 */
public class FireHome implements QuarkusTestResourceLifecycleManager {
  static final String API_TOKEN = "suite-token-for-fire-tests-012345";
  static final String PEER_TOKEN = "peer-token-for-fire-tests-987654";
  static final long TIMEOUT_MILLIS = 2000;

  /** Drip (one byte a second) on the slow target, the ddns-service and the peer stand-ins. */
  static volatile boolean hostile;

  /** ddns-service's public_ipv4, written into its JSON as it is. */
  static volatile String ddnsPublicIpv4 = "127.0.0.1";

  /** The last body the peer stand-in was sent (to read timeout_ms from). */
  static final AtomicReference<String> lastPeerRequest = new AtomicReference<>();

  /** Requests that reached the page behind the re-pointed name (must stay 0). */
  static final AtomicInteger ownPageRequests = new AtomicInteger();

  static Path peerTokenFile;
  static String ownUrl;

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
    Path dir = Files.createTempDirectory("reach-fire-");
    InetAddress v4 = InetAddress.getByName("127.0.0.1");
    TestDnsServer dns = running.keep(TestDnsServer.start());
    MiniHttpServer slow = running.keep(MiniHttpServer.start(v4, 0, FireHome::slowPage));
    HomeAssistantStandIn ha = running.keep(HomeAssistantStandIn.options().bind(v4).start());
    MiniHttpServer ddns = running.keep(MiniHttpServer.start(v4, 0, FireHome::ddnsStatus));
    MiniHttpServer peer = running.keep(MiniHttpServer.start(v4, 0, FireHome::peer));
    // A page on "the peer's own loopback" that a re-pointed allow-listed name must never reach.
    MiniHttpServer own =
        running.keep(
            MiniHttpServer.start(
                v4,
                0,
                ex -> {
                  ownPageRequests.incrementAndGet();
                  ex.respond(200, "text/html", "<title>Router admin (secret)</title>");
                }));
    for (String name : new String[] {"slow.fire.test", "ok.fire.test", "own.fire.test"}) {
      dns.add(name, "A", 60, "127.0.0.1");
    }
    ownUrl = "http://own.fire.test:" + own.port();
    peerTokenFile = dir.resolve("peer-token");
    Files.writeString(peerTokenFile, PEER_TOKEN + "\n");
    Path ourPeerToken = Files.writeString(dir.resolve("our-peer-token"), "to-the-stand-in");

    Map<String, String> config = new LinkedHashMap<>();
    config.put("quarkus.http.test-port", "0");
    config.put("suite.api-token", API_TOKEN);
    config.put("reachability.interval", "1h");
    config.put("reachability.timeout", TIMEOUT_MILLIS + "ms");
    config.put("reachability.failure-threshold", "1");
    config.put("reachability.success-threshold", "1");
    config.put("reachability.resolvers.internal", dns.hostPort());
    config.put("reachability.resolvers.public", dns.hostPort());
    config.put("reachability.targets[0].id", "slow");
    config.put("reachability.targets[0].url", "http://slow.fire.test:" + slow.port());
    config.put("reachability.targets[1].id", "ok");
    config.put("reachability.targets[1].url", "http://ok.fire.test:" + ha.port());
    config.put("reachability.ddns-url", "http://127.0.0.1:" + ddns.port());
    config.put("reachability.peers[0].url", "http://127.0.0.1:" + peer.port());
    config.put("reachability.peers[0].token-file", ourPeerToken.toString());
    config.put("reachability.peer.enabled", "true");
    config.put("reachability.peer.token-file", peerTokenFile.toString());
    config.put("reachability.peer.allow-list", ownUrl);
    return config;
  }

  private static void slowPage(HttpExchange ex) throws IOException {
    if (!hostile) {
      ex.respond(404, "text/plain", "not here");
      return;
    }
    drip(ex);
  }

  private static void ddnsStatus(HttpExchange ex) throws IOException {
    if (hostile) {
      drip(ex);
      return;
    }
    ex.respond(
        200,
        "application/json",
        "{\"public_ipv4\":\"" + ddnsPublicIpv4 + "\",\"cgnat\":false,\"records\":[]}");
  }

  private static void peer(HttpExchange ex) throws IOException {
    lastPeerRequest.set(new String(ex.body(), StandardCharsets.UTF_8));
    if (hostile) {
      drip(ex);
      return;
    }
    ex.respond(200, "application/json", "{\"reachable\":true,\"verdict\":\"ok\"}");
  }

  /** Valid headers, then one byte a second for a minute. */
  private static void drip(HttpExchange ex) throws IOException {
    ex.writeHead(200, Map.of("Content-Type", "application/json", "Content-Length", "100000"));
    OutputStream out = ex.out();
    for (int i = 0; i < 60; i++) {
      out.write('{');
      out.flush();
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void stop() {
    running.closeAll();
  }
}
