package dev.haremote.ddns.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.tls.TrustConfig;
import dev.haremote.ddns.service.DdnsEngineFactory;
import dev.haremote.labkit.upnp.IgdStandIn;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * UPnP talks to the router only: SSDP answers from other hosts are ignored, LOCATION and control
 * URLs on other hosts are never fetched, and the reading says so without probing anything. The
 * router is 127.0.0.1 or 127.0.0.2 on loopback; the "other LAN host" is the other one.
 */
class UpnpRouterRuleTest {
  private static final Duration TIMEOUT = Duration.ofMillis(1500);
  private static final SpecialUseRanges LAB =
      new SpecialUseRanges(List.of(Cidr.parse("198.51.100.0/24")));
  private static final InetAddress LO1 = address("127.0.0.1");
  private static final InetAddress LO2 = address("127.0.0.2");
  private final HttpProbe http = new HttpProbe(TrustConfig.of(List.of()));
  @TempDir Path dir;

  private static InetAddress address(String literal) {
    return AddressLiteral.toInetAddress(literal).orElseThrow();
  }

  private UpnpSource source(IgdStandIn ssdp, UpnpRouter router) {
    return new UpnpSource(
        "router",
        DdnsEngineFactory.ssdpAddress(ssdp.ssdpAddress()),
        null,
        router,
        http,
        LAB,
        TIMEOUT);
  }

  /** A routing table whose default route goes via {@code gatewayHex} (little-endian). */
  private DefaultGateway gatewayVia(String gatewayHex) throws Exception {
    Path v4 = dir.resolve("route");
    Files.writeString(
        v4,
        "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
            + "eth0\t00000000\t"
            + gatewayHex
            + "\t0003\t0\t0\t0\t00000000\t0\t0\t0\n"
            + "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n");
    return new DefaultGateway(v4, dir.resolve("no-ipv6_route"));
  }

  @Test
  void theDefaultGatewaysAnswerIsTaken() throws Exception {
    try (IgdStandIn igd = new IgdStandIn("198.51.100.7", LO1)) {
      SourceReading r = source(igd, UpnpRouter.defaultGateway(gatewayVia("0100007F"))).read();
      assertThat(r.address()).as(r.error()).isEqualTo("198.51.100.7");
      assertThat(igd.descriptionFetches()).isEqualTo(1);
      assertThat(igd.soapCalls()).isEqualTo(1);
    }
  }

  @Test
  void anAnswerFromAnotherHostThanTheGatewayIsIgnoredAndNothingIsFetched() throws Exception {
    try (IgdStandIn lanHost = new IgdStandIn("198.51.100.66", LO1)) {
      SourceReading r = source(lanHost, UpnpRouter.defaultGateway(gatewayVia("0200007F"))).read();
      assertThat(r.address()).isNull();
      assertThat(r.error())
          .isEqualTo(
              "no UPnP gateway answered the SSDP search;"
                  + " SSDP answer from 127.0.0.1 ignored: not the gateway 127.0.0.2");
      assertThat(lanHost.descriptionFetches()).isZero();
      assertThat(lanHost.soapCalls()).isZero();
    }
  }

  @Test
  void anAnswerFromAnotherHostThanTheConfiguredRouterIsIgnored() {
    try (IgdStandIn lanHost = new IgdStandIn("198.51.100.66", LO2)) {
      SourceReading r = source(lanHost, UpnpRouter.configured(LO1)).read();
      assertThat(r.error())
          .isEqualTo(
              "no UPnP gateway answered the SSDP search;"
                  + " SSDP answer from 127.0.0.2 ignored: not the configured router 127.0.0.1");
      assertThat(lanHost.descriptionFetches()).isZero();
    }
  }

  @Test
  void aLocationOnAnotherHostIsNotFetched() {
    try (IgdStandIn router = new IgdStandIn("198.51.100.7", LO1);
        IgdStandIn elsewhere = new IgdStandIn("198.51.100.66", LO2)) {
      router.locationOverride(elsewhere.location());
      SourceReading r = source(router, UpnpRouter.configured(LO1)).read();
      assertThat(r.address()).isNull();
      assertThat(r.error())
          .isEqualTo("LOCATION on 127.0.0.2, not the configured router 127.0.0.1: not fetched");
      assertThat(elsewhere.descriptionFetches()).isZero();
      assertThat(router.descriptionFetches()).isZero();
    }
  }

