package dev.haremote.certwatch.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RenewalScheduleTest {
  private static final Instant ISSUED = Instant.parse("2026-11-01T00:00:00Z");

  /** Let's Encrypt's notAfter is inclusive: a 90-day certificate ends 1 s before 90 days. */
  private static Instant notAfter(int days) {
    return ISSUED.plus(Duration.ofDays(days)).minusSeconds(1);
  }

  @ParameterizedTest(name = "{0}-day certificate at +{1}h: due={2} overdue={3}")
  @CsvSource({
    // days, hours after issue, due, overdue
    "6, 1, false, false",
    "6, 95, false, false", // 2/3 of 6 days = 96 h
    "6, 97, true, false",
    "6, 119, true, false", // 5/6 of 6 days = 120 h
    "6, 121, true, true",
    "45, 24, false, false",
    "45, 719, false, false", // 2/3 of 45 days = 720 h
    "45, 721, true, false",
    "45, 899, true, false", // 5/6 of 45 days = 900 h
    "45, 901, true, true",
    "90, 1439, false, false", // 2/3 of 90 days = 1440 h (30 days left)
    "90, 1441, true, false",
    "90, 1799, true, false", // 5/6 of 90 days = 1800 h (15 days left)
    "90, 1801, true, true",
  })
  void dueAndOverdueScaleWithTheLifetime(int days, int hours, boolean due, boolean overdue) {
    Instant now = ISSUED.plus(Duration.ofHours(hours));
    RenewalSchedule.Verdict verdict = RenewalSchedule.judge(ISSUED, notAfter(days), null, now);
    assertThat(!now.isBefore(verdict.dueAt())).as("due").isEqualTo(due);
    assertThat(verdict.overdue()).as("overdue").isEqualTo(overdue);
    assertThat(verdict.window().source()).isEqualTo(RenewalWindow.LIFETIME);
  }

  @ParameterizedTest
  @CsvSource({"6, 96", "45, 720", "90, 1440"})
  void renewalDueAtTwoThirdsOfTheLifetime(int days, int dueHours) {
    Instant due = RenewalSchedule.fromLifetime(ISSUED, notAfter(days)).start();
    // The inclusive notAfter makes the lifetime 1 s short: due lands within a second of 2/3.
    assertThat(Duration.between(due, ISSUED.plus(Duration.ofHours(dueHours))))
        .isBetween(Duration.ZERO, Duration.ofSeconds(1));
  }

  @ParameterizedTest
  @CsvSource({
    // an ARI window in the middle of a 90-day certificate: hours after issue
    "500, false, false", // before the window
    "1001, true, false", // inside
    "1101, true, true", // after its end: overdue although 5/6 has not passed
  })
  void ariWindowOverridesTheLifetime(int hours, boolean due, boolean overdue) {
    RenewalWindow ari =
        new RenewalWindow(
            ISSUED.plus(Duration.ofHours(1000)),
            ISSUED.plus(Duration.ofHours(1100)),
            RenewalWindow.ARI,
            "https://ca.test/why");
    Instant now = ISSUED.plus(Duration.ofHours(hours));
    RenewalSchedule.Verdict verdict = RenewalSchedule.judge(ISSUED, notAfter(90), ari, now);
    assertThat(verdict.dueAt()).isEqualTo(ari.start());
    assertThat(!now.isBefore(verdict.dueAt())).isEqualTo(due);
    assertThat(verdict.overdue()).isEqualTo(overdue);
  }
}
