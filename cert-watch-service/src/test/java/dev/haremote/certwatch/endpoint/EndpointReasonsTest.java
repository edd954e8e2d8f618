package dev.haremote.certwatch.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.certwatch.check.Reason;
import dev.haremote.certwatch.service.CertWatchStatus;
import dev.haremote.certwatch.service.CertificateStatus;
import dev.haremote.certwatch.testing.MonitorHarness;
import dev.haremote.common.net.IpFamily;
import dev.haremote.labkit.certs.IssuedCert;
import dev.haremote.labkit.certs.TestPki;
import dev.haremote.labkit.http.MiniHttpServer;
import dev.haremote.labkit.net.ClosedPort;
import dev.haremote.labkit.tls.TlsTestServer;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real TLS servers on loopback (labkit's TlsTestServer, certificates from labkit's TestPki), one
 * per failure, all checked in one round: every reason is detected and the certificate's data is
 * reported even when it does not verify.
 */
class EndpointReasonsTest {
  private static final Instant NOW = Instant.now();
  private static final List<AutoCloseable> SERVERS = new ArrayList<>();
  private static final Map<String, String> PROPERTIES = new HashMap<>();
  private static TestPki pki;
  private static CertWatchStatus status;
  private static MonitorHarness harness;
  private static Duration roundTime;
  private static boolean ipv6;
  private static int count;

  @BeforeAll
  static void serveEveryCase() throws Exception {
    pki = TestPki.create("Endpoint Test");
    IssuedCert valid =
        pki.leaf()
            .dns("home.test")
            .validity(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(44)))
            .issue();
    serve("valid", valid, true);
    serve("expired", pki.leaf().dns("home.test").expired().issue(), true);
    serve("future", pki.leaf().dns("home.test").notYetValid().issue(), true);
    serve("selfsigned", TestPki.selfSigned().dns("home.test").issue(), true);
    serve("leafonly", valid, false);
    serve("othername", pki.leaf().dns("other.test").issue(), true);
    TlsTestServer stalling = TlsTestServer.stalling(InetAddress.getByName("127.0.0.1"));
    SERVERS.add(stalling);
    endpoint("stalling", stalling.port());
    // Held bound (not listening) for the whole test, so no later server can take the port.
    ClosedPort closed = new ClosedPort(InetAddress.getByName("127.0.0.1"));
    SERVERS.add(closed);
    endpoint("refused", closed.port());

    // Per family: IPv4 serves a valid certificate, IPv6 (same port on ::1) an expired one.
    TlsTestServer v4 = serve(null, valid, true);
    IssuedCert stale = pki.leaf().dns("home.test").expired().issue();
    try {
      SERVERS.add(
          MiniHttpServer.startTls(
              InetAddress.getByName("::1"),
              v4.port(),
              stale.serverContext(true),
              ex -> ex.respond(200, Map.of(), new byte[0])));
      ipv6 = true;
    } catch (java.io.IOException e) {
      ipv6 = false; // no IPv6 loopback here
    }
    int dual = endpoint("dual", v4.port());
    PROPERTIES.put("certwatch.endpoints[" + dual + "].address", "localhost");
    PROPERTIES.put("certwatch.endpoints[" + dual + "].families", "ipv4,ipv6");
    int v6 = endpoint("v6", v4.port());
    PROPERTIES.put("certwatch.endpoints[" + v6 + "].address", "::1");
    PROPERTIES.put("certwatch.endpoints[" + v6 + "].families", "ipv6");

