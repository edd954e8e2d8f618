package dev.haremote.certwatch.clock;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.haremote.certwatch.testing.MutableClock;
import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.tls.TrustConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The clock verdict against a real HTTP server whose {@code Date} header is the reference: each
 * skew gives its reason and the trusted time, within tolerance nothing is reported, and a reference
 * that never answered leaves only the build-time check.
 */
class TrustedClockTest {
  static final Instant BUILD = Instant.parse("2026-11-25T00:00:00Z");
  HttpServer server;
  URI url;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
    url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private TrustedClock clockAt(Instant system) {
    ClockReference reference =
        new ClockReference(
            new HttpProbe(TrustConfig.systemPlus(java.util.Optional.empty())),
            url,
            Duration.ofSeconds(2));
    TrustedClock clock =
        new TrustedClock(
            Clock.fixed(system, ZoneOffset.UTC),
            new ClockSanity(BUILD),
            reference,
            Duration.ofMinutes(5));
    clock.refresh();
    return clock;
  }

  @Test
  void aClockWithinToleranceIsBelieved() {
    Instant system = Instant.now().plusSeconds(60);
    ClockReading reading = clockAt(system).read();
    assertThat(reading.reason()).isNull();
    assertThat(reading.trusted()).isEqualTo(system);
    assertThat(reading.skewSeconds()).isBetween(55L, 65L);
    assertThat(reading.problem()).isNull();
  }

  @Test
  void eachSkewBeyondToleranceIsReportedWithTheReferenceTime() {
    for (Duration skew :
        new Duration[] {
          Duration.ofHours(1),
          Duration.ofHours(-1),
          Duration.ofDays(1),
          Duration.ofDays(-1),
          Duration.ofDays(30),
          Duration.ofDays(61)
        }) {
      ClockReading reading = clockAt(Instant.now().plus(skew)).read();
      assertThat(reading.reason()).as("%s", skew).isEqualTo(ClockReading.DIFFERS_FROM_REFERENCE);
      assertThat(reading.skewSeconds())
          .as("%s", skew)
          .isBetween(skew.getSeconds() - 5, skew.getSeconds() + 5);
      assertThat(Duration.between(Instant.now(), reading.trusted()).abs())
          .isLessThan(Duration.ofSeconds(5));
      assertThat(reading.problem()).contains(url.toString()).contains("set the time");
    }
  }

  @Test
  void aClockSetRightIsBelievedAgainAtTheNextRead() {
    MutableClock system = new MutableClock(Instant.now().plus(Duration.ofDays(1)));
    TrustedClock clock =
        new TrustedClock(
            system,
            new ClockSanity(BUILD),
            new ClockReference(
                new HttpProbe(TrustConfig.systemPlus(java.util.Optional.empty())),
                url,
                Duration.ofSeconds(2)),
            Duration.ofMinutes(5));
    clock.refresh();
    assertThat(clock.read().reason()).isEqualTo(ClockReading.DIFFERS_FROM_REFERENCE);

    system.set(Instant.now());
    clock.refresh();

    ClockReading reading = clock.read();
    assertThat(reading.reason()).isNull();
    assertThat(reading.problem()).isNull();
    assertThat(reading.trusted()).isEqualTo(system.instant());
  }

  @Test
  void beforeTheBuildTimeWithoutAReferenceNoTimeIsTrusted() {
    TrustedClock clock =
        TrustedClock.buildTimeOnly(
            Clock.fixed(Instant.parse("1970-01-02T00:00:00Z"), ZoneOffset.UTC),
            new ClockSanity(BUILD));
    ClockReading reading = clock.read();
    assertThat(reading.reason()).isEqualTo(ClockReading.BEFORE_BUILD_TIME);
    assertThat(reading.trusted()).isNull();
    assertThat(reading.skewSeconds()).isNull();
    assertThat(clock.verificationTime()).isEqualTo(BUILD);
  }

  @Test
  void beforeTheBuildTimeWithAReferenceTheReferenceTimeIsUsed() {
    TrustedClock clock = clockAt(Instant.parse("1970-01-02T00:00:00Z"));
    ClockReading reading = clock.read();
    assertThat(reading.reason()).isEqualTo(ClockReading.BEFORE_BUILD_TIME);
    assertThat(Duration.between(Instant.now(), reading.trusted()).abs())
        .isLessThan(Duration.ofSeconds(5));
    assertThat(Duration.between(Instant.now(), clock.verificationTime()).abs())
        .isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aReferenceThatDoesNotAnswerLeavesOnlyTheBuildTimeCheck() {
    url = URI.create("http://127.0.0.1:1/"); // nothing listens there
    Instant system = Instant.now().plus(Duration.ofDays(30));
    ClockReading reading = clockAt(system).read();
    assertThat(reading.reason()).isNull();
    assertThat(reading.skewSeconds()).isNull();
    assertThat(reading.trusted()).isEqualTo(system);
  }

  @Test
  void anHttpDateIsParsedAndGarbageIsNot() {
    assertThat(ClockReference.parseDate("Thu, 03 Dec 2026 12:00:00 GMT"))
        .contains(Instant.parse("2026-12-03T12:00:00Z"));
    assertThat(ClockReference.parseDate("yesterday")).isEmpty();
    assertThat(ClockReference.parseDate(null)).isEmpty();
  }
}