  @Test
  void aLocationOnAClosedPortOfAnotherHostReportsNoPortState() {
    try (IgdStandIn router = new IgdStandIn("198.51.100.7", LO1)) {
      router.locationOverride("http://127.0.0.2:1/rootDesc.xml");
      String error = source(router, UpnpRouter.configured(LO1)).read().error();
      assertThat(error)
          .isEqualTo("LOCATION on 127.0.0.2, not the configured router 127.0.0.1: not fetched")
          .doesNotContain("refused", "timeout", "open", ":1/");
    }
  }

  @Test
  void aControlUrlOnAnotherHostIsNotPosted() {
    try (IgdStandIn router = new IgdStandIn("198.51.100.7", LO1);
        IgdStandIn elsewhere = new IgdStandIn("198.51.100.66", LO2)) {
      router.controlUrlOverride(elsewhere.controlUrl());
      SourceReading r = source(router, UpnpRouter.configured(LO1)).read();
      assertThat(r.error())
          .isEqualTo("control URL on 127.0.0.2, not the configured router 127.0.0.1: not fetched");
      assertThat(router.descriptionFetches()).isEqualTo(1);
      assertThat(elsewhere.soapCalls()).isZero();
      assertThat(router.soapCalls()).isZero();
    }
  }

  @Test
  void aControlUrlThatIsNotHttpIsNotFetched() {
    try (IgdStandIn router = new IgdStandIn("198.51.100.7", LO1)) {
      router.controlUrlOverride("file:///etc/passwd");
      assertThat(source(router, UpnpRouter.configured(LO1)).read().error())
          .isEqualTo("control URL on (no host), not the configured router 127.0.0.1: not fetched");
    }
  }

  @Test
  void withoutADefaultGatewayNothingIsSent() throws Exception {
    try (IgdStandIn igd = new IgdStandIn("198.51.100.7", LO1)) {
      DefaultGateway none = new DefaultGateway(dir.resolve("none"), dir.resolve("none6"));
      SourceReading r = source(igd, UpnpRouter.defaultGateway(none)).read();
      assertThat(r.error())
          .isEqualTo(
              "no default gateway in /proc/net/route or /proc/net/ipv6_route: set the source's"
                  + " router to the router's address");
      assertThat(igd.descriptionFetches()).isZero();
    }
  }

  @Test
  void defaultGatewaysComeFromBothRoutingTables() throws Exception {
    Path v4 = dir.resolve("route");
    Files.writeString(
        v4,
        "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
            + "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n"
            + "cni0\t0000580A\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0\n"
            + "wg0\t00000000\t00000000\t0001\t0\t0\t0\t00000000\t0\t0\t0\n"); // no gateway flag
    Path v6 = dir.resolve("ipv6_route");
    Files.writeString(
        v6,
        "fe800000000000000000000000000000 40 00000000000000000000000000000000 00"
            + " 00000000000000000000000000000000 00000100 00000001 00000000 00000001 eth0\n"
            + "00000000000000000000000000000000 00 00000000000000000000000000000000 00"
            + " fe800000000000000000000000000001 00000400 00000002 00000000 00000003 eth0\n"
            + "00000000000000000000000000000000 00 00000000000000000000000000000000 00"
            + " 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200 lo\n");
    assertThat(new DefaultGateway(v4, v6).addresses().stream().map(AddressLiteral::canonical))
        .containsExactly("192.0.2.1", "fe80::1");
  }

  @Test
  void aConfiguredLocationMakesItsHostTheRouter() {
    try (IgdStandIn router = new IgdStandIn("198.51.100.7", LO1)) {
      UpnpSource s =
          new UpnpSource(
              "router",
              DdnsEngineFactory.ssdpAddress("127.0.0.1:9"),
              URI.create(router.location()),
              UpnpRouter.locationHost("127.0.0.1"),
              http,
              LAB,
              TIMEOUT);
      assertThat(s.read().address()).isEqualTo("198.51.100.7");
    }
  }
}
