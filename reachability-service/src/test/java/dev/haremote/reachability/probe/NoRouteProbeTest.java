package dev.haremote.reachability.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.dns.DnsClient;
import dev.haremote.common.dns.DnsServer;
import dev.haremote.common.dns.SystemResolver;
import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.http.WebSocketProbe;
import dev.haremote.common.net.Deadline;
import dev.haremote.common.net.IpFamily;
import dev.haremote.common.net.RouteCheck;
import dev.haremote.common.tls.TrustConfig;
import dev.haremote.labkit.dns.TestDnsServer;
import dev.haremote.labkit.homeassistant.HomeAssistantStandIn;
import dev.haremote.reachability.ddns.DdnsFacts;
import dev.haremote.reachability.diagnosis.Diagnosis;
import dev.haremote.reachability.diagnosis.ExternalView;
import dev.haremote.reachability.diagnosis.Verdict;
import dev.haremote.reachability.metrics.ReachabilityMetrics;
import dev.haremote.reachability.service.FamilyStatus;
import dev.haremote.reachability.service.StatusAssembler;
import dev.haremote.reachability.service.TargetStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A target on both families whose IPv6 this host has no route for (the route check injected: the
 * kernel's own lookup is {@code LocalRouteTest}'s). Home Assistant answers over IPv4 on loopback;
 * nothing listens on ::1. Without a route the IPv6 family is not probed, says {@code
 * no_route_from_here} with {@code reachable} null, its stage series after DNS stay NaN, and the
 * target is {@code ok}; with a route the same home is {@code ipv6_port_mismatch}.
 */
class NoRouteProbeTest {
  private static final String HOST = "home.noroute.test";
  private static final RouteCheck NO_IPV6_ROUTE =
      target -> target instanceof Inet6Address ? "network unreachable" : null;

  private static TestDnsServer dns;
  private static HomeAssistantStandIn ha;
  private static ExecutorService executor;
  private static TargetSpec spec;

  @BeforeAll
  static void start() throws IOException {
    ha = HomeAssistantStandIn.options().bind(InetAddress.getByName("127.0.0.1")).start();
    dns = TestDnsServer.start();
    dns.add(HOST, "A", 60, "127.0.0.1");
    dns.add(HOST, "AAAA", 60, "::1");
    executor = Executors.newFixedThreadPool(8);
    spec =
        new TargetSpec(
            "home",
            URI.create("http://" + HOST + ":" + ha.port() + "/"),
            List.of(IpFamily.IPV4, IpFamily.IPV6),
            null,
            null);
  }

  @AfterAll
  static void stop() {
    executor.shutdownNow();
    dns.close();
    ha.close();
  }

  @Test
  void aFamilyWithoutRouteIsUnknownNotAFaultOfTheHome() {
    TargetProbe probe = probe(NO_IPV6_ROUTE);

    assertThat(probe.verdict().code().code()).isEqualTo("ok");
    Verdict v6 = probe.familyVerdicts().get(IpFamily.IPV6);
    assertThat(v6.code().code()).isEqualTo("no_route_from_here");
    assertThat(v6.advice()).contains("(network unreachable)").contains("reachability.hostNetwork");

    TargetStatus status =
        StatusAssembler.target(spec, probe, probe.familyVerdicts(), probe.verdict());
    assertThat(status.reachable()).isTrue();
    assertThat(status.verdict()).isEqualTo("ok");
    FamilyStatus ipv6 = status.ipv6();
    assertThat(ipv6.verdict()).isEqualTo("no_route_from_here");
    assertThat(ipv6.reachable()).isNull();
    assertThat(ipv6.rawReachable()).isNull();
    assertThat(ipv6.address()).isEqualTo("::1");
    assertThat(ipv6.tcp()).as("not tried").isNull();
    assertThat(status.ipv4().tcp()).isTrue();

    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ReachabilityMetrics metrics = new ReachabilityMetrics(registry);
    metrics.register(List.of(spec));
    metrics.record(spec, probe, probe.verdict());
    assertThat(success(registry, "ipv6", "dns")).isEqualTo(1.0);
    for (String stage : List.of("tcp", "tls", "http", "websocket")) {
      assertThat(success(registry, "ipv6", stage)).as(stage).isNaN();
    }
    assertThat(success(registry, "ipv4", "tcp")).isEqualTo(1.0);
    assertThat(registry.get("reachability_target_reachable").gauge().value()).isEqualTo(1.0);
  }

  @Test
  void withARouteTheSameHomeIsAnIpv6PortMismatch() {
    TargetProbe probe = probe(RouteCheck.ANY);
    assertThat(probe.familyVerdicts().get(IpFamily.IPV6).code().code()).isEqualTo("port_closed");
    assertThat(probe.verdict().code().code()).isEqualTo("ipv6_port_mismatch");
  }

  @Test
  void anIpv6OnlyTargetWithoutRouteIsUnknownInStatusAndMetrics() {
    TargetSpec v6only = new TargetSpec("home", spec.url(), List.of(IpFamily.IPV6), null, null);
    TargetProbe probe = probe(v6only, NO_IPV6_ROUTE);
    Verdict shown = Diagnosis.combine(probe.observation(), Map.copyOf(probe.familyVerdicts()));
    TargetStatus status = StatusAssembler.target(v6only, probe, probe.familyVerdicts(), shown);
    assertThat(status.verdict()).isEqualTo("no_route_from_here");
    assertThat(status.reachable()).isNull();

    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ReachabilityMetrics metrics = new ReachabilityMetrics(registry);
    metrics.register(List.of(v6only));
    metrics.record(v6only, probe, shown);
    assertThat(registry.get("reachability_target_reachable").gauge().value()).isNaN();
  }

  private static double success(SimpleMeterRegistry registry, String family, String stage) {
    return registry
        .get("reachability_probe_success")
        .tags("target", "home", "ip_protocol", family, "stage", stage)
        .gauge()
        .value();
  }

  private static TargetProbe probe(RouteCheck route) {
    return probe(spec, route);
  }

  private static TargetProbe probe(TargetSpec target, RouteCheck route) {
    TrustConfig trust = TrustConfig.systemPlus(Optional.empty());
    DnsServer resolver = DnsServer.parse(dns.hostPort());
    NameResolution names =
        new NameResolution(
            new DnsClient(), new SystemResolver(), List.of(resolver), List.of(resolver));
    TargetProber prober =
        new TargetProber(
            names,
            new ChainProber(new HttpProbe(trust), new WebSocketProbe(trust)),
            1,
            executor,
            TargetProber.AddressPolicy.ANY,
            route);
    return prober
        .probe(
            target,
            DdnsFacts.unavailable(null),
            java.util.concurrent.CompletableFuture.completedFuture(ExternalView.none()),
            true,
            Deadline.in(Duration.ofSeconds(3)))
        .join();
  }
}
