package dev.haremote.reachability.e2e;

import dev.haremote.labkit.certs.IssuedCert;
import dev.haremote.labkit.certs.TestPki;
import dev.haremote.labkit.dns.TestDnsServer;
import dev.haremote.labkit.homeassistant.HomeAssistantStandIn;
import dev.haremote.labkit.http.MiniHttpServer;
import dev.haremote.labkit.net.ClosedPort;
import dev.haremote.labkit.net.HangingServer;
import dev.haremote.labkit.nginx.NginxProcess;
import dev.haremote.labkit.tls.TlsTestServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A whole "home" on loopback, one target per diagnosis that one host can produce: Home Assistant
 * stand-ins over TLS (127.0.0.1 and ::1), a real nginx in front of them with and without WebSocket
 * headers and X-Forwarded-For trust, a router page, hanging endpoints, broken certificates, two DNS
 * servers (inside and outside view) and a stand-in peer. Distinct 127.0.0.x addresses play the
 * home's public address where a scenario needs one of its own (hairpin, plain http exposure).
 */
public class LoopbackHome implements QuarkusTestResourceLifecycleManager {
  static final String API_TOKEN = "suite-token-for-tests-0123456789";
  static final String PEER_TOKEN = "peer-token-for-tests-9876543210";
  static final String OUR_PEER_TOKEN = "token-we-send-to-the-stand-in-peer";

  /** Target id to the verdict it must produce. Filled by start(). */
  static final Map<String, String> EXPECTED = new LinkedHashMap<>();

  static TestPki pki;
  static TestDnsServer internalDns;
  static TestDnsServer publicDns;
  static NginxProcess nginx;
  static final String HA_TOKEN = "ha-long-lived-token-" + "x".repeat(160);
  static HomeAssistantStandIn haWithToken;
  static HomeAssistantStandIn haRefusingToken;
  static HomeAssistantStandIn haExpiredWithToken;
  static HomeAssistantStandIn haUntrusting;
  static HomeAssistantStandIn haTrusting;
  static MiniHttpServer redirector;
  static MiniHttpServer sink;
  static int okPort;
  static final Set<String> peerSaysReachable = ConcurrentHashMap.newKeySet();

  private final HomeResources running = new HomeResources();
  private final Map<String, String> config = new LinkedHashMap<>();
  private int index;
  private Path dir;

