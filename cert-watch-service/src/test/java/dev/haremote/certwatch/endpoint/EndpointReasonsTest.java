package dev.haremote.certwatch.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.certwatch.check.Reason;
import dev.haremote.certwatch.service.CertWatchStatus;
import dev.haremote.certwatch.service.CertificateStatus;
import dev.haremote.certwatch.testing.JdkTlsServer;
import dev.haremote.certwatch.testing.MonitorHarness;
import dev.haremote.certwatch.testing.TestCertificates;
import dev.haremote.certwatch.testing.TestCertificates.Issued;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.cert.X509Certificate;
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
 * Real JDK TLS servers on loopback, one per failure, all checked in one round: every reason is
 * detected and the certificate's data is reported even when it does not verify.
 */
class EndpointReasonsTest {
  private static final Instant NOW = Instant.now();
  private static final List<AutoCloseable> SERVERS = new ArrayList<>();
  private static final Map<String, String> PROPERTIES = new HashMap<>();
  private static Issued root;
  private static Issued intermediate;
  private static CertWatchStatus status;
  private static MonitorHarness harness;
  private static Duration roundTime;
  private static boolean ipv6;
  private static int count;

  @BeforeAll
  static void serveEveryCase() throws Exception {
    root = TestCertificates.root("Endpoint Test Root");
    intermediate = TestCertificates.intermediate(root, "Endpoint Test Intermediate");
    List<String> home = List.of("home.test");
    Instant nb = NOW.minus(Duration.ofDays(1));
    Instant na = NOW.plus(Duration.ofDays(44));

    Issued valid = TestCertificates.leaf(intermediate, home, nb, na);
    serve("valid", "home.test", valid, true);
    serve(
        "expired",
        "home.test",
        TestCertificates.leaf(
            intermediate, home, NOW.minus(Duration.ofDays(50)), NOW.minus(Duration.ofDays(5))),
        true);
    serve(
        "future",
        "home.test",
        TestCertificates.leaf(
            intermediate, home, NOW.plus(Duration.ofDays(5)), NOW.plus(Duration.ofDays(50))),
        true);
    Issued self = TestCertificates.selfSigned(home, nb, na);
    add(
        "selfsigned",
        "home.test",
        JdkTlsServer.start(List.of(self.certificate()), self.keyPair().getPrivate()));
    serve("leafonly", "home.test", valid, false);
    serve(
        "othername",
        "home.test",
        TestCertificates.leaf(intermediate, List.of("other.test"), nb, na),
        true);
    add("stalling", "home.test", JdkTlsServer.stalling());
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    endpoint("refused", "home.test", closedPort);

    // Per family: IPv4 serves a valid certificate, IPv6 (same port on ::1) an expired one.
    JdkTlsServer v4 =
        JdkTlsServer.start(
            List.of(valid.certificate(), intermediate.certificate()), valid.keyPair().getPrivate());
    SERVERS.add(v4);
    Issued stale =
        TestCertificates.leaf(
            intermediate, home, NOW.minus(Duration.ofDays(90)), NOW.minus(Duration.ofDays(1)));
    try {
      SERVERS.add(
          JdkTlsServer.start(
              InetAddress.getByName("::1"),
              v4.port(),
              List.of(stale.certificate(), intermediate.certificate()),
              stale.keyPair().getPrivate()));
      ipv6 = true;
    } catch (java.io.IOException e) {
      ipv6 = false; // no IPv6 loopback here
    }
    int index = endpoint("dual", "home.test", v4.port());
    PROPERTIES.put("certwatch.endpoints[" + index + "].address", "localhost");
    PROPERTIES.put("certwatch.endpoints[" + index + "].families", "ipv4,ipv6");
    // One endpoint per family by address literal (localhost may not resolve to ::1).
    endpoint("v6", "home.test", v4.port());
    PROPERTIES.put("certwatch.endpoints[" + (index + 1) + "].address", "::1");
    PROPERTIES.put("certwatch.endpoints[" + (index + 1) + "].families", "ipv6");

    PROPERTIES.put("certwatch.timeouts.endpoint", "2s");
    harness = new MonitorHarness(PROPERTIES, List.of(root.certificate()));
    long start = System.nanoTime();
    status = harness.monitor.checkAll();
    roundTime = Duration.ofNanos(System.nanoTime() - start);
  }

  private static void serve(String id, String sni, Issued leaf, boolean withIntermediate)
      throws Exception {
    List<X509Certificate> chain =
        withIntermediate
            ? List.of(leaf.certificate(), intermediate.certificate())
            : List.of(leaf.certificate());
    add(id, sni, JdkTlsServer.start(chain, leaf.keyPair().getPrivate()));
  }

  private static void add(String id, String sni, JdkTlsServer server) {
    SERVERS.add(server);
    endpoint(id, sni, server.port());
  }

  private static int endpoint(String id, String sni, int port) {
    int index = count++;
    String key = "certwatch.endpoints[" + index + "]";
    PROPERTIES.put(key + ".id", id);
    PROPERTIES.put(key + ".host", sni);
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
  void selfSignedIsUntrusted() {
    CertificateStatus self = cert("selfsigned");
    assertThat(self.error()).isEqualTo(Reason.UNTRUSTED);
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
    assertThat(other.subject()).isEmpty(); // no Common Name, like Let's Encrypt's new profiles
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
    assertThat(v4.family()).isEqualTo(dev.haremote.common.net.IpFamily.IPV4);
    assertThat(v4.error()).isNull();
    // The dual endpoint's IPv6 check resolves "localhost" for IPv6 on its own: whatever this host
    // says, it is reported separately from IPv4.
    CertificateStatus dual6 = MonitorHarness.certificate(status, "endpoint-dual-ipv6");
    assertThat(dual6.family()).isEqualTo(dev.haremote.common.net.IpFamily.IPV6);
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
    assertThat(status.minDaysLeft()).isEqualTo(cert("expired").daysLeft());
    assertThat(status.clockSane()).isTrue();
  }
}
