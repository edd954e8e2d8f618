package dev.haremote.common.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.labkit.dns.TestDnsServer;
import dev.haremote.labkit.dns.TestDnsServer.Mode;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DnsClientTest {
  private static final Duration TIMEOUT = Duration.ofMillis(1500);

  private final DnsClient client = new DnsClient();
  private TestDnsServer dns;
  private DnsServer server;

  @BeforeEach
  void startServer() throws Exception {
    dns =
        TestDnsServer.start()
            .add("home.example.org", "A", 300, "192.0.2.10")
            .add("home.example.org", "A", 120, "192.0.2.11")
            .add("home.example.org", "AAAA", 60, "2001:db8:0:0::10")
            .add("home.example.org", "TXT", 30, "hello world")
            .add("example.org", "NS", 86400, "ns1.example.net.")
            .add(
                "example.org",
                "SOA",
                3600,
                "ns1.example.net. admin.example.org. 1 7200 900 1209600 300")
            .add("www.example.org", "CNAME", 600, "home.example.org.")
            .addChaosTxt("whoami.cloudflare", 0, "198.51.100.7");
    server = DnsServer.parse(dns.hostPort());
  }

  @AfterEach
  void stopServer() {
    dns.close();
  }

  @Test
  void aAnswerCarriesValuesTtlsAndTheAuthoritativeFlag() {
    DnsAnswer answer = client.query(server, "home.example.org", DnsRecordType.A, TIMEOUT);

    assertThat(answer.status()).isEqualTo(DnsStatus.OK);
    assertThat(answer.values()).containsExactlyInAnyOrder("192.0.2.10", "192.0.2.11");
    assertThat(answer.records())
        .extracting(DnsRecord::value, DnsRecord::ttlSeconds)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("192.0.2.10", 300L),
            org.assertj.core.groups.Tuple.tuple("192.0.2.11", 120L));
    assertThat(answer.minTtl()).isEqualTo(120);
    assertThat(answer.authoritative()).isTrue();
    assertThat(answer.overTcp()).isFalse();
    assertThat(answer.reason()).isNull();
  }

  @Test
  void aaFlagOffIsReported() {
    dns.authoritative(false);
    DnsAnswer answer = client.query(server, "home.example.org", DnsRecordType.AAAA, TIMEOUT);

    assertThat(answer.status()).isEqualTo(DnsStatus.OK);
    assertThat(answer.authoritative()).isFalse();
    assertThat(answer.values()).containsExactly("2001:db8::10");
    assertThat(answer.minTtl()).isEqualTo(60);
  }

  @Test
  void txtNsSoaAndCnameChains() {
    assertThat(client.query(server, "home.example.org", DnsRecordType.TXT, TIMEOUT).values())
        .containsExactly("hello world");
    assertThat(client.query(server, "example.org", DnsRecordType.NS, TIMEOUT).values())
        .containsExactly("ns1.example.net.");
    assertThat(client.query(server, "example.org.", DnsRecordType.SOA, TIMEOUT).values())
        .containsExactly("example.org.");
    // The test server does not chase CNAMEs: NODATA for A, the alias itself for CNAME.
    assertThat(client.query(server, "www.example.org", DnsRecordType.CNAME, TIMEOUT).values())
        .containsExactly("home.example.org.");
  }

  @Test
  void nameWithoutTheTypeIsNoData() {
    DnsAnswer answer = client.query(server, "example.org", DnsRecordType.A, TIMEOUT);
    assertThat(answer.status()).isEqualTo(DnsStatus.NO_DATA);
    assertThat(answer.records()).isEmpty();
    assertThat(answer.minTtl()).isEqualTo(-1);
  }

  @Test
  void unknownNameIsNxdomain() {
    DnsAnswer answer = client.query(server, "nope.example.org", DnsRecordType.A, TIMEOUT);
    assertThat(answer.status()).isEqualTo(DnsStatus.NXDOMAIN);
    assertThat(answer.authoritative()).isTrue();
  }

  @Test
  void rcodeModesBecomeStatuses() {
    dns.mode(Mode.NXDOMAIN);
    assertThat(client.query(server, "home.example.org", DnsRecordType.A, TIMEOUT).status())
        .isEqualTo(DnsStatus.NXDOMAIN);
    dns.mode(Mode.SERVFAIL);
    DnsAnswer servfail = client.query(server, "home.example.org", DnsRecordType.A, TIMEOUT);
    assertThat(servfail.status()).isEqualTo(DnsStatus.SERVFAIL);
    assertThat(servfail.reason()).contains("SERVFAIL");
  }

  @Test
  void truncatedUdpAnswerIsAskedAgainOverTcp() {
    dns.mode(Mode.TRUNCATE_UDP);
    DnsAnswer answer = client.query(server, "home.example.org", DnsRecordType.A, TIMEOUT);

    assertThat(answer.status()).isEqualTo(DnsStatus.OK);
    assertThat(answer.overTcp()).isTrue();
    assertThat(answer.values()).containsExactlyInAnyOrder("192.0.2.10", "192.0.2.11");
    assertThat(dns.udpQueries()).isEqualTo(1);
    assertThat(dns.tcpQueries()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(
      value = Mode.class,
      names = {"GARBAGE", "MISMATCHED_ID", "MISMATCHED_QUESTION", "WRONG_OWNER", "WRONG_TYPE"})
  void hostileAnswersAreMalformedNotExceptions(Mode mode) {
    dns.mode(mode);
    DnsAnswer answer = client.query(server, "home.example.org", DnsRecordType.A, TIMEOUT);

    assertThat(answer.status()).isEqualTo(DnsStatus.MALFORMED);
    assertThat(answer.records()).isEmpty();
    assertThat(answer.reason()).isNotBlank();
    assertThat(answer.elapsed()).isLessThan(TIMEOUT);
  }

  @Test
  void silentServerEndsAtTheDeadline() {
    dns.mode(Mode.SILENT);
    DnsAnswer answer = client.query(server, "home.example.org", DnsRecordType.A, TIMEOUT);

    assertThat(answer.status()).isEqualTo(DnsStatus.TIMEOUT);
    assertThat(answer.elapsed())
        .isGreaterThanOrEqualTo(TIMEOUT.minusMillis(50))
        .isLessThan(TIMEOUT.plus(TIMEOUT.dividedBy(10)));
  }

  @Test
  void silentServerAfterTruncationEndsAtTheDeadlineOverTcp() {
    dns.mode(Mode.TRUNCATE_UDP_SILENT_TCP);
    DnsAnswer answer = client.query(server, "home.example.org", DnsRecordType.A, TIMEOUT);
    assertThat(answer.status()).isEqualTo(DnsStatus.TIMEOUT);
    assertThat(answer.overTcp()).isTrue();
    assertThat(dns.tcpQueries()).isEqualTo(1);
    assertThat(answer.elapsed()).isLessThan(TIMEOUT.plus(TIMEOUT.dividedBy(10)));
  }

  @Test
  void chaosTxtLikeWhoamiCloudflare() {
    DnsAnswer answer = client.queryChaos(server, "whoami.cloudflare", DnsRecordType.TXT, TIMEOUT);
    assertThat(answer.status()).isEqualTo(DnsStatus.OK);
    assertThat(answer.values()).containsExactly("198.51.100.7");
    // The same name in class IN does not exist.
    assertThat(client.query(server, "whoami.cloudflare", DnsRecordType.TXT, TIMEOUT).status())
        .isEqualTo(DnsStatus.NXDOMAIN);
  }

  @Test
  void closedPortIsANetworkErrorOrTimeoutNeverAnException() throws Exception {
    int port = dns.port();
    dns.close();
    DnsAnswer answer =
        client.query(
            new DnsServer("127.0.0.1", port), "home.example.org", DnsRecordType.A, TIMEOUT);
    assertThat(answer.status()).isIn(DnsStatus.NETWORK_ERROR, DnsStatus.TIMEOUT);
  }

  @Test
  void invalidNameIsAnErrorValue() {
    DnsAnswer answer = client.query(server, "bad..name", DnsRecordType.A, TIMEOUT);
    assertThat(answer.status()).isEqualTo(DnsStatus.ERROR);
    assertThat(answer.reason()).contains("not a valid DNS name");
  }

  @Test
  void worksOverIpv6Loopback() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        dev.haremote.common.net.Ipv6Loopback.available(), "no IPv6 loopback (::1) on this host");
    try (TestDnsServer v6 =
        TestDnsServer.start(InetAddress.getByName("::1"))
            .add("v6.example.org", "AAAA", 42, "::1")) {
      DnsServer s = DnsServer.parse(v6.hostPort());
      assertThat(s.host()).isEqualTo("::1");
      DnsAnswer answer = client.query(s, "v6.example.org", DnsRecordType.AAAA, TIMEOUT);
      assertThat(answer.values()).containsExactly("::1");
      assertThat(answer.minTtl()).isEqualTo(42);
    }
  }
}
