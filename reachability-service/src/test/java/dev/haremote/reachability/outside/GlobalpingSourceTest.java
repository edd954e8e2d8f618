package dev.haremote.reachability.outside;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.common.net.IpFamily;
import dev.haremote.labkit.certs.TestPki;
import dev.haremote.labkit.globalping.GlobalpingStandIn;
import dev.haremote.labkit.homeassistant.HomeAssistantStandIn;
import dev.haremote.labkit.net.ClosedPort;
import dev.haremote.reachability.diagnosis.ExternalView;
import dev.haremote.reachability.diagnosis.VerdictCode;
import dev.haremote.reachability.probe.TargetSpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Globalping source against the labkit stand-in on loopback, whose probes really fetch a Home
 * Assistant stand-in over TLS: the exact request, the verdicts per family, the cadence (one
 * measurement per interval), the back-off on 429, errors as values, and the token that is sent but
 * shown nowhere.
 */
class GlobalpingSourceTest {
  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
  private static final String CANARY = "gp-token-canary-7f3a9c";

  private static TestPki pki;
  private static HomeAssistantStandIn ha;
  private static ClosedPort closed;
  private static int closedPort;

  @TempDir Path dir;

  /** A clock the test moves; the poll pause moves it too. */
  static final class TestClock extends Clock {
    volatile Instant now = Instant.parse("2026-12-02T06:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }
  }

  @BeforeAll
  static void home() throws Exception {
    pki = TestPki.create("globalping-source");
    ha =
        HomeAssistantStandIn.options()
            .bind(InetAddress.getByName("127.0.0.1"))
            .tls(pki.leaf().dns("home.ha.test").issue(), true)
            .start();
    // Held bound (not listening) until the end, so no later server can take the port.
    closed = new ClosedPort(InetAddress.getByName("127.0.0.1"));
    closedPort = closed.port();
  }

  @AfterAll
  static void stop() throws Exception {
    ha.close();
    closed.close();
  }

  /** IPv4 reaches Home Assistant; IPv6 is firewalled (refused). */
  private static GlobalpingStandIn.Options world() {
    return GlobalpingStandIn.options()
        .trust(List.of(pki.root()))
        .inProgressPolls(2)
        .internet(
            (host, ipVersion, port) ->
                ipVersion == 4
                    ? new InetSocketAddress("127.0.0.1", ha.port())
                    : new InetSocketAddress("127.0.0.1", closedPort));
  }

  private GlobalpingSource source(
      GlobalpingStandIn api, TestClock clock, Optional<Path> token, int limit) {
    return new GlobalpingSource(
        new GlobalpingSource.Settings(
            api.url(),
            token,
            List.of("Europe", "AS3320"),
            limit,
            2,
            Duration.ofMinutes(15),
            Duration.ofSeconds(10)),
        clock,
        d -> {
          clock.advance(d);
          Thread.sleep(20);
        });
  }

  private static TargetSpec target(String families) {
    List<IpFamily> f =
        families.equals("ipv4") ? List.of(IpFamily.IPV4) : List.of(IpFamily.IPV4, IpFamily.IPV6);
    return new TargetSpec("home", URI.create("https://home.ha.test:" + ha.port()), f, null, null);
  }

  @Test
  void measuresEachFamilyWithExactlyTheDocumentedRequest() throws Exception {
    try (GlobalpingStandIn api = world().start()) {
      TestClock clock = new TestClock();
      ExternalView.PeerOutcome o = source(api, clock, Optional.empty(), 3).outcome(target("both"));

      assertThat(o.peer()).isEqualTo("globalping");
      assertThat(o.reachable()).isTrue();
      assertThat(o.families().get(IpFamily.IPV4))
          .isEqualTo(new ExternalView.FamilyAnswer(true, VerdictCode.OK));
      assertThat(o.families().get(IpFamily.IPV6))
          .isEqualTo(new ExternalView.FamilyAnswer(false, VerdictCode.PORT_CLOSED));

      assertThat(api.created()).hasSize(2);
      assertThat(api.created().get(0).request())
          .isEqualTo(
              JSON.readTree(
                  "{\"type\":\"http\",\"target\":\"home.ha.test\",\"locations\":[{\"magic\":"
                      + "\"Europe\"},{\"magic\":\"AS3320\"}],\"limit\":3,\"measurementOptions\":"
                      + "{\"request\":{\"method\":\"GET\",\"path\":\"/manifest.json\"},"
                      + "\"protocol\":\"HTTPS\",\"port\":"
                      + ha.port()
                      + ",\"ipVersion\":4}}"));
      assertThat(
              api.created().get(1).request().path("measurementOptions").path("ipVersion").asInt())
          .isEqualTo(6);
      assertThat(api.created().get(0).authorization()).as("anonymous").isNull();
      assertThat(api.polls()).as("in-progress was polled until finished").isGreaterThanOrEqualTo(6);
    }
  }

  @Test
  void anIpv4OnlyTargetIsNeverMeasuredOverIpv6() throws Exception {
    try (GlobalpingStandIn api = world().start()) {
      ExternalView.PeerOutcome o =
          source(api, new TestClock(), Optional.empty(), 3).outcome(target("ipv4"));
      assertThat(api.created()).hasSize(1);
      assertThat(o.families()).containsOnlyKeys(IpFamily.IPV4);
    }
  }

