package dev.haremote.hatests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.common.tls.TlsInspection;
import dev.haremote.labkit.homeassistant.HomeAssistantConfig;
import dev.haremote.labkit.homeassistant.HomeAssistantCore;
import dev.haremote.labkit.homeassistant.HomeAssistantInstall;
import dev.haremote.labkit.nginx.NginxProcess;
import dev.haremote.labkit.nginx.RequireBinary;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Home Assistant as the thing our probes reach: its exact answers over direct TLS and
 * behind nginx, with and without {@code trusted_proxies}. docs/home-assistant.md records them so
 * the stand-ins can mimic them.
 */
@Tag("homeassistant")
class HomeAssistantAsTargetTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static HomeAssistantInstall install;

  @BeforeAll
  static void findInstall() {
    install = RealHomeAssistant.install();
  }

  @Test
  void overDirectTlsServesManifestRefusesApiAndAsksForAuthOnWebSocket(@TempDir Path dir)
      throws Exception {
    LabCertificates certs = LabCertificates.create(dir.resolve("ssl"));
    HomeAssistantConfig config =
        HomeAssistantConfig.plain().withTls(certs.fullchain, certs.privateKey);
    try (HomeAssistantCore ha =
        HomeAssistantCore.start(install, config, dir.resolve("config"), List.of(certs.ca))) {
      Client client = Client.trusting(certs.ca);
      URI base = ha.baseUrl();
      assertThat(base.getScheme()).isEqualTo("https");

      Answer manifest = client.get(base.resolve("/manifest.json"));
      Answer api = client.get(base.resolve("/api/"));
      Answer websocket =
          client.websocket(URI.create("wss://127.0.0.1:" + ha.port() + "/api/websocket"));
      System.out.printf(
          "HA %s over TLS:%n  /manifest.json %s%n  /api/ %s%n  /api/websocket %s%n",
          install.version(), manifest, api, websocket);

      assertThat(manifest.status()).isEqualTo(200);
      TlsInspection tls = client.lastTls();
      assertThat(tls.handshakeCompleted()).isTrue();
      assertThat(tls.leaf()).isEqualTo(certs.server);
      assertThat(tls.hostnameMatch()).isTrue();
      assertThat(manifest.contentType()).startsWith("application/manifest+json");
      assertThat(JSON.readTree(manifest.body()).path("name").asText()).isEqualTo("Home Assistant");
      assertThat(api.status()).isEqualTo(401);
      assertThat(api.body()).isEqualTo("401: Unauthorized");
      assertThat(websocket.failure()).isNull();
      JsonNode authRequired = JSON.readTree(websocket.body());
      assertThat(authRequired.path("type").asText()).isEqualTo("auth_required");
      assertThat(authRequired.path("ha_version").asText()).isEqualTo(install.version());
    }
  }

  @Test
  void onboardingGivesATokenThatTheApiAccepts(@TempDir Path dir) {
    try (HomeAssistantCore ha =
        HomeAssistantCore.start(install, HomeAssistantConfig.plain(), dir.resolve("config"))) {
      ha.onboard();
      assertThat(ha.states()).anySatisfy(s -> assertThat(s.entityId()).isEqualTo("zone.home"));
      assertThat(ha.state("sun.sun")).isEmpty(); // sun is a default_config integration, left out
      assertThat(ha.state("zone.home")).get().satisfies(s -> assertThat(s.hasValue()).isTrue());
      ha.close(); // SIGTERM: HA's own clean shutdown
      assertThat(ha.isRunning()).isFalse();
      assertThat(ha.exitValue()).isZero();
    }
  }

  @Test
  void behindNginxWithoutTrustedProxiesAnswers400(@TempDir Path dir) throws Exception {
    RequireBinary.assumeNginx();
    try (HomeAssistantCore ha =
            HomeAssistantCore.start(install, HomeAssistantConfig.plain(), dir.resolve("config"));
        NginxProcess nginx = ProxyInFront.start(ha.port(), true)) {
      Client client = Client.trusting();
      URI viaProxy = URI.create("http://127.0.0.1:" + nginx.port("proxy"));
      Answer manifest = client.get(viaProxy.resolve("/manifest.json"));
      Answer api = client.get(viaProxy.resolve("/api/"));
      Answer websocket =
          client.websocket(URI.create("ws://127.0.0.1:" + nginx.port("proxy") + "/api/websocket"));
      Answer direct = client.get(ha.baseUrl().resolve("/manifest.json"));
      System.out.printf(
          "HA %s behind nginx, no trusted_proxies:%n  /manifest.json %s%n  /api/ %s%n"
              + "  /api/websocket %s%n  direct /manifest.json %s%n",
          install.version(), manifest, api, websocket, direct);

      assertThat(manifest.status()).isEqualTo(400);
      assertThat(manifest.body()).isEqualTo("400: Bad Request");
      assertThat(api.status()).isEqualTo(400);
      assertThat(api.body()).isEqualTo("400: Bad Request");
      assertThat(websocket.status()).isEqualTo(400);
      assertThat(websocket.failure()).startsWith("not_upgraded");
      assertThat(direct.status()).isEqualTo(200); // the same HA, without the proxy header
      assertThat(ha.log())
          .contains(
              "A request from a reverse proxy was received from 127.0.0.1, but your HTTP"
                  + " integration is not set-up for reverse proxies");
    }
  }

  @Test
  void behindNginxTrustingAnotherAddressAnswers400(@TempDir Path dir) throws Exception {
    RequireBinary.assumeNginx();
    // The usual mistake: trusting the Docker network or the router, not the proxy itself.
    HomeAssistantConfig config =
        HomeAssistantConfig.plain().withTrustedProxies(List.of("192.0.2.10", "172.30.33.0/24"));
    try (HomeAssistantCore ha = HomeAssistantCore.start(install, config, dir.resolve("config"));
        NginxProcess nginx = ProxyInFront.start(ha.port(), true)) {
      Answer api =
          Client.trusting().get(URI.create("http://127.0.0.1:" + nginx.port("proxy") + "/api/"));
      System.out.printf(
          "HA %s behind nginx, trusted_proxies without the proxy:%n  /api/ %s%n",
          install.version(), api);

      assertThat(api.status()).isEqualTo(400);
      assertThat(api.body()).isEqualTo("400: Bad Request");
      assertThat(ha.log())
          .contains("Received X-Forwarded-For header from an untrusted proxy 127.0.0.1");
    }
  }

  @Test
  void behindNginxWithTrustedProxiesAnswersAsUsual(@TempDir Path dir) throws Exception {
    RequireBinary.assumeNginx();
    HomeAssistantConfig config =
        HomeAssistantConfig.plain().withTrustedProxies(List.of("127.0.0.1", "::1"));
    try (HomeAssistantCore ha = HomeAssistantCore.start(install, config, dir.resolve("config"));
        NginxProcess nginx = ProxyInFront.start(ha.port(), true)) {
      Client client = Client.trusting();
      URI viaProxy = URI.create("http://127.0.0.1:" + nginx.port("proxy"));
      Answer manifest = client.get(viaProxy.resolve("/manifest.json"));
      Answer api = client.get(viaProxy.resolve("/api/"));
      Answer websocket =
          client.websocket(URI.create("ws://127.0.0.1:" + nginx.port("proxy") + "/api/websocket"));
      System.out.printf(
          "HA %s behind nginx, trusted_proxies 127.0.0.1:%n  /manifest.json %s%n  /api/ %s%n"
              + "  /api/websocket %s%n",
          install.version(), manifest, api, websocket);

      assertThat(manifest.status()).isEqualTo(200);
      assertThat(api.status()).isEqualTo(401);
      assertThat(api.body()).isEqualTo("401: Unauthorized");
      assertThat(websocket.failure()).isNull();
      assertThat(JSON.readTree(websocket.body()).path("type").asText()).isEqualTo("auth_required");
    }
  }

  @Test
  void behindNginxWithoutUpgradeHeadersHttpWorksButWebSocketDoesNot(@TempDir Path dir)
      throws Exception {
    RequireBinary.assumeNginx();
    HomeAssistantConfig config =
        HomeAssistantConfig.plain().withTrustedProxies(List.of("127.0.0.1", "::1"));
    try (HomeAssistantCore ha = HomeAssistantCore.start(install, config, dir.resolve("config"));
        NginxProcess nginx = ProxyInFront.start(ha.port(), false)) {
      Client client = Client.trusting();
      URI viaProxy = URI.create("http://127.0.0.1:" + nginx.port("proxy"));
      Answer manifest = client.get(viaProxy.resolve("/manifest.json"));
      Answer websocket =
          client.websocket(URI.create("ws://127.0.0.1:" + nginx.port("proxy") + "/api/websocket"));
      System.out.printf(
          "HA %s behind nginx without Upgrade headers:%n  /manifest.json %s%n  /api/websocket %s%n",
          install.version(), manifest, websocket);

      assertThat(manifest.status()).isEqualTo(200);
      assertThat(websocket.failure()).startsWith("not_upgraded");
      assertThat(websocket.status()).isEqualTo(400);
    }
  }
}
