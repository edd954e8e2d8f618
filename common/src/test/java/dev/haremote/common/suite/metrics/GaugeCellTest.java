package dev.haremote.common.suite.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the registry reads is what the cell was set to; unknown stays NaN, never 0. */
class GaugeCellTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private double read(String name) {
    return registry.get(name).gauge().value();
  }

  @Test
  void yesNoIsUnknownUntilAnsweredAndUnknownAgainForNull() {
    GaugeCell cell = GaugeCell.yesNo(registry, "t_yes_no", "help", "k", "v");
    assertThat(read("t_yes_no")).isNaN();
    cell.setYesNo(true);
    assertThat(read("t_yes_no")).isEqualTo(1.0);
    cell.setYesNo(false);
    assertThat(read("t_yes_no")).isEqualTo(0.0);
    cell.setYesNo(null);
    assertThat(read("t_yes_no")).isNaN();
  }

  @Test
  void zeroSeriesTakeFlagsTimestampsAndValues() {
    GaugeCell cell = GaugeCell.zero(registry, "t_zero", "help");
    assertThat(read("t_zero")).isEqualTo(0.0);
    cell.setTimestamp(Instant.parse("2026-12-03T00:00:01.500Z"));
    assertThat(read("t_zero")).isEqualTo(1_796_256_001.5);
    cell.setFlag(null);
    assertThat(read("t_zero")).isEqualTo(0.0);
    cell.set(42);
    assertThat(read("t_zero")).isEqualTo(42.0);
  }
}