  @Test
  void oneMeasurementPerIntervalTheRoundsBetweenReuseIt() throws Exception {
    try (GlobalpingStandIn api = world().start()) {
      TestClock clock = new TestClock();
      GlobalpingSource source = source(api, clock, Optional.empty(), 3);
      TargetSpec t = target("ipv4");
      source.outcome(t);
      Instant measuredAt = source.status("home").measuredAt();
      for (int round = 0; round < 14; round++) {
        clock.advance(Duration.ofSeconds(60)); // the local checks' cadence
        assertThat(source.outcome(t).reachable()).isTrue();
      }
      assertThat(api.created()).as("14 rounds inside the 15 minutes: cached").hasSize(1);
      assertThat(source.status("home").measuredAt()).isEqualTo(measuredAt);
      clock.advance(Duration.ofSeconds(61));
      source.outcome(t);
      assertThat(api.created()).hasSize(2);
    }
  }

  @Test
  void a429StopsAllMeasurementsUntilTheReset() throws Exception {
    try (GlobalpingStandIn api = world().start()) {
      TestClock clock = new TestClock();
      GlobalpingSource source = source(api, clock, Optional.empty(), 3);
      TargetSpec t = target("ipv4");
      api.rateLimitNext(1, 3600);
      ExternalView.PeerOutcome limited = source.outcome(t);
      assertThat(api.rejectedByRateLimit()).isEqualTo(1);
      assertThat(limited.reachable()).isNull();
      assertThat(limited.error()).startsWith("rate limited by Globalping until 2026-12-02T07:00");
      assertThat(source.status("home").nextMeasurementAt())
          .isAfterOrEqualTo(Instant.parse("2026-12-02T07:00:00Z"));

      // 15 minutes later the interval is over, the API's reset is not: still nothing is sent.
      clock.advance(Duration.ofMinutes(16));
      source.outcome(t);
      TargetSpec other =
          new TargetSpec(
              "other",
              URI.create("https://home.ha.test:" + ha.port()),
              List.of(IpFamily.IPV4),
              null,
              null);
      source.outcome(other);
      assertThat(api.created()).isEmpty();
      assertThat(api.rejectedByRateLimit()).isEqualTo(1);

      clock.advance(Duration.ofMinutes(45));
      assertThat(source.outcome(t).reachable()).isTrue();
      assertThat(api.created()).hasSize(1);
      assertThat(source.status("home").error()).isNull();
    }
  }

  @Test
  void theTokenIsSentAndShownNowhere() throws Exception {
    Path token = Files.writeString(dir.resolve("gp-token"), CANARY + "\n");
    try (GlobalpingStandIn api = world().token(CANARY).start()) {
      GlobalpingSource source = source(api, new TestClock(), Optional.of(token), 3);
      ExternalView.PeerOutcome o = source.outcome(target("both"));
      assertThat(api.created())
          .hasSize(2)
          .allSatisfy(c -> assertThat(c.authorization()).isEqualTo("Bearer " + CANARY));
      assertThat(o.toString()).doesNotContain(CANARY);
      assertThat(JSON.writeValueAsString(source.status("home"))).doesNotContain(CANARY);
    }
    // A token the API does not know: 401, said without the token.
    try (GlobalpingStandIn api = world().token("another-token").start()) {
      GlobalpingSource source = source(api, new TestClock(), Optional.of(token), 3);
      ExternalView.PeerOutcome o = source.outcome(target("ipv4"));
      assertThat(o.reachable()).isNull();
      assertThat(o.error()).isEqualTo("ipv4: create answered HTTP 401").doesNotContain(CANARY);
      assertThat(JSON.writeValueAsString(source.status("home"))).doesNotContain(CANARY);
    }
  }

  @Test
  void aRequestTheApiRefusesIsAnErrorValue() throws Exception {
    try (GlobalpingStandIn api = world().start()) {
      ExternalView.PeerOutcome o =
          source(api, new TestClock(), Optional.empty(), 501).outcome(target("ipv4"));
      assertThat(o.reachable()).isNull();
      assertThat(o.error())
          .isEqualTo(
              "ipv4: create answered HTTP 400 validation_error: Parameter validation failed.");
      assertThat(source(api, new TestClock(), Optional.empty(), 501).status("home")).isNull();
    }
  }

  @Test
  void aMeasurementThatNeverFinishesEndsAtItsDeadline() throws Exception {
    try (GlobalpingStandIn api = world().inProgressPolls(1_000_000).start()) {
      TestClock clock = new TestClock();
      ExternalView.PeerOutcome o = source(api, clock, Optional.empty(), 3).outcome(target("ipv4"));
      assertThat(o.error()).isEqualTo("ipv4: measurement not finished before the deadline");
      assertThat(api.polls()).as("500 ms apart within 10 s").isBetween(15, 21);
    }
  }

  @Test
  void anApiThatDoesNotListenIsAnErrorValue() throws Exception {
    GlobalpingSource source =
        new GlobalpingSource(
            new GlobalpingSource.Settings(
                "http://127.0.0.1:" + closedPort,
                Optional.empty(),
                List.of(),
                3,
                2,
                Duration.ofMinutes(15),
                Duration.ofSeconds(5)),
            new TestClock(),
            d -> {});
    ExternalView.PeerOutcome o = source.outcome(target("ipv4"));
    assertThat(o.reachable()).isNull();
    assertThat(o.error()).isEqualTo("ipv4: API not reachable (refused)");
  }
}
