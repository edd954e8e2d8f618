package dev.haremote.common.ha;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Its rendering in a real Home Assistant is in ha-tests' RestPackageConsumerTest. */
class ChecksStalledEntityTest {
  @Test
  void threeIntervalsButNeverUnderFifteenMinutes() {
    assertThat(ChecksStalledEntity.thresholdSeconds(Duration.ofSeconds(30))).isEqualTo(900);
    assertThat(ChecksStalledEntity.thresholdSeconds(Duration.ofMinutes(5))).isEqualTo(900);
    assertThat(ChecksStalledEntity.thresholdSeconds(Duration.ofMinutes(10))).isEqualTo(1800);
  }

  @Test
  void aProblemBinarySensorOverCheckedAt() {
    HaEntity entity = ChecksStalledEntity.of("DDNS checks stalled", Duration.ofHours(1));
    assertThat(entity.kind()).isEqualTo("binary_sensor");
    assertThat(entity.uniqueId()).isEqualTo("ddns_checks_stalled");
    assertThat(entity.availability()).contains("value_json is defined");
    assertThat(entity.deviceClass()).isEqualTo("problem");
    assertThat(entity.valueTemplate())
        .contains("s.get('checked_at')")
        .contains("> 10800 ")
        // No double quote: the renderer and hand-written packages put it in a quoted YAML string.
        .doesNotContain("\"");
  }
}
