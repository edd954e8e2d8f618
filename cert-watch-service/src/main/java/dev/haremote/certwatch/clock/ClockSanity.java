package dev.haremote.certwatch.clock;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Properties;

/**
 * Whether the system clock can be believed: a clock before this service was built is certainly
 * wrong (a Raspberry Pi without RTC booting in 1970, a dead CMOS battery), and then every
 * certificate would look "not yet valid" or the alarms would be nonsense. The build time is baked
 * into {@code certwatch-build.properties} by the Maven build.
 */
public final class ClockSanity {
  private final Instant buildTime;

  public ClockSanity(Instant buildTime) {
    this.buildTime = buildTime;
  }

  /** The build time from the class path; the epoch when it is missing (then every clock passes). */
  public static ClockSanity fromBuildInfo() {
    try (InputStream in = ClockSanity.class.getResourceAsStream("/certwatch-build.properties")) {
      if (in == null) {
        return new ClockSanity(Instant.EPOCH);
      }
      Properties properties = new Properties();
      properties.load(in);
      return new ClockSanity(Instant.parse(properties.getProperty("build.time", "").trim()));
    } catch (IOException | DateTimeParseException e) {
      return new ClockSanity(Instant.EPOCH);
    }
  }

  public Instant buildTime() {
    return buildTime;
  }

  /** Null when the clock is plausible, else a sentence for the status. */
  public String problem(Clock clock) {
    Instant now = clock.instant();
    if (now.isBefore(buildTime)) {
      return "the system clock says "
          + now
          + ", before this service was built ("
          + buildTime
          + "): set the time (NTP); expiry alarms are off until then";
    }
    return null;
  }
}