  @Override
  public Map<String, String> start() {
    try {
      return startHome();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Map<String, String> startHome() throws IOException {
    dir = Files.createTempDirectory("reach-e2e-");
    pki = TestPki.create("reach");
    Path ca = write("ca.pem", IssuedCert.pem(List.of(pki.root())));
    internalDns = keep(TestDnsServer.start());
    publicDns = keep(TestDnsServer.start());
    InetAddress v4 = addr("127.0.0.1");
    InetAddress v6 = addr("::1");

    // ok: Home Assistant with a good certificate, IPv4 and IPv6 on the same port.
    IssuedCert okCert = cert("ok.ha.test");
    okPort = samePortPair(okCert);
    dns("ok.ha.test", "127.0.0.1", "::1");
    target("ok", "https://ok.ha.test:" + okPort, "ipv4,ipv6", "ok");

    // IPv6 only, on ::1.
    HomeAssistantStandIn v6only = keep(ha(v6, cert("v6only.ha.test"), true));
    dns("v6only.ha.test", null, "::1");
    target("v6only", "https://v6only.ha.test:" + v6only.port(), "ipv6", "ok");

    // IPv4 works, the AAAA points where nothing listens on that port.
    HomeAssistantStandIn v4only = keep(ha(v4, cert("v6mismatch.ha.test"), true));
    dns("v6mismatch.ha.test", "127.0.0.1", "::1");
    target(
        "v6mismatch",
        "https://v6mismatch.ha.test:" + v4only.port(),
        "ipv4,ipv6",
        "ipv6_port_mismatch");

    // The inside knows the name, the public resolvers do not.
    internalDns.add("noname.ha.test", "A", 60, "127.0.0.1");
    target("noname", "https://noname.ha.test:" + okPort, "ipv4", "dns_unresolved");

    // Nothing listens; Home Assistant answers at its internal URL.
    int closed = keep(new ClosedPort(v4)).port();
    haTrusting =
        keep(HomeAssistantStandIn.options().bind(v4).behindProxy(true, "127.0.0.1").start());
    dns("closed.ha.test", "127.0.0.1", null);
    target("closed", "https://closed.ha.test:" + closed, "ipv4", "port_closed");
    config.put(
        "reachability.targets[" + (index - 1) + "].internal-url",
        "http://127.0.0.1:" + haTrusting.port());

    // Public address = inside answer, nothing answers from inside, the peer gets through.
    dns("hairpin.ha.test", "127.0.0.30", null);
    String hairpinUrl = "https://hairpin.ha.test:" + closed;
    peerSaysReachable.add(hairpinUrl);
    target("hairpin", hairpinUrl, "ipv4", "hairpin_unsupported");

    // Split-brain DNS in place: inside gets Home Assistant directly; the public address does not
    // answer from inside (no hairpin), the peer gets through: all is well.
    HomeAssistantStandIn split = keep(ha(v4, cert("split.ha.test"), true));
    internalDns.add("split.ha.test", "A", 60, "127.0.0.1");
    publicDns.add("split.ha.test", "A", 60, "127.0.0.31");
    String splitUrl = "https://split.ha.test:" + split.port();
    peerSaysReachable.add(splitUrl);
    target("split", splitUrl, "ipv4", "ok");

    // The router's own page answers (trusted certificate, not Home Assistant).
    TlsTestServer router =
        keep(
            TlsTestServer.start(
                v4,
                cert("router.ha.test"),
                true,
                ex ->
                    ex.respond(
                        200,
                        "text/html",
                        "<html><head><title>FRITZ!Box 7590</title></head><body>Login</body></html>")));
    dns("router.ha.test", "127.0.0.1", null);
    target("router", "https://router.ha.test:" + router.port(), "ipv4", "not_home_assistant");

    // Hanging endpoints: a TLS port that never answers the ClientHello, an HTTP port that never
    // answers the request.
    TlsTestServer stalling = keep(TlsTestServer.stalling(v4));
    dns("stall.ha.test", "127.0.0.1", null);
    target("stall", "https://stall.ha.test:" + stalling.port(), "ipv4", "tls_error");
    HangingServer hanging = keep(HangingServer.start(v4));
    dns("hang.ha.test", "127.0.0.1", null);
    target("hang", "http://hang.ha.test:" + hanging.port(), "ipv4", "not_home_assistant");

    // A Home Assistant token: auth_ok; a token HA refuses; a token never sent to a bad certificate.
    Path tokenFile = write("ha-token", HA_TOKEN + "\n");
    haWithToken = keep(tokenHa(v4, cert("token.ha.test"), HA_TOKEN));
    // Home Assistant's own External URL is the one that works: nothing to warn about.
    haWithToken.urls("https://token.ha.test:" + haWithToken.port(), null);
    dns("token.ha.test", "127.0.0.1", null);
    target("token", "https://token.ha.test:" + haWithToken.port(), "ipv4", "ok");
    config.put(lastTargetKey() + ".ha-token-file", tokenFile.toString());
    // Home Assistant's External URL still says http:// where only https:// works.
    HomeAssistantStandIn urlWrong = keep(tokenHa(v4, cert("urlwrong.ha.test"), HA_TOKEN));
    urlWrong.urls("http://urlwrong.ha.test:" + urlWrong.port(), null);
    dns("urlwrong.ha.test", "127.0.0.1", null);
    target(
        "urlwrong", "https://urlwrong.ha.test:" + urlWrong.port(), "ipv4", "ha_external_url_wrong");
    config.put(lastTargetKey() + ".ha-token-file", tokenFile.toString());
    haRefusingToken = keep(tokenHa(v4, cert("wrongtoken.ha.test"), "another-token"));
    dns("wrongtoken.ha.test", "127.0.0.1", null);
    target("wrongtoken", "https://wrongtoken.ha.test:" + haRefusingToken.port(), "ipv4", "ok");
    config.put(lastTargetKey() + ".ha-token-file", tokenFile.toString());
    haExpiredWithToken =
        keep(tokenHa(v4, pki.leaf().dns("tokenexpired.ha.test").expired().issue(), HA_TOKEN));
    dns("tokenexpired.ha.test", "127.0.0.1", null);
    target(
        "tokenexpired",
        "https://tokenexpired.ha.test:" + haExpiredWithToken.port(),
        "ipv4",
        "cert_expired");
    config.put(lastTargetKey() + ".ha-token-file", tokenFile.toString());

    // Certificates.
    HomeAssistantStandIn expired =
        keep(ha(v4, pki.leaf().dns("expired.ha.test").expired().issue(), true));
    dns("expired.ha.test", "127.0.0.1", null);
    target("expired", "https://expired.ha.test:" + expired.port(), "ipv4", "cert_expired");
    HomeAssistantStandIn mismatch = keep(ha(v4, cert("other.ha.test"), true));
    dns("mismatch.ha.test", "127.0.0.1", null);
    target("mismatch", "https://mismatch.ha.test:" + mismatch.port(), "ipv4", "cert_name_mismatch");
    HomeAssistantStandIn selfSigned =
        keep(ha(v4, TestPki.selfSigned().dns("selfsigned.ha.test").issue(), true));
    dns("selfsigned.ha.test", "127.0.0.1", null);
    target(
        "selfsigned", "https://selfsigned.ha.test:" + selfSigned.port(), "ipv4", "cert_untrusted");
    HomeAssistantStandIn noIntermediate = keep(ha(v4, cert("nochain.ha.test"), false));
    dns("nochain.ha.test", "127.0.0.1", null);
    target("nochain", "https://nochain.ha.test:" + noIntermediate.port(), "ipv4", "cert_untrusted");

    // A real nginx in front of Home Assistant.
    if (NginxProcess.available()) {
      haUntrusting = keep(HomeAssistantStandIn.options().bind(v4).behindProxy(false).start());
      IssuedCert proxyCert =
          pki.leaf()
              .dns("proxy-ok.ha.test", "proxy-untrusted.ha.test", "proxy-nows.ha.test")
              .issue();
      Path chain = proxyCert.writeChainPem(dir.resolve("proxy-chain.pem"));
      Path key = proxyCert.writeKeyPem(dir.resolve("proxy-key.pem"));
      nginx =
          keep(
              NginxProcess.start(
                  server("ok", chain, key, haTrusting.port(), true)
                      + server("untrusted", chain, key, haUntrusting.port(), true)
                      + server("nows", chain, key, haTrusting.port(), false)));
      for (String name : List.of("ok", "untrusted", "nows")) {
        dns("proxy-" + name + ".ha.test", "127.0.0.1", null);
      }
      target("proxy-ok", "https://proxy-ok.ha.test:" + nginx.port("ok"), "ipv4", "ok");
      target(
          "proxy-untrusted",
          "https://proxy-untrusted.ha.test:" + nginx.port("untrusted"),
          "ipv4",
          "proxy_untrusted");
      target(
          "proxy-nows",
          "https://proxy-nows.ha.test:" + nginx.port("nows"),
          "ipv4",
          "websocket_failed");
    }

    // Home Assistant's plain port answers on the public address.
    InetAddress exposedAddress = addr("127.0.0.20");
    HomeAssistantStandIn exposedTls = keep(ha(exposedAddress, cert("plain.ha.test"), true));
    HomeAssistantStandIn exposedPlain =
        keep(HomeAssistantStandIn.options().bind(exposedAddress).start());
    dns("plain.ha.test", "127.0.0.20", null);
    target("plain", "https://plain.ha.test:" + exposedTls.port(), "ipv4", "plain_http_exposed");
    config.put("reachability.plain-http-port", String.valueOf(exposedPlain.port()));

    // The public name points into 100.64.0.0/10: carrier-grade NAT. Never connected to.
    internalDns.add("cgnat.ha.test", "A", 60, "127.0.0.1");
    publicDns.add("cgnat.ha.test", "A", 60, "100.64.0.1");
    target("cgnat", "https://cgnat.ha.test:" + closed, "ipv4", "cgnat");

    // For the peer endpoint: a URL that redirects to another host, and that other host.
    sink = keep(MiniHttpServer.start(v4, 0, ex -> ex.respond(200, "text/plain", "sink")));
    redirector =
        keep(
            MiniHttpServer.start(
                v4,
                0,
                ex ->
                    ex.respond(
                        302,
                        Map.of("Location", "http://127.0.0.1:" + sink.port() + "/manifest.json"),
                        new byte[0])));
    publicDns.add("redirect.ha.test", "A", 60, "127.0.0.1");

    MiniHttpServer peer = keep(MiniHttpServer.start(v4, 0, LoopbackHome::standInPeer));

    config.put("quarkus.http.test-port", "0");
    config.put("suite.api-token", API_TOKEN);
    config.put("reachability.interval", "1h");
    config.put("reachability.timeout", "5s");
    config.put("reachability.failure-threshold", "1");
    config.put("reachability.success-threshold", "1");
    config.put("reachability.resolvers.internal", internalDns.hostPort());
    config.put("reachability.resolvers.public", publicDns.hostPort());
    config.put("reachability.trust.extra-ca-file", ca.toString());
    config.put("reachability.peers[0].url", "http://127.0.0.1:" + peer.port());
    config.put(
        "reachability.peers[0].token-file", write("our-peer-token", OUR_PEER_TOKEN).toString());
    config.put("reachability.peer.enabled", "true");
    // The whole home is on loopback: this peer must probe its own addresses here.
    config.put("reachability.peer.allow-own-addresses", "true");
    config.put("reachability.peer.token-file", write("peer-token", PEER_TOKEN + "\n").toString());
    config.put(
        "reachability.peer.allow-list",
        "https://ok.ha.test:" + okPort + ",http://redirect.ha.test:" + redirector.port());
    return config;
  }

  /** The stand-in of a peer outside the home: says reachable for the URLs it is told to. */
  private static void standInPeer(dev.haremote.labkit.http.HttpExchange ex) throws IOException {
    if (!("Bearer " + OUR_PEER_TOKEN).equals(ex.header("authorization"))) {
      ex.respond(401, "application/json", "{\"error\":\"token\"}");
      return;
    }
    String body = new String(ex.body(), StandardCharsets.UTF_8);
    for (String url : peerSaysReachable) {
      if (body.contains("\"" + url + "\"")) {
        ex.respond(
            200,
            "application/json",
            "{\"url\":\"" + url + "\",\"reachable\":true,\"verdict\":\"ok\"}");
        return;
      }
    }
    ex.respond(403, "application/json", "{\"error\":\"url is not on this peer's allow-list\"}");
  }

  private static String server(String name, Path chain, Path key, int haPort, boolean websocket) {
    return "server {\n"
        + "  listen 127.0.0.1:{{port:"
        + name
        + "}} ssl;\n"
        + "  ssl_certificate "
        + chain
        + ";\n"
        + "  ssl_certificate_key "
        + key
        + ";\n"
        + "  location / {\n"
        + "    proxy_pass http://127.0.0.1:"
        + haPort
        + ";\n"
        + "    proxy_set_header Host $host;\n"
        + "    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
        + (websocket
            ? "    proxy_http_version 1.1;\n"
                + "    proxy_set_header Upgrade $http_upgrade;\n"
                + "    proxy_set_header Connection \"upgrade\";\n"
            : "")
        + "  }\n"
        + "}\n";
  }

  private int samePortPair(IssuedCert cert) throws IOException {
    for (int attempt = 0; attempt < 20; attempt++) {
      HomeAssistantStandIn six = ha(addr("::1"), cert, true);
      try {
        HomeAssistantStandIn four =
            HomeAssistantStandIn.options()
                .bind(addr("127.0.0.1"))
                .port(six.port())
                .tls(cert, true)
                .start();
        keep(six);
        keep(four);
        return six.port();
      } catch (BindException e) {
        six.close();
      }
    }
    throw new IOException("no port free on both 127.0.0.1 and ::1");
  }

  private static HomeAssistantStandIn ha(InetAddress bind, IssuedCert cert, boolean chain)
      throws IOException {
    return HomeAssistantStandIn.options().bind(bind).tls(cert, chain).start();
  }

  private static HomeAssistantStandIn tokenHa(InetAddress bind, IssuedCert cert, String token)
      throws IOException {
    return HomeAssistantStandIn.options().bind(bind).tls(cert, true).accessToken(token).start();
  }

  private String lastTargetKey() {
    return "reachability.targets[" + (index - 1) + "]";
  }

  private static IssuedCert cert(String name) {
    return pki.leaf().dns(name).issue();
  }

  private void dns(String name, String a, String aaaa) {
    for (TestDnsServer server : List.of(internalDns, publicDns)) {
      if (a != null) {
        server.add(name, "A", 60, a);
      }
      if (aaaa != null) {
        server.add(name, "AAAA", 60, aaaa);
      }
    }
  }

  private void target(String id, String url, String families, String expected) {
    String key = "reachability.targets[" + index++ + "]";
    config.put(key + ".id", id);
    config.put(key + ".url", url);
    config.put(key + ".families", families);
    EXPECTED.put(id, expected);
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  private <T extends AutoCloseable> T keep(T resource) {
    return running.keep(resource);
  }

  private static InetAddress addr(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Override
  public void stop() {
    running.closeAll();
    EXPECTED.clear();
    peerSaysReachable.clear();
  }
}
