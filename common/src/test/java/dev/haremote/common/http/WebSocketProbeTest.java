package dev.haremote.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.tls.TrustConfig;
import dev.haremote.labkit.certs.TestPki;
import dev.haremote.labkit.homeassistant.HomeAssistantStandIn;
import dev.haremote.labkit.http.EchoServer;
import dev.haremote.labkit.http.MiniHttpServer;
import dev.haremote.labkit.net.HangingServer;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebSocketProbeTest {
  private static final Duration TIMEOUT = Duration.ofMillis(1500);
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private final WebSocketProbe probe = new WebSocketProbe(TrustConfig.of(List.of()));

  @Test
  void homeAssistantSendsAuthRequiredFirst() throws Exception {
    try (HomeAssistantStandIn ha = HomeAssistantStandIn.start()) {
      URI url = URI.create("ws://home.example.org:" + ha.port() + "/api/websocket");
      WebSocketProbeResult r = probe.open(HttpProbeRequest.get(url, LOOPBACK, TIMEOUT));

      assertThat(r.ok()).as(r.failureDetail()).isTrue();
      assertThat(r.upgradeStatus()).isEqualTo(101);
      assertThat(r.firstTextFrame())
          .isEqualTo("{\"type\": \"auth_required\", \"ha_version\": \"2026.11.0\"}");
      assertThat(ha.websocketsOpened()).isEqualTo(1);
    }
  }

  @Test
  void answersTheFirstFrameAndReadsTheReplyWithoutKeepingTheSecret() throws Exception {
    String token = "t".repeat(300); // over 125 bytes: the 16-bit frame length
    try (HomeAssistantStandIn ha = HomeAssistantStandIn.options().accessToken(token).start()) {
      URI url = URI.create("ws://home.example.org:" + ha.port() + "/api/websocket");
      String auth = "{\"type\":\"auth\",\"access_token\":\"" + token + "\"}";
      WebSocketProbeResult r =
          probe.open(
              HttpProbeRequest.get(url, LOOPBACK, TIMEOUT),
              first -> first.contains("auth_required") ? auth : null);
      assertThat(r.ok()).as(r.failureDetail()).isTrue();
      assertThat(r.firstTextFrame()).contains("auth_required");
      assertThat(r.replyAnswer()).contains("\"auth_ok\"");
      assertThat(r.toString()).doesNotContain(token);
      assertThat(ha.authenticated()).isEqualTo(1);

      WebSocketProbeResult wrong =
          probe.open(
              HttpProbeRequest.get(url, LOOPBACK, TIMEOUT),
              first -> "{\"type\":\"auth\",\"access_token\":\"nope\"}");
      assertThat(wrong.replyAnswer()).contains("\"auth_invalid\"");
      assertThat(ha.failedLogins()).isEqualTo(1);

      WebSocketProbeResult silent =
          probe.open(HttpProbeRequest.get(url, LOOPBACK, TIMEOUT), first -> null);
      assertThat(silent.replyAnswer()).isNull();
      assertThat(ha.failedLogins()).as("no reply, no login").isEqualTo(1);
    }
  }

  @Test
  void overTlsWithHttpsScheme() throws Exception {
    var pki = TestPki.create("ws");
    var cert = pki.leaf().dns("home.example.org").issue();
    try (HomeAssistantStandIn ha =
        HomeAssistantStandIn.options().tls(cert, true).version("2026.1.3").start()) {
      URI url = URI.create("https://home.example.org:" + ha.port() + "/api/websocket");
      WebSocketProbeResult r = probe.open(HttpProbeRequest.get(url, LOOPBACK, TIMEOUT));
      assertThat(r.ok()).isTrue();
      assertThat(r.firstTextFrame()).contains("\"auth_required\"").contains("2026.1.3");
    }
  }

  @Test
  void plainHttpServerIsNotUpgradedAndTheStatusIsKept() throws Exception {
    try (EchoServer echo = EchoServer.start("not a websocket")) {
      URI url = URI.create("ws://127.0.0.1:" + echo.port() + "/api/websocket");
      WebSocketProbeResult r = probe.open(HttpProbeRequest.get(url, null, TIMEOUT));
      assertThat(r.failure()).isEqualTo("not_upgraded");
      assertThat(r.upgradeStatus()).isEqualTo(200);
      assertThat(r.firstTextFrame()).isNull();
    }
  }

  @Test
  void homeAssistantRejectingAnUntrustedProxyIs400() throws Exception {
    try (HomeAssistantStandIn ha = HomeAssistantStandIn.start()) {
      HttpProbeRequest viaProxy =
          new HttpProbeRequest(
              ha.url(null, "/api/websocket"),
              null,
              "GET",
              Map.of("X-Forwarded-For", "203.0.113.9"),
              null,
              1024,
              TIMEOUT,
              0);
      WebSocketProbeResult r = probe.open(viaProxy);
      assertThat(r.failure()).isEqualTo("not_upgraded");
      assertThat(r.upgradeStatus()).isEqualTo(400);
      assertThat(ha.rejectedForwarded()).isEqualTo(1);
    }
  }

  @Test
  void wrongAcceptIsBadAccept() throws Exception {
    try (MiniHttpServer s =
        MiniHttpServer.start(
            LOOPBACK,
            0,
            ex ->
                ex.writeHead(
                    101,
                    Map.of(
                        "Upgrade", "websocket",
                        "Connection", "Upgrade",
                        "Sec-WebSocket-Accept", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=")))) {
      WebSocketProbeResult r = probe.open(HttpProbeRequest.get(s.url(null, "/ws"), null, TIMEOUT));
      assertThat(r.failure()).isEqualTo("bad_accept");
      assertThat(r.upgradeStatus()).isEqualTo(101);
    }
  }

  @Test
  void upgradeWithoutAFrameEndsAtTheDeadline() throws Exception {
    try (MiniHttpServer s =
        MiniHttpServer.start(
            LOOPBACK,
            0,
            ex -> {
              ex.writeHead(
                  101,
                  Map.of(
                      "Upgrade",
                      "websocket",
                      "Connection",
                      "Upgrade",
                      "Sec-WebSocket-Accept",
                      WebSocketProbe.expectedAccept(ex.header("sec-websocket-key"))));
              ex.in().readAllBytes(); // say nothing until the client leaves
            })) {
      WebSocketProbeResult r = probe.open(HttpProbeRequest.get(s.url(null, "/ws"), null, TIMEOUT));
      assertThat(r.failure()).isEqualTo("no_frame");
      assertThat(r.duration()).isLessThan(TIMEOUT.plus(TIMEOUT.dividedBy(10)));
    }
  }

  @Test
  void hangingServerIsATimeout() throws Exception {
    try (HangingServer s = HangingServer.start()) {
      URI url = URI.create("ws://127.0.0.1:" + s.port() + "/api/websocket");
      WebSocketProbeResult r = probe.open(HttpProbeRequest.get(url, null, TIMEOUT));
      assertThat(r.failure()).isEqualTo("timeout");
      assertThat(r.upgradeStatus()).isZero();
      assertThat(r.duration()).isLessThan(TIMEOUT.plus(TIMEOUT.dividedBy(10)));
    }
  }
}
