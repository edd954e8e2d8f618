package dev.haremote.common.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.net.Deadline;
import dev.haremote.common.net.Ipv6Loopback;
import dev.haremote.labkit.certs.CertBuilder;
import dev.haremote.labkit.certs.IssuedCert;
import dev.haremote.labkit.certs.Pki;
import dev.haremote.labkit.certs.TestPki;
import dev.haremote.labkit.net.AcceptLoop;
import dev.haremote.labkit.net.ClosedPort;
import dev.haremote.labkit.tls.TlsTestServer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case under each TLS implementation the probes may use (JDK, Conscrypt). */
@ParameterizedClass(name = "[{index}] {0}")
@MethodSource("dev.haremote.common.tls.TlsProviders#all")
class TlsInspectorTest {
  private static final String NAME = "home.example.org";
  private static final Duration TIMEOUT = Duration.ofMillis(1500);
  private static TestPki pki;

  @Parameter TlsProvider provider;
  private TlsInspector inspector;

  @BeforeAll
  static void pki() {
    pki = TestPki.create("inspector");
  }

  @BeforeEach
  void inspector() {
    inspector = new TlsInspector(TrustConfig.of(List.of(pki.root())), provider);
    assertThat(inspector.provider()).isSameAs(provider);
  }

  private TlsInspection inspect(IssuedCert cert, boolean withIntermediate, String sni)
      throws Exception {
    try (TlsTestServer server = TlsTestServer.start(cert, withIntermediate)) {
      return inspector.inspect(server.socketAddress(), sni, Deadline.in(TIMEOUT));
    }
  }

  @Test
  void validChain() throws Exception {
    IssuedCert cert = pki.leaf().dns(NAME).issue();
    TlsInspection r = inspect(cert, true, NAME);

    assertThat(r.handshakeCompleted()).isTrue();
    assertThat(r.chain()).containsExactly(cert.certificate(), pki.intermediate());
    assertThat(r.verification().status()).isEqualTo(ChainStatus.VALID);
    assertThat(r.hostnameMatch()).isTrue();
    assertThat(r.protocol()).startsWith("TLSv1.");
    assertThat(r.cipherSuite()).startsWith("TLS_");
    assertThat(r.connectTime()).isNotNull();
    assertThat(r.handshakeTime()).isPositive();
  }

  @Test
  void expiredCertificateIsStillShown() throws Exception {
    IssuedCert cert = pki.leaf().dns(NAME).expired().issue();
    TlsInspection r = inspect(cert, true, NAME);
    assertThat(r.handshakeCompleted()).isTrue();
    assertThat(r.leaf()).isEqualTo(cert.certificate());
    assertThat(r.verification().status()).isEqualTo(ChainStatus.EXPIRED);
  }

  @Test
  void notYetValid() throws Exception {
    TlsInspection r = inspect(pki.leaf().dns(NAME).notYetValid().issue(), true, NAME);
    assertThat(r.verification().status()).isEqualTo(ChainStatus.NOT_YET_VALID);
  }

  @Test
  void wrongNameVerifiesButDoesNotMatch() throws Exception {
    TlsInspection r = inspect(pki.leaf().dns("other.example.org").issue(), true, NAME);
    assertThat(r.verification().status()).isEqualTo(ChainStatus.VALID);
    assertThat(r.hostnameMatch()).isFalse();
  }

  @Test
  void selfSigned() throws Exception {
    TlsInspection r = inspect(TestPki.selfSigned().dns(NAME).issue(), true, NAME);
    assertThat(r.handshakeCompleted()).isTrue();
    assertThat(r.verification().status()).isEqualTo(ChainStatus.UNTRUSTED);
    assertThat(r.hostnameMatch()).isTrue();
  }

  @Test
  void missingIntermediate() throws Exception {
    IssuedCert cert = pki.leaf().dns(NAME).issue();
    TlsInspection r = inspect(cert, false, NAME);
    assertThat(r.chain()).containsExactly(cert.certificate());
    assertThat(r.verification().status()).isEqualTo(ChainStatus.INCOMPLETE_CHAIN);
    assertThat(r.verification().complete()).isFalse();
  }

  @Test
  void sniIsSentSoTheServerCanPickByName() throws Exception {
    // The SNI name, not the address, decides the hostname match.
    IssuedCert cert = pki.leaf().dns(NAME).ip("127.0.0.1").issue();
    assertThat(inspect(cert, true, "127.0.0.1").hostnameMatch()).isTrue();
    assertThat(inspect(cert, true, "x.example.org").hostnameMatch()).isFalse();
  }

