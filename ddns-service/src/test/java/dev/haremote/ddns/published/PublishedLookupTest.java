package dev.haremote.ddns.published;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.dns.DnsClient;
import dev.haremote.common.dns.DnsServer;
import dev.haremote.common.net.IpFamily;
import dev.haremote.ddns.testing.Lab;
import dev.haremote.ddns.testing.MutableClock;
import dev.haremote.labkit.bind.BindServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The zone and its servers found from SOA/NS, the authoritative answer with its TTL, and
 * propagation: a second BIND with older data stands for a resolver that still caches the old
 * answer.
 */
class PublishedLookupTest {
  private static BindServer fresh;
  private static BindServer stale;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T07:00:00Z"));
  private final DnsClient dns = new DnsClient();

  @BeforeAll
  static void start() {
    Lab.requireNamed();
    fresh =
        BindServer.builder("duckdns.org")
            .record("my-home 60 IN A 198.51.100.7")
            .record("my-home 60 IN AAAA 2001:db8::7")
            .record("ha 60 IN CNAME my-home.example.net.") // out of zone: the answer is the CNAME
            .record("www 60 IN CNAME my-home") // in zone: BIND adds my-home's A to the answer
            .start();
    stale = BindServer.builder("duckdns.org").record("my-home 300 IN A 198.51.100.1").start();
  }

  @AfterAll
  static void stop() {
    if (fresh != null) {
      fresh.close();
    }
    if (stale != null) {
      stale.close();
    }
  }

  private PublishedLookup lookup(List<BindServer> resolvers) {
    List<DnsServer> r = resolvers.stream().map(b -> DnsServer.parse(b.hostPort())).toList();
    Duration timeout = Duration.ofSeconds(2);
    return new PublishedLookup(
        dns, new ZoneLocator(dns, r, timeout, clock, fresh.port()), List.of(), r, timeout, clock);
  }

  @Test
  void findsTheZoneAndAsksItsNameServersDirectly() {
    PublishedView v = lookup(List.of(fresh)).look("my-home.duckdns.org", IpFamily.IPV4);

    assertThat(v.error()).isNull();
    assertThat(v.zone()).isEqualTo("duckdns.org.");
    assertThat(v.published()).containsExactly("198.51.100.7");
    assertThat(v.ttl()).isEqualTo(60L);
    assertThat(v.authoritative())
        .extracting(ServerAnswer::server)
        .containsExactly(fresh.hostPort());
    assertThat(v.propagated()).isTrue();
    assertThat(v.cachesExpireAt()).isNull();
  }

  @Test
  void ipv6IsAskedAsAaaa() {
    PublishedView v = lookup(List.of(fresh)).look("my-home.duckdns.org", IpFamily.IPV6);

    assertThat(v.published()).containsExactly("2001:db8::7");
  }

  @Test
  void aResolverWithAnotherAnswerIsNotPropagatedAndSaysWhenItExpires() {
    PublishedView v = lookup(List.of(fresh, stale)).look("my-home.duckdns.org", IpFamily.IPV4);

    assertThat(v.published()).containsExactly("198.51.100.7");
    assertThat(v.propagated()).isFalse();
    assertThat(v.cachesExpireAt()).isEqualTo(clock.instant().plusSeconds(300));
    assertThat(v.resolvers())
        .extracting(ServerAnswer::addresses)
        .containsExactly(List.of("198.51.100.7"), List.of("198.51.100.1"));
  }

  @Test
  void aCnameOutOfTheZoneIsAnAliasWithNoAddressOfItsOwn() {
    PublishedView v = lookup(List.of(fresh)).look("ha.duckdns.org", IpFamily.IPV4);

    assertThat(v.aliasOf()).isEqualTo("my-home.example.net");
    assertThat(v.published()).isNull();
    assertThat(v.zone()).isEqualTo("duckdns.org.");
    assertThat(v.error())
        .isEqualTo(
            "alias: ha.duckdns.org is a CNAME of my-home.example.net at its authoritative servers,"
                + " so its addresses are my-home.example.net's: it is not compared with the home's"
                + " public address and never updated (watch or update my-home.example.net"
                + " instead)");
    assertThat(v.authoritative())
        .containsExactly(
            new ServerAnswer(
                fresh.hostPort(),
                null,
                null,
                "an alias (CNAME) of my-home.example.net, no address of its own"));
    assertThat(v.propagated()).isNull();
  }

  @Test
  void aCnameWithinTheZoneIsAnAliasTooNotTheTargetsAddress() {
    PublishedView v = lookup(List.of(fresh)).look("WWW.duckdns.org", IpFamily.IPV4);

    // The answer carries my-home's A as well: that is the target's address, not www's own.
    assertThat(v.aliasOf()).isEqualTo("my-home.duckdns.org");
    assertThat(v.published()).isNull();
    assertThat(v.error()).startsWith("alias: WWW.duckdns.org is a CNAME of my-home.duckdns.org ");
  }

  @Test
  void aNameWithItsOwnAddressIsNoAlias() {
    assertThat(lookup(List.of(fresh)).look("my-home.duckdns.org", IpFamily.IPV4).aliasOf())
        .isNull();
  }

  @Test
  void aMissingNameIsPublishedAsNothing() {
    PublishedView v = lookup(List.of(fresh)).look("nobody.at.home.duckdns.org", IpFamily.IPV4);

    assertThat(v.zone()).isEqualTo("duckdns.org.");
    assertThat(v.published()).isEmpty();
    assertThat(v.error()).isNull();
  }

  @Test
  void noAnsweringServerIsAnErrorNotAnException() throws Exception {
    int closed;
    try (java.net.DatagramSocket s =
        new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    DnsServer nobody = new DnsServer("127.0.0.1", closed);
    Duration t = Duration.ofMillis(500);
    PublishedLookup l =
        new PublishedLookup(
            dns,
            new ZoneLocator(dns, List.of(nobody), t, clock, 53),
            List.of(nobody),
            List.of(),
            t,
            clock);

    PublishedView v = l.look("my-home.duckdns.org", IpFamily.IPV4);

    assertThat(v.published()).isNull();
    assertThat(v.error()).startsWith("no authoritative answer");
  }
}
