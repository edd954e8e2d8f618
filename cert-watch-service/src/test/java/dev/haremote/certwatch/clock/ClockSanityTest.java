package dev.haremote.certwatch.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ClockSanityTest {

  @Test
  void buildTimeIsBakedIntoTheJar() {
    Instant built = ClockSanity.fromBuildInfo().buildTime();
    assertThat(built).isAfter(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(built).isBefore(Instant.now().plusSeconds(60));
  }

  @Test
  void aClockBeforeTheBuildIsReported() {
    ClockSanity sanity = new ClockSanity(Instant.parse("2026-11-25T00:00:00Z"));
    assertThat(sanity.problem(Clock.fixed(Instant.parse("1970-01-01T00:00:10Z"), ZoneOffset.UTC)))
        .contains("1970-01-01T00:00:10Z")
        .contains("expiry alarms are off");
    assertThat(sanity.problem(Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC)))
        .isNull();
  }
}
