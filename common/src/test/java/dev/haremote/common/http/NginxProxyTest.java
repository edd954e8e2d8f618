package dev.haremote.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.tls.ChainStatus;
import dev.haremote.common.tls.TrustConfig;
import dev.haremote.labkit.certs.IssuedCert;
import dev.haremote.labkit.certs.TestPki;
import dev.haremote.labkit.homeassistant.HomeAssistantStandIn;
import dev.haremote.labkit.nginx.NginxProcess;
import dev.haremote.labkit.nginx.RequireBinary;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probes through Debian's nginx as the reverse proxy in front of the HA stand-in. */
class NginxProxyTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final String NAME = "home.example.org";

  @TempDir Path dir;

  @BeforeAll
  static void needsNginx() {
    RequireBinary.assumeNginx();
  }

  /** A typical HA proxy block, WebSocket upgrade included (the HA docs' nginx example). */
  private static String proxyTo(int haPort, boolean websocket, String tlsLines) {
    return "map $http_upgrade $connection_upgrade { default upgrade; '' close; }\n"
        + "server {\n"
        + "  listen 127.0.0.1:{{port:http}};\n"
        + "  listen 127.0.0.1:{{port:https}} ssl;\n"
        + tlsLines
        + "  location / {\n"
        + "    proxy_pass http://127.0.0.1:"
        + haPort
        + ";\n"
        + "    proxy_set_header Host $host;\n"
        + "    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
        + (websocket
            ? "    proxy_http_version 1.1;\n"
                + "    proxy_set_header Upgrade $http_upgrade;\n"
                + "    proxy_set_header Connection $connection_upgrade;\n"
            : "")
        + "  }\n"
        + "}\n";
  }

  private String tls(IssuedCert cert) {
    Path chain = cert.writeChainPem(dir.resolve("fullchain.pem"));
    Path key = cert.writeKeyPem(dir.resolve("privkey.pem"));
    return "  ssl_certificate " + chain + ";\n  ssl_certificate_key " + key + ";\n";
  }

  @Test
  void probesPassThroughNginxToHomeAssistant() throws Exception {
    TestPki pki = TestPki.create("nginx");
    IssuedCert cert = pki.leaf().dns(NAME).issue();
    TrustConfig trust = TrustConfig.of(List.of(pki.root()));
    try (HomeAssistantStandIn ha =
            HomeAssistantStandIn.options().behindProxy(true, "127.0.0.1/32").start();
        NginxProcess nginx = NginxProcess.start(proxyTo(ha.port(), true, tls(cert)))) {
      URI base = URI.create("https://" + NAME + ":" + nginx.port("https"));
      HttpProbe http = new HttpProbe(trust);

      HttpProbeResult manifest =
          http.execute(HttpProbeRequest.get(base.resolve("/manifest.json"), LOOPBACK, TIMEOUT));
      assertThat(manifest.status()).as(nginx.errorLog()).isEqualTo(200);
      assertThat(manifest.bodyText()).contains("\"name\": \"Home Assistant\"");
      assertThat(manifest.header("server")).startsWith("nginx");
      assertThat(manifest.tls().verification().status()).isEqualTo(ChainStatus.VALID);
      assertThat(manifest.tls().hostnameMatch()).isTrue();
      assertThat(manifest.tls().chain()).containsExactly(cert.certificate(), pki.intermediate());

      HttpProbeResult api =
          http.execute(HttpProbeRequest.get(base.resolve("/api/"), LOOPBACK, TIMEOUT));
      assertThat(api.status()).isEqualTo(401);
      assertThat(api.bodyText()).isEqualTo("401: Unauthorized");

      WebSocketProbeResult ws =
          new WebSocketProbe(trust)
              .open(HttpProbeRequest.get(base.resolve("/api/websocket"), LOOPBACK, TIMEOUT));
      assertThat(ws.ok()).as(ws.failureDetail()).isTrue();
      assertThat(ws.firstTextFrame()).contains("auth_required");
      assertThat(ha.lastForwardedFor()).isEqualTo("127.0.0.1");
      assertThat(ha.rejectedForwarded()).isZero();
    }
  }

  @Test
  void proxyWithoutUpgradeHeadersBreaksOnlyTheWebSocket() throws Exception {
    IssuedCert cert = TestPki.selfSigned().dns(NAME).issue();
    try (HomeAssistantStandIn ha =
            HomeAssistantStandIn.options().behindProxy(true, "127.0.0.1").start();
        NginxProcess nginx = NginxProcess.start(proxyTo(ha.port(), false, tls(cert)))) {
      URI base = URI.create("http://" + NAME + ":" + nginx.port("http"));
      TrustConfig trust = TrustConfig.of(List.of());
      assertThat(
              new HttpProbe(trust)
                  .execute(HttpProbeRequest.get(base.resolve("/"), LOOPBACK, TIMEOUT))
                  .status())
          .isEqualTo(200);
      WebSocketProbeResult ws =
          new WebSocketProbe(trust)
              .open(HttpProbeRequest.get(base.resolve("/api/websocket"), LOOPBACK, TIMEOUT));
      assertThat(ws.failure()).isEqualTo("not_upgraded");
      assertThat(ws.upgradeStatus()).isEqualTo(400);
    }
  }

  @Test
  void homeAssistantNotTrustingTheProxyAnswers400AndReloadFixesNothingButIsSeen() throws Exception {
    IssuedCert cert = TestPki.selfSigned().dns(NAME).issue();
    String tlsLines = tls(cert);
    try (HomeAssistantStandIn ha = HomeAssistantStandIn.start();
        NginxProcess nginx = NginxProcess.start(proxyTo(ha.port(), true, tlsLines))) {
      URI api = URI.create("http://" + NAME + ":" + nginx.port("http") + "/api/");
      HttpProbe http = new HttpProbe(TrustConfig.of(List.of()));

      HttpProbeResult rejected = http.execute(HttpProbeRequest.get(api, LOOPBACK, TIMEOUT));
      assertThat(rejected.status()).isEqualTo(400);
      assertThat(rejected.bodyText()).isEqualTo("400: Bad Request");
      assertThat(ha.rejectedForwarded()).isEqualTo(1);

      // A reload with a maintenance answer is picked up on the same ports.
      nginx.reload(
          "server { listen 127.0.0.1:{{port:http}}; listen 127.0.0.1:{{port:https}} ssl;\n"
              + tlsLines
              + " location / { return 503 'maintenance'; } }\n");
      HttpProbeResult after = http.execute(HttpProbeRequest.get(api, LOOPBACK, TIMEOUT));
      assertThat(after.status()).isEqualTo(503);
      assertThat(after.bodyText()).isEqualTo("maintenance");
    }
  }
}