    PROPERTIES.put("certwatch.timeouts.endpoint", "2s");
    harness = new MonitorHarness(PROPERTIES, List.of(pki.root()));
    long start = System.nanoTime();
    status = harness.monitor.checkAll();
    roundTime = Duration.ofNanos(System.nanoTime() - start);
  }

  private static TlsTestServer serve(String id, IssuedCert cert, boolean withIntermediate)
      throws Exception {
    TlsTestServer server =
        TlsTestServer.start(InetAddress.getByName("127.0.0.1"), cert, withIntermediate, null);
    SERVERS.add(server);
    if (id != null) {
      endpoint(id, server.port());
    }
    return server;
  }

  private static int endpoint(String id, int port) {
    int index = count++;
    String key = "certwatch.endpoints[" + index + "]";
    PROPERTIES.put(key + ".id", id);
    PROPERTIES.put(key + ".host", "home.test");
    PROPERTIES.put(key + ".address", "127.0.0.1");
    PROPERTIES.put(key + ".port", Integer.toString(port));
    return index;
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable server : SERVERS) {
      server.close();
    }
    harness.close();
  }

  private static CertificateStatus cert(String id) {
    return MonitorHarness.certificate(status, "endpoint-" + id + "-ipv4");
  }

  @Test
  void validCertificateHasNoProblem() {
    CertificateStatus valid = cert("valid");
    assertThat(valid.error()).isNull();
    assertThat(valid.problem()).isFalse();
    assertThat(valid.chainValid()).isTrue();
    assertThat(valid.chainComplete()).isTrue();
    assertThat(valid.hostnameMatch()).isTrue();
    assertThat(valid.sans()).containsExactly("home.test");
    assertThat(valid.daysLeft()).isBetween(43.0, 44.0);
    assertThat(valid.chainLength()).isEqualTo(2);
    assertThat(valid.fingerprintSha256()).matches("[0-9a-f]{64}");
    assertThat(harness.errors("valid", Reason.TIMEOUT)).isZero();
  }

  @Test
  void expiredAndNotYetValidAreReportedWithTheirData() {
    CertificateStatus expired = cert("expired");
    assertThat(expired.error()).isEqualTo(Reason.EXPIRED);
    assertThat(expired.notAfter()).isBefore(NOW);
    assertThat(expired.daysLeft()).isNegative();
    assertThat(expired.chainValid()).isFalse();
    assertThat(expired.problem()).isTrue();

    CertificateStatus future = cert("future");
    assertThat(future.error()).isEqualTo(Reason.NOT_YET_VALID);
    assertThat(future.notBefore()).isAfter(NOW);
  }

  @Test
  void selfSignedHasItsOwnReason() {
    CertificateStatus self = cert("selfsigned");
    assertThat(self.error()).isEqualTo(Reason.SELF_SIGNED);
    // Nothing is missing from a self-signed chain.
    assertThat(self.chainComplete()).isTrue();
    assertThat(self.sans()).containsExactly("home.test");
    assertThat(self.notAfter()).isNotNull();
  }

  @Test
  void missingIntermediateIsIncompleteChain() {
    CertificateStatus leafOnly = cert("leafonly");
    assertThat(leafOnly.error()).isEqualTo(Reason.INCOMPLETE_CHAIN);
    assertThat(leafOnly.chainComplete()).isFalse();
    assertThat(leafOnly.chainLength()).isEqualTo(1);
    assertThat(leafOnly.advice()).contains("fullchain.pem");
  }

  @Test
  void otherNameIsNameMismatchIdentifiedBySans() {
    CertificateStatus other = cert("othername");
    assertThat(other.error()).isEqualTo(Reason.NAME_MISMATCH);
    assertThat(other.hostnameMatch()).isFalse();
    assertThat(other.chainValid()).isTrue();
    assertThat(other.sans()).containsExactly("other.test");
    assertThat(other.subject()).doesNotContain("CN="); // like Let's Encrypt's new profiles
  }

  @Test
  void stallingServerEndsAtTheDeadlineAsTimeout() {
    CertificateStatus stalled = cert("stalling");
    assertThat(stalled.error()).isEqualTo(Reason.TIMEOUT);
    assertThat(stalled.notAfter()).isNull();
    assertThat(stalled.problem()).isTrue();
    assertThat(harness.errors("stalling", Reason.TIMEOUT)).isEqualTo(1.0);
    // The checks run in parallel under a 2 s deadline: the round cannot hang on the stall.
    assertThat(roundTime).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void eachFamilyIsCheckedOnItsOwn() {
    CertificateStatus v4 = cert("dual");
    assertThat(v4.family()).isEqualTo(IpFamily.IPV4);
    assertThat(v4.error()).isNull();
    // The dual endpoint's IPv6 check resolves "localhost" for IPv6 on its own: whatever this host
    // says, it is reported separately from IPv4.
    CertificateStatus dual6 = MonitorHarness.certificate(status, "endpoint-dual-ipv6");
    assertThat(dual6.family()).isEqualTo(IpFamily.IPV6);
    CertificateStatus v6 = MonitorHarness.certificate(status, "endpoint-v6-ipv6");
    if ("true".equals(System.getenv("CI")) || ipv6) {
      assertThat(v6.error()).isEqualTo(Reason.EXPIRED);
      assertThat(v6.fingerprintSha256()).isNotEqualTo(v4.fingerprintSha256());
    } else {
      assertThat(v6.error()).isEqualTo(Reason.UNREACHABLE);
    }
  }

  @Test
  void closedPortIsRefused() {
    CertificateStatus refused = cert("refused");
    assertThat(refused.error()).isEqualTo(Reason.REFUSED);
    assertThat(harness.errors("refused", Reason.REFUSED)).isEqualTo(1.0);
  }

  @Test
  void overallStatusIsNotOkAndMinDaysLeftIsTheSmallest() {
    assertThat(status.ok()).isFalse();
    assertThat(status.minDaysLeft())
        .isEqualTo(
            status.certificates().stream()
                .map(CertificateStatus::daysLeft)
                .filter(java.util.Objects::nonNull)
                .min(Double::compare)
                .orElseThrow());
    assertThat(status.minDaysLeft()).isNegative();
    assertThat(status.clockSane()).isTrue();
  }
}
