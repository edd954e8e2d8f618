package dev.haremote.labkit.promtool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PromtoolTest {
  private Promtool promtool;

  @BeforeEach
  void findPromtool() {
    promtool = Promtool.findOrFailInCi().orElse(null);
    assumeTrue(promtool != null, "promtool not installed (Debian package prometheus): skipped");
  }

  @Test
  void wellFormedMetricsPass() {
    Promtool.Result result =
        promtool.checkMetrics(
            "# HELP ddns_updates_total Updates sent.\n"
                + "# TYPE ddns_updates_total counter\n"
                + "ddns_updates_total{name=\"a\",provider=\"none\",result=\"ok\"} 1\n");
    assertThat(result.problems()).isEmpty();
    assertThat(result.passed()).isTrue();
  }

  @Test
  void aMeterWithoutHelpAndACounterWithoutTotalAreReported() {
    Promtool.Result result =
        promtool.checkMetrics(
            "# TYPE ddns_cgnat gauge\nddns_cgnat 0\n"
                + "# HELP ddns_changes Changes.\n# TYPE ddns_changes counter\nddns_changes 1\n");
    assertThat(result.passed()).isFalse();
    assertThat(result.problems())
        .anySatisfy(p -> assertThat(p).contains("ddns_cgnat").contains("no help text"))
        .anySatisfy(p -> assertThat(p).contains("ddns_changes").contains("_total"));
  }

  @Test
  void unparsableTextFails() {
    Promtool.Result result = promtool.checkMetrics("garbage{{ 1\n");
    assertThat(result.passed()).isFalse();
    assertThat(result.problems()).anySatisfy(p -> assertThat(p).contains("parsing error"));
  }
}
