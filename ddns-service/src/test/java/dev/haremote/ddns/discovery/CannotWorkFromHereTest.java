package dev.haremote.ddns.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.haremote.common.dns.DnsClient;
import dev.haremote.common.dns.DnsServer;
import dev.haremote.common.dns.SystemResolver;
import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.net.IpFamily;
import dev.haremote.common.net.RouteCheck;
import dev.haremote.common.tls.TrustConfig;
import dev.haremote.labkit.ddns.AddressEchoStandIn;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sources that cannot work from where ddns-service runs (the route check injected: no IPv6 route,
 * as in an IPv4-only k3s pod) say so with the reason {@code no_route_from_here}, never vote, and so
 * never make a detection disputed nor let it change a record. UPnP in a pod that hears no router
 * says that SSDP multicast does not cross the pod network.
 */
class CannotWorkFromHereTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(1);
  private static final SpecialUseRanges LAB =
      new SpecialUseRanges(List.of(Cidr.parse("198.51.100.0/24"), Cidr.parse("2001:db8::/32")));
  private static final RouteCheck NO_IPV6 =
      target -> target instanceof Inet6Address ? "network unreachable" : null;
  private static final SourceRoute POD_WITHOUT_IPV6 = new SourceRoute(NO_IPV6, true);
  private static final String WHY_IN_POD =
      "no IPv6 route from this pod (network unreachable): this source cannot work from where"
          + " ddns-service runs, which is no fault of the home; set ddns.hostNetwork in the chart"
          + " or use a dual-stack k3s (docs/deploy.md, \"Network\")";

  private final HttpProbe http = new HttpProbe(TrustConfig.of(List.of()));
  private final HostAddresses hosts = new HostAddresses(new SystemResolver());
  @TempDir Path dir;

  @Test
  void anIpv6EchoWithoutRouteIsNotAskedAndSaysWhy() throws Exception {
    assumeTrue(ipv6LoopbackHere(), "no ::1 here");
    try (AddressEchoStandIn echo =
        new AddressEchoStandIn(InetAddress.getByName("::1"), "2001:db8::7")) {
      URI url = URI.create(echo.url());
      SourceReading r =
          new HttpEchoSource(
                  "echo6",
                  url,
                  IpFamily.IPV6,
                  http,
                  hosts,
                  ReadingRules.of(LAB, TIMEOUT).withRoute(POD_WITHOUT_IPV6))
              .read();
      assertThat(r.reason()).isEqualTo("no_route_from_here");
      assertThat(r.cannotWorkHere()).isTrue();
      assertThat(r.address()).isNull();
      assertThat(r.error()).isEqualTo(WHY_IN_POD);
      assertThat(echo.received()).as("no request sent").isEmpty();

      SourceReading routed =
          new HttpEchoSource(
                  "echo6",
                  url,
                  IpFamily.IPV6,
                  http,
                  hosts,
                  ReadingRules.of(LAB, TIMEOUT).withRoute(SourceRoute.any()))
              .read();
      assertThat(routed.address()).as(routed.error()).isEqualTo("2001:db8::7");
      assertThat(routed.reason()).isNull();
    }
  }

  @Test
  void aDnsSourceAtAnIpv6ServerWithoutRouteSaysWhy() {
    SourceReading r =
        DnsSource.addressRecord(
                "dns6",
                DnsServer.parse("[2620:119:35::35]:53"),
                "myip.opendns.com",
                IpFamily.IPV6,
                new DnsClient(),
                ReadingRules.of(LAB, TIMEOUT).withRoute(new SourceRoute(NO_IPV6, false)))
            .read();
    assertThat(r.reason()).isEqualTo("no_route_from_here");
    assertThat(r.error())
        .isEqualTo(
            "no IPv6 route from this host (network unreachable): this source cannot work from"
                + " where ddns-service runs, which is no fault of the home");
  }

  @Test
  void theInterfaceSourceWithoutRouteCannotWorkAndInAPodNamesHostNetwork() throws Exception {
    Path proc = dir.resolve("if_inet6");
    Files.writeString(proc, "fe800000000000000000000000000001 02 40 20 80 eth0\n");
    SourceReading none =
        new InterfaceSource("if6", IpFamily.IPV6, null, LAB, proc, POD_WITHOUT_IPV6).read();
    assertThat(none.reason()).isEqualTo("no_route_from_here");
    assertThat(none.error()).isEqualTo(WHY_IN_POD);

    // A route, but no global address: the home's own state, with the pod hint.
    SourceReading routed =
        new InterfaceSource(
                "if6", IpFamily.IPV6, null, LAB, proc, new SourceRoute(RouteCheck.ANY, true))
            .read();
    assertThat(routed.reason()).isNull();
    assertThat(routed.error())
        .isEqualTo(
            "no global ipv6 address (a pod sees only its own interfaces unless ddns.hostNetwork is"
                + " on, docs/deploy.md)");
  }

  @Test
  void upnpInAPodThatHearsNoRouterSaysMulticastDoesNotCrossThePodNetwork() throws Exception {
    try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      InetSocketAddress ssdp = new InetSocketAddress("127.0.0.1", silent.getLocalPort());
      UpnpRouter router = UpnpRouter.configured(InetAddress.getLoopbackAddress());
      Duration quick = Duration.ofMillis(300);
      assertThat(new UpnpSource("upnp", ssdp, null, router, http, LAB, quick, true).read().error())
          .isEqualTo(
              "no UPnP gateway answered the SSDP search; SSDP multicast does not cross the pod"
                  + " network: in Kubernetes UPnP discovery needs ddns.hostNetwork on"
                  + " (docs/deploy.md, \"Network\")");
      assertThat(new UpnpSource("upnp", ssdp, null, router, http, LAB, quick, false).read().error())
          .isEqualTo("no UPnP gateway answered the SSDP search");
    }
  }

  @Test
  void aSourceThatCannotWorkHereNeverVotesNorDisputes() {
    SourceReading a = reading("echo-a", "2001:db8::7");
    SourceReading b = reading("echo-b", "2001:db8::7");
    // Even a reading that carries an address is no vote once it cannot work from here.
    SourceReading stray =
        new SourceReading(
            "echo-c",
            "http",
            IpFamily.IPV6,
            "2001:db8::9",
            "2001:db8::9",
            "no IPv6 route",
            SourceReading.NO_ROUTE_FROM_HERE,
            false);
    assertThat(stray.address()).isNull();

    FamilyDiscovery d = QuorumVote.decide(IpFamily.IPV6, 2, List.of(a, b, stray));
    assertThat(d.trusted()).isTrue();
    assertThat(d.sourcesAgree()).isTrue();
    assertThat(d.oddSources()).isEmpty();

    SourceReading noRoute = SourceReading.cannotWorkFromHere(source("echo-d"), "no IPv6 route");
    FamilyDiscovery none = QuorumVote.decide(IpFamily.IPV6, 2, List.of(noRoute, stray));
    assertThat(none.address()).isNull();
    assertThat(none.sourcesAgree()).isNull();
    assertThat(Disagreement.whyNotTrusted(none))
        .isEqualTo(
            "public ipv6 address not known: 0 of 2 required sources gave one (2 sources cannot"
                + " work from where ddns-service runs: no ipv6 route from here); repair waits until"
                + " 2 sources agree on an address and none says otherwise");
  }

  private static boolean ipv6LoopbackHere() {
    try (java.net.ServerSocket s = new java.net.ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static SourceReading reading(String source, String address) {
    return new SourceReading(source, "http", IpFamily.IPV6, address, address, null, false);
  }

  private static AddressSource source(String id) {
    return new AddressSource() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public String type() {
        return "http";
      }

      @Override
      public IpFamily family() {
        return IpFamily.IPV6;
      }

      @Override
      public SourceReading read() {
        throw new UnsupportedOperationException();
      }
    };
  }
}
