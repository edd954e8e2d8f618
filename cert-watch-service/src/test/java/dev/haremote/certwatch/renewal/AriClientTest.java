package dev.haremote.certwatch.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.certwatch.testing.MutableClock;
import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.tls.TrustConfig;
import dev.haremote.labkit.acme.AriServer;
import dev.haremote.labkit.certs.TestPki;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AriClient against the local RFC 9773 stand-in (Debian's pebble 2.4.0 has no renewalInfo). */
class AriClientTest {
  private static final Instant T0 = Instant.parse("2026-11-25T06:00:00Z");
  private AriServer server;
  private MutableClock clock;
  private AriClient client;
  private X509Certificate leaf;
  private String certId;

  @BeforeEach
  void start() throws Exception {
    server = AriServer.start();
    clock = new MutableClock(T0);
    client =
        new AriClient(
            new HttpProbe(TrustConfig.of(List.of())),
            List.of(server.directoryUri()),
            Duration.ofSeconds(5),
            Duration.ofHours(6),
            Duration.ofMinutes(1),
            clock);
    leaf =
        TestPki.create("ARI")
            .leaf()
            .dns("home.test")
            .validity(T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(5)))
            .issue()
            .certificate();
    certId = AriCertId.of(leaf).orElseThrow();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void fetchesTheSuggestedWindowAndHonoursRetryAfter() {
    Instant start = T0.plus(Duration.ofDays(2));
    Instant end = T0.plus(Duration.ofDays(3));
    server.window(certId, start, end, "https://ca.test/incident");
    server.retryAfter("3600");

    RenewalWindow window = client.window(leaf).orElseThrow();
    assertThat(window.start()).isEqualTo(start);
    assertThat(window.end()).isEqualTo(end);
    assertThat(window.source()).isEqualTo(RenewalWindow.ARI);
    assertThat(window.explanationUrl()).isEqualTo("https://ca.test/incident");
    assertThat(server.requests()).containsExactly("/directory", "/renewal-info/" + certId);

    // Within Retry-After: answered from memory, no request.
    clock.advance(Duration.ofMinutes(59));
    assertThat(client.window(leaf)).contains(window);
    assertThat(server.renewalInfoRequests()).isEqualTo(1);

    // After it: asked again, and a moved window is taken.
    server.window(certId, start.minus(Duration.ofDays(1)), end, null);
    clock.advance(Duration.ofMinutes(2));
    assertThat(client.window(leaf).orElseThrow().start())
        .isEqualTo(start.minus(Duration.ofDays(1)));
    assertThat(server.renewalInfoRequests()).isEqualTo(2);
  }

  @Test
  void backsOffOnErrorsAndKeepsTheLastWindow() {
    server.window(certId, T0.plus(Duration.ofDays(2)), T0.plus(Duration.ofDays(3)), null);
    server.retryAfter("60");
    RenewalWindow first = client.window(leaf).orElseThrow();

    server.failNext(3, 503);
    clock.advance(Duration.ofSeconds(61));
    assertThat(client.window(leaf)).contains(first); // error: the last window stays
    assertThat(server.renewalInfoRequests()).isEqualTo(2);

    clock.advance(Duration.ofSeconds(59)); // first back-off is 1 min
    client.window(leaf);
    assertThat(server.renewalInfoRequests()).isEqualTo(2);
    clock.advance(Duration.ofSeconds(2));
    client.window(leaf); // second error: back-off doubles to 2 min
    assertThat(server.renewalInfoRequests()).isEqualTo(3);
    clock.advance(Duration.ofSeconds(119));
    client.window(leaf);
    assertThat(server.renewalInfoRequests()).isEqualTo(3);
    clock.advance(Duration.ofSeconds(2));
    client.window(leaf); // third error, 4 min
    assertThat(server.renewalInfoRequests()).isEqualTo(4);
    clock.advance(Duration.ofMinutes(4).plusSeconds(1));
    assertThat(client.window(leaf)).contains(first);
    assertThat(server.renewalInfoRequests()).isEqualTo(5);
  }

  @Test
  void unknownCertificateAndCaWithoutAriGiveNoWindow() {
    assertThat(client.window(leaf)).isEmpty(); // 404: not this CA's certificate
    assertThat(server.renewalInfoRequests()).isEqualTo(1);

    AriServer plain;
    try {
      plain = AriServer.start();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    try (plain) {
      plain.publishRenewalInfo(false);
      AriClient other =
          new AriClient(
              new HttpProbe(TrustConfig.of(List.of())),
              List.of(plain.directoryUri()),
              Duration.ofSeconds(5),
              Duration.ofHours(6),
              Duration.ofMinutes(1),
              clock);
      assertThat(other.window(leaf)).isEmpty();
      assertThat(plain.requests()).containsExactly("/directory");
    }
  }

  @Test
  void retryAfterAsHttpDate() {
    assertThat(client.retryAfter("Wed, 25 Nov 2026 08:00:00 GMT", T0))
        .isEqualTo(Duration.ofHours(2));
    assertThat(client.retryAfter("120", T0)).isEqualTo(Duration.ofSeconds(120));
    assertThat(client.retryAfter("soon", T0)).isEqualTo(Duration.ofHours(6));
  }

  @Test
  void parsesRfcExampleBody() {
    RenewalWindow window =
        AriClient.parseWindow(
                "{\"suggestedWindow\":{\"start\":\"2025-01-02T04:00:00Z\","
                    + "\"end\":\"2025-01-03T04:00:00Z\"},"
                    + "\"explanationURL\":\"https://acme.example.com/docs/ari\"}")
            .orElseThrow();
    assertThat(window.start()).isEqualTo(Instant.parse("2025-01-02T04:00:00Z"));
    assertThat(AriClient.parseWindow("{\"suggestedWindow\":{}}")).isEmpty();
    assertThat(AriClient.parseWindow("not json")).isEmpty();
  }

  @Test
  void aRenewalInfoUrlOffTheDirectorysHostIsNeverFetched() throws Exception {
    try (AriServer elsewhere = AriServer.start()) {
      elsewhere.window(certId, T0, T0.plus(Duration.ofDays(1)), null);
      String offHost = "http://localhost:" + elsewhere.baseUri().getPort() + "/renewal-info";
      server.renewalInfoAt(offHost);

      assertThat(client.window(leaf)).isEmpty();

      assertThat(elsewhere.requests()).isEmpty();
      assertThat(server.requests()).containsExactly("/directory");
      assertThat(client.note())
          .isEqualTo(
              "ACME directory "
                  + server.directoryUri()
                  + " names a renewalInfo URL that is not https on its own host; it is not"
                  + " fetched");
    }
  }

  @Test
  void onlyHttpsOnTheDirectorysHostIsAllowed() {
    URI https = URI.create("https://acme.test/directory");
    assertThat(AriClient.onDirectoryHost(https, URI.create("https://acme.test/ri"))).isTrue();
    assertThat(AriClient.onDirectoryHost(https, URI.create("https://ACME.test:8443/ri"))).isTrue();
    assertThat(AriClient.onDirectoryHost(https, URI.create("http://acme.test/ri"))).isFalse();
    assertThat(AriClient.onDirectoryHost(https, URI.create("https://evil.test/ri"))).isFalse();
    assertThat(AriClient.onDirectoryHost(https, URI.create("https://u:p@acme.test/ri"))).isFalse();
    assertThat(AriClient.onDirectoryHost(https, URI.create("file:///etc/passwd"))).isFalse();
    assertThat(AriClient.onDirectoryHost(https, URI.create("https://127.0.0.1/ri"))).isFalse();
    URI lab = URI.create("http://127.0.0.1:4000/directory");
    assertThat(AriClient.onDirectoryHost(lab, URI.create("http://127.0.0.1:4000/ri"))).isTrue();
    assertThat(AriClient.onDirectoryHost(lab, URI.create("http://127.0.0.1:4001/ri"))).isFalse();
  }

  @Test
  void anExplanationUrlThatIsNotHttpIsDroppedWithANote() {
    server.window(certId, T0, T0.plus(Duration.ofDays(1)), "javascript:alert(document.cookie)");

    RenewalWindow window = client.window(leaf).orElseThrow();

    assertThat(window.explanationUrl()).isNull();
    assertThat(window.note())
        .isEqualTo("the CA's explanationURL was dropped: it is not an http(s) URL");
    assertThat(window.start()).isEqualTo(T0);
  }
}
