package dev.haremote.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.tls.ChainStatus;
import dev.haremote.common.tls.TlsProvider;
import dev.haremote.common.tls.TrustConfig;
import dev.haremote.labkit.certs.IssuedCert;
import dev.haremote.labkit.certs.TestPki;
import dev.haremote.labkit.homeassistant.HomeAssistantStandIn;
import dev.haremote.labkit.nginx.NginxProcess;
import dev.haremote.labkit.nginx.RequireBinary;
import dev.haremote.labkit.tls.TlsTestServer;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HTTPS and WSS probes under each TLS implementation the kit may use, against Debian's nginx:
 * TLS 1.2 and TLS 1.3 each, the certificate chosen by SNI, a broken chain kept, the deadline over
 * the handshake.
 */
@ParameterizedClass(name = "[{index}] {0}")
@MethodSource("dev.haremote.common.tls.TlsProviders#all")
class HttpsProvidersTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final String NAME = "home.example.org";
  private static final String OTHER = "other.example.org";

  private static TestPki pki;
  private static IssuedCert cert;
  private static IssuedCert expiredOther;
  private static NginxProcess nginx;

  @Parameter TlsProvider provider;
  private HttpProbe http;

  @BeforeAll
  static void nginx() throws Exception {
    RequireBinary.assumeNginx();
    pki = TestPki.create("providers");
    cert = pki.leaf().dns(NAME).issue();
    expiredOther = pki.leaf().dns(OTHER).expired().issue();
    Path dir = Files.createTempDirectory("https-providers");
    String home = tls(dir, "home", cert);
    String other = tls(dir, "other", expiredOther);
    nginx =
        NginxProcess.start(
            server("tls12", "TLSv1.2", NAME, home)
                + server("tls13", "TLSv1.3", NAME, home)
                // Same port, another name: only SNI tells nginx which certificate to present.
                + server("tls13", "TLSv1.3", OTHER, other));
  }

  @AfterAll
  static void stop() {
    if (nginx != null) {
      nginx.close();
    }
  }

  private static String tls(Path dir, String name, IssuedCert c) {
    Path chain = c.writeChainPem(dir.resolve(name + "-fullchain.pem"));
    Path key = c.writeKeyPem(dir.resolve(name + "-privkey.pem"));
    return "  ssl_certificate " + chain + ";\n  ssl_certificate_key " + key + ";\n";
  }

  private static String server(String port, String protocol, String name, String tlsLines) {
    return "server {\n"
        + "  listen 127.0.0.1:{{port:"
        + port
        + "}} ssl;\n"
        + "  server_name "
        + name
        + ";\n"
        + tlsLines
        + "  ssl_protocols "
        + protocol
        + ";\n"
        + "  location / { default_type text/plain; return 200 '"
        + name
        + " over $ssl_protocol'; }\n"
        + "}\n";
  }

  @BeforeEach
  void probe() {
    http = new HttpProbe(TrustConfig.of(List.of(pki.root())), provider);
  }

  private HttpProbeResult get(String port, String host) {
    URI url = URI.create("https://" + host + ":" + nginx.port(port) + "/");
    return http.execute(HttpProbeRequest.get(url, LOOPBACK, TIMEOUT));
  }

  @Test
  void tls12() {
    HttpProbeResult r = get("tls12", NAME);
    assertThat(r.status()).as(r.failureDetail()).isEqualTo(200);
    assertThat(r.bodyText()).isEqualTo(NAME + " over TLSv1.2");
    assertThat(r.tls().protocol()).isEqualTo("TLSv1.2");
    assertThat(r.tls().cipherSuite()).startsWith("TLS_ECDHE_ECDSA_WITH_");
    assertThat(r.tls().chain()).containsExactly(cert.certificate(), pki.intermediate());
    assertThat(r.tls().verification().status()).isEqualTo(ChainStatus.VALID);
    assertThat(r.tls().hostnameMatch()).isTrue();
  }

  @Test
  void tls13() {
    HttpProbeResult r = get("tls13", NAME);
    assertThat(r.status()).as(r.failureDetail()).isEqualTo(200);
    assertThat(r.bodyText()).isEqualTo(NAME + " over TLSv1.3");
    assertThat(r.tls().protocol()).isEqualTo("TLSv1.3");
    assertThat(r.tls().cipherSuite()).matches("TLS_(AES|CHACHA20)_.*");
    assertThat(r.tls().chain()).containsExactly(cert.certificate(), pki.intermediate());
    assertThat(r.tls().verification().status()).isEqualTo(ChainStatus.VALID);
    assertThat(r.tls().handshakeTime()).isPositive();
  }

  @Test
  void sniPicksTheCertificateAndABrokenOneIsStillCaptured() {
    HttpProbeResult r = get("tls13", OTHER);
    assertThat(r.status()).as(r.failureDetail()).isEqualTo(200);
    assertThat(r.bodyText()).isEqualTo(OTHER + " over TLSv1.3");
    assertThat(r.tls().leaf()).isEqualTo(expiredOther.certificate());
    assertThat(r.tls().verification().status()).isEqualTo(ChainStatus.EXPIRED);
    assertThat(r.tls().hostnameMatch()).isTrue();
  }

  @Test
  void wrongNameIsCapturedAndNotMatched() {
    // No server block for this name: nginx presents its first one (home), as a router would.
    HttpProbeResult r = get("tls12", "wrong.example.org");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.tls().leaf()).isEqualTo(cert.certificate());
    assertThat(r.tls().verification().status()).isEqualTo(ChainStatus.VALID);
    assertThat(r.tls().hostnameMatch()).isFalse();
  }

  @Test
  void repeatedProbesEachSeeTheChain() {
    // A new TLS context per probe: no session is resumed, every handshake presents the chain.
    for (int i = 0; i < 3; i++) {
      HttpProbeResult r = get("tls13", NAME);
      assertThat(r.tls().chain()).hasSize(2);
      assertThat(r.tls().verification().status()).isEqualTo(ChainStatus.VALID);
    }
  }

  @Test
  void stallingHandshakeEndsAtTheDeadline() throws Exception {
    Duration timeout = Duration.ofMillis(800);
    try (TlsTestServer stall = TlsTestServer.stalling(LOOPBACK)) {
      URI url = URI.create("https://" + NAME + ":" + stall.port() + "/");
      HttpProbeResult r = http.execute(HttpProbeRequest.get(url, LOOPBACK, timeout));
      assertThat(r.failure()).isEqualTo("timeout");
      assertThat(r.tls().chain()).isEmpty();
      assertThat(r.duration()).isLessThan(timeout.plus(timeout.dividedBy(5)));
    }
  }

  @Test
  void webSocketOverTls() throws Exception {
    try (HomeAssistantStandIn ha = HomeAssistantStandIn.options().tls(cert, true).start()) {
      URI url = URI.create("wss://" + NAME + ":" + ha.port() + "/api/websocket");
      WebSocketProbeResult r =
          new WebSocketProbe(TrustConfig.of(List.of(pki.root())), provider)
              .open(HttpProbeRequest.get(url, LOOPBACK, TIMEOUT));
      assertThat(r.ok()).as(r.failureDetail()).isTrue();
      assertThat(r.firstTextFrame()).contains("auth_required");
    }
  }
}
