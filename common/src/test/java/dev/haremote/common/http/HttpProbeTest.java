package dev.haremote.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.tls.ChainStatus;
import dev.haremote.common.tls.TrustConfig;
import dev.haremote.labkit.certs.TestPki;
import dev.haremote.labkit.http.EndlessBodyServer;
import dev.haremote.labkit.http.HttpExchange;
import dev.haremote.labkit.http.MiniHttpServer;
import dev.haremote.labkit.net.ClosedPort;
import dev.haremote.labkit.net.HangingServer;
import dev.haremote.labkit.tls.TlsTestServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HttpProbeTest {
  private static final Duration TIMEOUT = Duration.ofMillis(1500);
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private final HttpProbe probe = new HttpProbe(TrustConfig.of(List.of()));

  private static MiniHttpServer server(MiniHttpServer.Handler handler) throws Exception {
    return MiniHttpServer.start(LOOPBACK, 0, handler);
  }

  private static void raw(HttpExchange ex, String text) throws java.io.IOException {
    OutputStream out = ex.out();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    ex.markResponded();
  }

  private static HttpProbeRequest get(URI url, InetAddress connectTo, int cap, int redirects) {
    return new HttpProbeRequest(url, connectTo, "GET", Map.of(), null, cap, TIMEOUT, redirects);
  }

  @Test
  void statusHeadersAndContentLengthBody() throws Exception {
    AtomicReference<HttpExchange> seen = new AtomicReference<>();
    try (MiniHttpServer s =
        server(
            ex -> {
              seen.set(ex);
              ex.respond(
                  203, Map.of("X-Test", "yes", "Content-Type", "text/plain"), "hello".getBytes());
            })) {
      URI url = URI.create("http://home.example.org:" + s.port() + "/api/?x=1");
      HttpProbeResult r = probe.execute(HttpProbeRequest.get(url, LOOPBACK, TIMEOUT));

      assertThat(r.responded()).isTrue();
      assertThat(r.status()).isEqualTo(203);
      assertThat(r.header("X-TEST")).isEqualTo("yes");
      assertThat(r.headers()).containsKey("content-type");
      assertThat(r.bodyText()).isEqualTo("hello");
      assertThat(r.bodyTruncated()).isFalse();
      assertThat(r.address()).isEqualTo(LOOPBACK);
      assertThat(r.tls()).isNull();
      assertThat(r.connectTime()).isNotNull();
      // What the server saw: pinned address, the URL's host with its port, our identity.
      assertThat(seen.get().target()).isEqualTo("/api/?x=1");
      assertThat(seen.get().header("host")).isEqualTo("home.example.org:" + s.port());
      assertThat(seen.get().header("user-agent")).isEqualTo("ha-remote-access");
      assertThat(seen.get().header("connection")).isEqualTo("close");
    }
  }

  @Test
  void ipv6LiteralUrlOnLoopback() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        dev.haremote.common.net.Ipv6Loopback.available(), "no IPv6 loopback (::1) on this host");
    AtomicReference<String> host = new AtomicReference<>();
    try (MiniHttpServer s =
        MiniHttpServer.start(
            dev.haremote.common.net.Ipv6Loopback.address(),
            0,
            ex -> {
              host.set(ex.header("host"));
              ex.respond(200, "text/plain", "v6");
            })) {
      URI url = URI.create("http://[::1]:" + s.port() + "/");
      HttpProbeResult r = probe.execute(HttpProbeRequest.get(url, null, TIMEOUT));
      assertThat(r.bodyText()).isEqualTo("v6");
      assertThat(r.address()).isEqualTo(dev.haremote.common.net.Ipv6Loopback.address());
      assertThat(host.get()).isEqualTo("[::1]:" + s.port());
    }
  }

  @Test
  void chunkedBodyIsDecoded() throws Exception {
    try (MiniHttpServer s =
        server(
            ex ->
                raw(
                    ex,
                    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n"))) {
      HttpProbeResult r = probe.execute(HttpProbeRequest.get(s.url(null, "/"), null, TIMEOUT));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.bodyText()).isEqualTo("hello world");
      assertThat(r.bodyTruncated()).isFalse();
    }
  }

  @Test
  void bodyUntilCloseAndCapOnContentLength() throws Exception {
    try (MiniHttpServer s =
        server(ex -> raw(ex, "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n192.0.2.44\n"))) {
      HttpProbeResult r = probe.execute(HttpProbeRequest.get(s.url(null, "/"), null, TIMEOUT));
      assertThat(r.bodyText()).isEqualTo("192.0.2.44\n");
      assertThat(r.bodyTruncated()).isFalse();

      HttpProbeResult capped = probe.execute(get(s.url(null, "/"), null, 4, 0));
      assertThat(capped.bodyText()).isEqualTo("192.");
      assertThat(capped.bodyTruncated()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(EndlessBodyServer.Framing.class)
  void endlessBodyIsCapped(EndlessBodyServer.Framing framing) throws Exception {
    try (EndlessBodyServer s = EndlessBodyServer.start(framing)) {
      HttpProbeResult r = probe.execute(HttpProbeRequest.get(s.url(), null, TIMEOUT));

      assertThat(r.responded()).isTrue();
      assertThat(r.body()).hasSize(HttpProbeRequest.DEFAULT_BODY_CAP);
      assertThat(r.bodyTruncated()).isTrue();
      assertThat(r.failureDetail()).isNull();
      assertThat(r.duration()).isLessThan(TIMEOUT);
    }
  }

  @Test
  void hangingServerEndsAtTheDeadline() throws Exception {
    try (HangingServer s = HangingServer.start()) {
      URI url = URI.create("http://127.0.0.1:" + s.port() + "/");
      HttpProbeResult r = probe.execute(HttpProbeRequest.get(url, null, TIMEOUT));

      assertThat(r.failure()).isEqualTo("timeout");
      assertThat(r.status()).isZero();
      assertThat(r.duration())
          .isGreaterThanOrEqualTo(TIMEOUT.minusMillis(50))
          .isLessThan(TIMEOUT.plus(TIMEOUT.dividedBy(10)));
      assertThat(s.accepted()).isEqualTo(1);
    }
  }

  @Test
  void blockedRequestWriteEndsAtTheDeadline() throws Exception {
    // Read timeouts do not bound a write into full buffers: the deadline watchdog must.
    try (HangingServer s = HangingServer.startNotReading(LOOPBACK)) {
      URI url = URI.create("http://127.0.0.1:" + s.port() + "/upload");
      HttpProbeRequest post =
          new HttpProbeRequest(
              url, null, "POST", Map.of(), new byte[64 * 1024 * 1024], 1024, TIMEOUT, 0);
      HttpProbeResult r = probe.execute(post);

      assertThat(r.failure()).isEqualTo("timeout");
      assertThat(r.duration()).isLessThan(TIMEOUT.plus(TIMEOUT.dividedBy(10)));
    }
  }

  @Test
  void tricklingBodyEndsAtTheDeadlineWithTheHeadKept() throws Exception {
    try (MiniHttpServer s =
        server(
            ex -> {
              ex.writeHead(200, Map.of("Content-Length", "100000"));
              while (true) {
                ex.out().write('x');
                ex.out().flush();
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  return;
                }
              }
            })) {
      HttpProbeResult r = probe.execute(HttpProbeRequest.get(s.url(null, "/"), null, TIMEOUT));
      assertThat(r.responded()).isTrue();
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.bodyTruncated()).isTrue();
      assertThat(r.failureDetail()).contains("deadline");
      assertThat(r.duration()).isLessThan(TIMEOUT.plus(TIMEOUT.dividedBy(10)));
    }
  }

  @Test
  void httpsKeepsTheInspectionOfABadCertificate() throws Exception {
    var selfSigned = TestPki.selfSigned().dns("home.example.org").issue();
    try (TlsTestServer s =
        TlsTestServer.start(
            LOOPBACK, selfSigned, true, ex -> ex.respond(200, "text/plain", "behind tls"))) {
      URI url = s.url("home.example.org", "/");
      HttpProbeResult r = probe.execute(HttpProbeRequest.get(url, LOOPBACK, TIMEOUT));

      assertThat(r.responded()).isTrue();
      assertThat(r.bodyText()).isEqualTo("behind tls");
      assertThat(r.tls()).isNotNull();
      assertThat(r.tls().handshakeCompleted()).isTrue();
      assertThat(r.tls().leaf()).isEqualTo(selfSigned.certificate());
      assertThat(r.tls().verification().status()).isEqualTo(ChainStatus.UNTRUSTED);
      assertThat(r.tls().hostnameMatch()).isTrue();
    }
  }

  @Test
  void aSecretIsNeverSentOverTlsThatDoesNotVerify() throws Exception {
    var selfSigned = TestPki.selfSigned().dns("home.example.org").issue();
    AtomicReference<String> seen = new AtomicReference<>();
    try (TlsTestServer s =
        TlsTestServer.start(
            LOOPBACK,
            selfSigned,
            true,
            ex -> {
              seen.set(ex.header("authorization"));
              ex.respond(200, "text/plain", "behind tls");
            })) {
      URI url = s.url("home.example.org", "/");
      HttpProbeResult r =
          probe.executeVerified(
              new HttpProbeRequest(
                  url,
                  LOOPBACK,
                  "GET",
                  Map.of("Authorization", "Bearer canary-secret"),
                  null,
                  1024,
                  TIMEOUT,
                  0));

      assertThat(r.responded()).isFalse();
      assertThat(r.failure()).isEqualTo("tls");
      assertThat(r.failureDetail())
          .isEqualTo("the certificate does not verify for home.example.org: nothing was sent");
      Thread.sleep(200);
      assertThat(seen.get()).isNull();
    }
  }

  @Test
  void httpsAgainstAStallingServerIsATimeoutWithoutChain() throws Exception {
    try (TlsTestServer s = TlsTestServer.stalling(LOOPBACK)) {
      URI url = URI.create("https://home.example.org:" + s.port() + "/");
      HttpProbeResult r = probe.execute(HttpProbeRequest.get(url, LOOPBACK, TIMEOUT));
      assertThat(r.failure()).isEqualTo("timeout");
      assertThat(r.tls()).isNotNull();
      assertThat(r.tls().chain()).isEmpty();
      assertThat(r.duration()).isLessThan(TIMEOUT.plus(TIMEOUT.dividedBy(10)));
    }
  }

  @Test
  void redirectToAnotherHostIsNotFollowed() throws Exception {
    try (MiniHttpServer s =
        server(
            ex ->
                ex.respond(
                    302, Map.of("Location", "http://router.example.net:1/login"), new byte[0]))) {
      HttpProbeResult r = probe.execute(get(s.url(null, "/"), null, 1024, 5));
      assertThat(r.status()).isEqualTo(302);
      assertThat(r.header("location")).isEqualTo("http://router.example.net:1/login");
      assertThat(s.requests()).isEqualTo(1);
    }
  }

  @Test
  void redirectOnTheSameHostIsFollowedOnlyWhenAsked() throws Exception {
    try (MiniHttpServer s =
        server(
            ex -> {
              if (ex.path().equals("/next")) {
                ex.respond(200, "text/plain", "arrived");
              } else {
                ex.respond(301, Map.of("Location", "/next"), new byte[0]);
              }
            })) {
      HttpProbeResult notAsked = probe.execute(get(s.url(null, "/"), null, 1024, 0));
      assertThat(notAsked.status()).isEqualTo(301);

      HttpProbeResult followed = probe.execute(get(s.url(null, "/"), null, 1024, 2));
      assertThat(followed.status()).isEqualTo(200);
      assertThat(followed.bodyText()).isEqualTo("arrived");
      assertThat(s.requests()).isEqualTo(3);
    }
  }

  @Test
  void garbageAndOversizedHeadersAreMalformed() throws Exception {
    try (MiniHttpServer s = server(ex -> raw(ex, "SSH-2.0-OpenSSH_9.2\r\n"))) {
      assertThat(probe.execute(HttpProbeRequest.get(s.url(null, "/"), null, TIMEOUT)).failure())
          .isEqualTo("malformed");
    }
    StringBuilder many = new StringBuilder("HTTP/1.1 200 OK\r\n");
    for (int i = 0; i < 200; i++) {
      many.append("X-H").append(i).append(": v\r\n");
    }
    try (MiniHttpServer s = server(ex -> raw(ex, many + "\r\n"))) {
      HttpProbeResult r = probe.execute(HttpProbeRequest.get(s.url(null, "/"), null, TIMEOUT));
      assertThat(r.failure()).isEqualTo("malformed");
      assertThat(r.failureDetail()).contains("header lines");
    }
    try (MiniHttpServer s =
        server(ex -> raw(ex, "HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n"))) {
      assertThat(probe.execute(HttpProbeRequest.get(s.url(null, "/"), null, TIMEOUT)).failure())
          .isEqualTo("malformed");
    }
  }

  @Test
  void closeWithoutAnswerIsReset() throws Exception {
    try (MiniHttpServer s = server(HttpExchange::markResponded)) {
      HttpProbeResult r = probe.execute(HttpProbeRequest.get(s.url(null, "/"), null, TIMEOUT));
      assertThat(r.failure()).isEqualTo("reset");
    }
  }

  @Test
  void refusedAndUnresolvable() throws Exception {
    try (ClosedPort closed = new ClosedPort()) {
      URI url = URI.create("http://127.0.0.1:" + closed.address().getPort() + "/");
      assertThat(probe.execute(HttpProbeRequest.get(url, null, TIMEOUT)).failure())
          .isEqualTo("refused");
    }
    HttpProbeResult dns =
        probe.execute(
            HttpProbeRequest.get(URI.create("http://no-such-host.invalid/"), null, TIMEOUT));
    assertThat(dns.failure()).isIn("dns", "timeout");
    assertThat(dns.address()).isNull();
  }

  @Test
  void postSendsTheBody() throws Exception {
    AtomicReference<String> received = new AtomicReference<>();
    try (MiniHttpServer s =
        server(
            ex -> {
              received.set(new String(ex.body(), StandardCharsets.UTF_8));
              ex.respond(204, Map.of(), new byte[0]);
            })) {
      HttpProbeRequest post =
          new HttpProbeRequest(
              s.url(null, "/update"),
              null,
              "POST",
              Map.of("Content-Type", "application/json"),
              "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
              1024,
              TIMEOUT,
              0);
      HttpProbeResult r = probe.execute(post);
      assertThat(r.status()).isEqualTo(204);
      assertThat(received.get()).isEqualTo("{\"a\":1}");
    }
  }
}
