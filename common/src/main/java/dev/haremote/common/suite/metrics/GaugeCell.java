package dev.haremote.common.suite.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;

/**
 * One gauge series and the value it shows, registered once at start-up and then set through this
 * handle. The services keep their cells in typed maps (by family, by record), so a round can never
 * write to a series that does not exist: with string keys a misspelt key was a value nobody read.
 */
public final class GaugeCell {
  private volatile double value;

  private GaugeCell(double initial) {
    this.value = initial;
  }

  /** A series that reads 0 until set (counts, timestamps, durations). */
  public static GaugeCell zero(MeterRegistry registry, String name, String help, String... tags) {
    return register(registry, 0.0, name, help, tags);
  }

  /** A yes/no series: NaN until a round knows the answer (unknown is never shown as "no"). */
  public static GaugeCell yesNo(MeterRegistry registry, String name, String help, String... tags) {
    return register(registry, Double.NaN, name, help, tags);
  }

  private static GaugeCell register(
      MeterRegistry registry, double initial, String name, String help, String... tags) {
    GaugeCell cell = new GaugeCell(initial);
    // Strong reference: the cell lives as long as the registry, whoever else holds it.
    Gauge.builder(name, cell, c -> c.value)
        .description(help)
        .tags(tags)
        .strongReference(true)
        .register(registry);
    return cell;
  }

  public void set(double value) {
    this.value = value;
  }

  /** 1 for yes, 0 for no, NaN for unknown (null). */
  public void setYesNo(Boolean answer) {
    this.value = answer == null ? Double.NaN : answer ? 1.0 : 0.0;
  }

  /** 1 only for a known yes; unknown counts as 0 (for series documented that way). */
  public void setFlag(Boolean answer) {
    this.value = Boolean.TRUE.equals(answer) ? 1.0 : 0.0;
  }

  /** Unix time in seconds, 0 for none. */
  public void setTimestamp(Instant instant) {
    this.value = instant == null ? 0.0 : instant.toEpochMilli() / 1000.0;
  }

  /** What the series shows now. */
  public double value() {
    return value;
  }
}
