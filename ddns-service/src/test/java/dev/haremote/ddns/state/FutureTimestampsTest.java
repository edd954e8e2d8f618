package dev.haremote.ddns.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** State times from the future are not trusted: set to now, a backoff keeps its length only. */
class FutureTimestampsTest {
  private static final Instant NOW = Instant.parse("2026-11-25T07:00:00Z");
  private static final Duration LONGEST = Duration.ofDays(1);

  @Test
  void timesWrittenAnHourAheadAreSetToNowAndTheBackoffKeepsItsLength() {
    DdnsState state = new DdnsState();
    RecordState s = state.record("my-home.duckdns.org", "ipv4");
    Instant skewed = NOW.plus(Duration.ofHours(1));
    s.lastAttemptAt = skewed;
    s.notBefore = skewed.plus(Duration.ofMinutes(2)); // a 2 min backoff set under the skew
    s.lastSuccessAt = skewed;
    s.driftSince = skewed;
    s.driftCheckedAt = skewed;
    s.inFlightSince = skewed;

    List<String> reasons = FutureTimestamps.correct(state, NOW, LONGEST);

    assertThat(s.lastAttemptAt).isEqualTo(NOW);
    assertThat(s.notBefore).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
    assertThat(s.lastSuccessAt).isEqualTo(NOW);
    assertThat(s.driftSince).isEqualTo(NOW);
    assertThat(s.driftCheckedAt).isEqualTo(NOW);
    assertThat(s.inFlightSince).isEqualTo(NOW);
    assertThat(reasons)
        .hasSize(5)
        .first()
        .isEqualTo(
            "my-home.duckdns.org/ipv4: last attempt lies 3600 s in the future (written under a"
                + " clock that was ahead, or this clock is behind); not trusted, set to now");
  }

  @Test
  void aNotBeforeBeyondTheLongestWaitIsDropped() {
    DdnsState state = new DdnsState();
    RecordState s = state.record("my-home.duckdns.org", "ipv4");
    s.lastAttemptAt = NOW.minusSeconds(10);
    s.notBefore = NOW.plus(Duration.ofDays(2));

    List<String> reasons = FutureTimestamps.correct(state, NOW, LONGEST);

    assertThat(s.notBefore).isNull();
    assertThat(s.lastAttemptAt).isEqualTo(NOW.minusSeconds(10));
    assertThat(reasons).singleElement().asString().contains("dropped");
  }

  @Test
  void timesWithinTheToleranceAndLegitimateWaitsStay() {
    DdnsState state = new DdnsState();
    RecordState s = state.record("my-home.duckdns.org", "ipv4");
    s.lastAttemptAt = NOW.plus(Duration.ofMinutes(4)); // two hosts' clocks a little apart
    s.notBefore = NOW.plus(Duration.ofHours(6)); // a backoff at its maximum
    s.driftSince = NOW.minus(Duration.ofDays(3));

    List<String> reasons = FutureTimestamps.correct(state, NOW, LONGEST);

    assertThat(reasons).isEmpty();
    assertThat(s.lastAttemptAt).isEqualTo(NOW.plus(Duration.ofMinutes(4)));
    assertThat(s.notBefore).isEqualTo(NOW.plus(Duration.ofHours(6)));
    assertThat(s.driftSince).isEqualTo(NOW.minus(Duration.ofDays(3)));
  }
}
