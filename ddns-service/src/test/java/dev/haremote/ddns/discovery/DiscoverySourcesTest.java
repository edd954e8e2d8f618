package dev.haremote.ddns.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.dns.DnsClient;
import dev.haremote.common.dns.DnsServer;
import dev.haremote.common.dns.SystemResolver;
import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.net.IpFamily;
import dev.haremote.common.tls.TrustConfig;
import dev.haremote.ddns.service.DdnsEngineFactory;
import dev.haremote.ddns.testing.Lab;
import dev.haremote.labkit.bind.BindServer;
import dev.haremote.labkit.ddns.AddressEchoStandIn;
import dev.haremote.labkit.ddns.ChaosTxtResponder;
import dev.haremote.labkit.upnp.IgdStandIn;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each discovery source against a local server speaking its protocol. */
class DiscoverySourcesTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(1);
  private static final SpecialUseRanges LAB =
      new SpecialUseRanges(List.of(Cidr.parse("198.51.100.0/24"), Cidr.parse("2001:db8::/32")));
  private final HttpProbe http = new HttpProbe(TrustConfig.of(List.of()));
  private final HostAddresses hosts = new HostAddresses(new SystemResolver());
  @TempDir Path dir;

  private HttpEchoSource echo(AddressEchoStandIn s) {
    return new HttpEchoSource(
        "echo", URI.create(s.url()), IpFamily.IPV4, http, hosts, ReadingRules.of(LAB, TIMEOUT));
  }

  @Test
  void httpEchoTakesExactlyOneLiteralFromTheBody() {
    try (AddressEchoStandIn s = new AddressEchoStandIn("198.51.100.7")) {
      assertThat(echo(s).read().address()).isEqualTo("198.51.100.7");

      s.say("198.51.100.7 198.51.100.8");
      assertThat(echo(s).read().error()).contains("exactly one");

      s.say("<html>oops</html>");
      assertThat(echo(s).read().error()).isEqualTo("no address in the answer");

      s.say("10.0.0.2");
      SourceReading privateOne = echo(s).read();
      assertThat(privateOne.address()).isNull();
      assertThat(privateOne.said()).isEqualTo("10.0.0.2");

      s.answer(503, "198.51.100.7", Map.of());
      assertThat(echo(s).read().error()).isEqualTo("http status 503");

      s.hang();
      assertThat(echo(s).read().error()).contains("timeout");
    }
  }

  @Test
  void dnsSourceAsksAForTheName() {
    Lab.requireNamed();
    try (BindServer bind =
        BindServer.builder("opendns.test").record("myip 0 IN A 198.51.100.7").start()) {
      DnsSource s =
          DnsSource.addressRecord(
              "dns",
              DnsServer.parse(bind.hostPort()),
              "myip.opendns.test",
              IpFamily.IPV4,
              new DnsClient(),
              ReadingRules.of(LAB, TIMEOUT));
      assertThat(s.read().address()).isEqualTo("198.51.100.7");

      DnsSource missing =
          DnsSource.addressRecord(
              "dns",
              DnsServer.parse(bind.hostPort()),
              "nope.opendns.test",
              IpFamily.IPV4,
              new DnsClient(),
              ReadingRules.of(LAB, TIMEOUT));
      assertThat(missing.read().error()).contains("nxdomain");
    }
  }

  @Test
  void dnsSourceAsksChaosTxt() throws Exception {
    try (ChaosTxtResponder r = new ChaosTxtResponder("198.51.100.9")) {
      DnsSource s =
          DnsSource.chaosTxt(
              "whoami",
              DnsServer.parse(r.hostPort()),
              "whoami.cloudflare",
              IpFamily.IPV4,
              new DnsClient(),
              ReadingRules.of(LAB, TIMEOUT));
      assertThat(s.read().address()).isEqualTo("198.51.100.9");

      r.say("not an address");
      assertThat(s.read().error()).isEqualTo("no address in the answer");
    }
  }

  private UpnpSource upnp(IgdStandIn igd, boolean ssdp) {
    return new UpnpSource(
        "upnp",
        DdnsEngineFactory.ssdpAddress(igd.ssdpAddress()),
        ssdp ? null : URI.create(igd.location()),
        UpnpRouter.configured(java.net.InetAddress.getLoopbackAddress()),
        http,
        LAB,
        TIMEOUT);
  }

  @Test
  void upnpFindsTheGatewayOverSsdpAndAsksItsWanAddress() {
    try (IgdStandIn igd = new IgdStandIn("198.51.100.7")) {
      SourceReading r = upnp(igd, true).read();
      assertThat(r.address()).as(r.error()).isEqualTo("198.51.100.7");
      assertThat(igd.soapCalls()).isEqualTo(1);
      assertThat(upnp(igd, false).read().address()).isEqualTo("198.51.100.7");
    }
  }

  @Test
  void upnpEmptyWanAddressMeansTheRouterHasNoPublicAddress() {
    try (IgdStandIn igd = new IgdStandIn("")) {
      SourceReading r = upnp(igd, true).read();
      assertThat(r.routerWithoutPublicAddress()).isTrue();
      assertThat(r.address()).isNull();
      assertThat(r.error()).isEqualTo("the router has no public address");
    }
  }

  @Test
  void upnpCgnatWanAddressIsReportedButRefused() {
    try (IgdStandIn igd = new IgdStandIn("100.64.7.8")) {
      SourceReading r = upnp(igd, true).read();
      assertThat(r.said()).isEqualTo("100.64.7.8");
      assertThat(r.address()).isNull();
      assertThat(r.error()).contains("cgnat");
    }
  }

  @Test
  void upnpWithoutAGatewayEndsAtTheDeadline() throws Exception {
    try (java.net.DatagramSocket silent =
        new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
      UpnpSource s =
          new UpnpSource(
              "upnp",
              new java.net.InetSocketAddress("127.0.0.1", silent.getLocalPort()),
              null,
              UpnpRouter.configured(java.net.InetAddress.getLoopbackAddress()),
              http,
              LAB,
              Duration.ofMillis(300),
              false);
      assertThat(s.read().error()).isEqualTo("no UPnP gateway answered the SSDP search");
    }
  }

  @Test
  void interfaceSourceSkipsTemporaryDeprecatedAndLocalAddresses() throws Exception {
    Path proc = dir.resolve("if_inet6");
    Files.writeString(
        proc,
        "fe800000000000000000000000000001 02 40 20 80 eth0\n"
            + "20010db8000000000000000000000099 02 40 00 01 eth0\n" // temporary (privacy)
            + "20010db8000000000000000000000098 02 40 00 20 eth0\n" // deprecated
            + "fd000000000000000000000000000001 02 40 00 80 eth0\n" // unique local
            + "20010db8000000000000000000000007 02 40 00 80 eth0\n");

    // Any route, outside a pod: this test is about the address file, not about where it runs.
    SourceRoute route = SourceRoute.any();
    InterfaceSource s = new InterfaceSource("if", IpFamily.IPV6, null, LAB, proc, route);

    assertThat(s.read().address()).isEqualTo("2001:db8::7");
    assertThat(new InterfaceSource("if", IpFamily.IPV6, "wlan0", LAB, proc, route).read().error())
        .contains("no global ipv6 address on wlan0");
  }
}