  @Test
  void stallInTheHandshakeEndsAtTheDeadline() throws Exception {
    try (TlsTestServer stall = TlsTestServer.stalling(InetAddress.getLoopbackAddress())) {
      long start = System.nanoTime();
      TlsInspection r = inspector.inspect(stall.socketAddress(), NAME, Deadline.in(TIMEOUT));
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(r.failure()).isEqualTo("timeout");
      assertThat(r.chain()).isEmpty();
      assertThat(r.verification().status()).isEqualTo(ChainStatus.NONE);
      assertThat(r.hostnameMatch()).isNull();
      assertThat(took).isLessThan(TIMEOUT.plus(TIMEOUT.dividedBy(10)));
    }
  }

  @Test
  void refusedPort() throws Exception {
    try (ClosedPort closed = new ClosedPort()) {
      TlsInspection r = inspector.inspect(closed.address(), NAME, Deadline.in(TIMEOUT));
      assertThat(r.failure()).isEqualTo("refused");
      assertThat(r.chain()).isEmpty();
    }
  }

  @Test
  void serverClosingOnTheClientHelloIsAFailedHandshake() throws Exception {
    // A plain service that reads the ClientHello, cannot make sense of it and hangs up.
    try (AcceptLoop plain =
        AcceptLoop.start(
            AcceptLoop.bind(InetAddress.getLoopbackAddress(), 0),
            "hang-up",
            socket -> socket.getInputStream().read(new byte[4096]))) {
      TlsInspection r = inspector.inspect(plain.socketAddress(), NAME, Deadline.in(TIMEOUT));
      assertThat(r.failure()).as(r.failureDetail()).isEqualTo("handshake_failed");
      assertThat(r.handshakeCompleted()).isFalse();
      assertThat(r.chain()).isEmpty();
    }
  }

  @Test
  void serverAnsweringInPlainHttpIsNotTls() throws Exception {
    // What nginx does on a plain port: it reads the ClientHello as a bad request and answers 400.
    try (AcceptLoop http =
        AcceptLoop.start(
            AcceptLoop.bind(InetAddress.getLoopbackAddress(), 0),
            "plain-http",
            socket -> {
              socket.getInputStream().read(new byte[4096]);
              socket
                  .getOutputStream()
                  .write(
                      "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                          .getBytes(StandardCharsets.US_ASCII));
              socket.getOutputStream().flush();
            })) {
      TlsInspection r = inspector.inspect(http.socketAddress(), NAME, Deadline.in(TIMEOUT));
      assertThat(r.failure()).as(r.failureDetail()).isEqualTo("not_tls");
      assertThat(r.chain()).isEmpty();
    }
  }

  @Test
  void ipv6Loopback() throws Exception {
    Assumptions.assumeTrue(Ipv6Loopback.available(), "no IPv6 loopback (::1) on this host");
    IssuedCert cert = pki.leaf().dns(NAME).issue();
    try (TlsTestServer server = TlsTestServer.start(Ipv6Loopback.address(), cert, true, null)) {
      TlsInspection r = inspector.inspect(server.socketAddress(), NAME, Deadline.in(TIMEOUT));
      assertThat(server.socketAddress().getAddress().getAddress()).hasSize(16);
      assertThat(r.handshakeCompleted()).isTrue();
      assertThat(r.verification().status()).isEqualTo(ChainStatus.VALID);
      assertThat(r.hostnameMatch()).isTrue();
    }
  }

  @Test
  void edwardsKeysAreInspectedUnderEitherImplementation() throws Exception {
    // BoringSSL (Conscrypt) offers no Ed25519/Ed448 signature: the inspector retries with the
    // JDK's TLS, so such a server is not reported as "no TLS".
    Pki root = CertBuilder.root("inspector-ed").build();
    Pki ca = CertBuilder.intermediate("inspector-ed CA", root).build();
    var edInspector = new TlsInspector(TrustConfig.of(List.of(root.certificate())), provider);
    for (Pki leaf :
        List.of(
            CertBuilder.leaf(ca).dns(NAME).ed25519().build(),
            CertBuilder.leaf(ca).dns(NAME).ed448().build())) {
      IssuedCert cert =
          new IssuedCert(leaf.certificate(), leaf.keys().getPrivate(), leaf.withoutRoot(), null);
      try (TlsTestServer server = TlsTestServer.start(cert, true)) {
        TlsInspection r = edInspector.inspect(server.socketAddress(), NAME, Deadline.in(TIMEOUT));
        assertThat(r.handshakeCompleted()).as(r.failureDetail()).isTrue();
        assertThat(r.leaf()).isEqualTo(leaf.certificate());
        assertThat(r.verification().status()).isEqualTo(ChainStatus.VALID);
      }
    }
  }
}
