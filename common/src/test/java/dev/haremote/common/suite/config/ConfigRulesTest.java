package dev.haremote.common.suite.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haremote.common.suite.ConfigProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared value rules: bounds at their edges, and the exact lines they print. */
class ConfigRulesTest {

  private static List<String> lines(java.util.function.Consumer<List<ConfigProblem>> rule) {
    List<ConfigProblem> out = new ArrayList<>();
    rule.accept(out);
    return out.stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void intervalsAreOneSecondToOneDay() {
    assertThat(lines(o -> ConfigRules.interval(o, "k", Duration.ofSeconds(1)))).isEmpty();
    assertThat(lines(o -> ConfigRules.interval(o, "k", Duration.ofDays(1)))).isEmpty();
    assertThat(lines(o -> ConfigRules.interval(o, "k", Duration.ofMillis(999))))
        .containsExactly("k: must be 1s to 1d, not 999ms");
    assertThat(lines(o -> ConfigRules.interval(o, "k", Duration.ofDays(110000))))
        .containsExactly("k: must be 1s to 1d, not 110000d");
    assertThat(lines(o -> ConfigRules.interval(o, "k", Duration.ofSeconds(-5))))
        .containsExactly("k: must be 1s to 1d, not -5s");
  }

  @Test
  void timeoutsAreAHundredMillisecondsToFiveMinutes() {
    assertThat(lines(o -> ConfigRules.timeout(o, "k", Duration.ofMillis(100)))).isEmpty();
    assertThat(lines(o -> ConfigRules.timeout(o, "k", Duration.ofMinutes(5)))).isEmpty();
    assertThat(lines(o -> ConfigRules.timeout(o, "k", Duration.ofMillis(99))))
        .containsExactly("k: must be 100ms to 5m, not 99ms");
    assertThat(lines(o -> ConfigRules.timeout(o, "k", Duration.ofSeconds(301))))
        .containsExactly("k: must be 100ms to 5m, not 301s");
    assertThat(lines(o -> ConfigRules.pause(o, "k", Duration.ZERO))).isEmpty();
  }

  @Test
  void portsAreOneTo65535() {
    assertThat(lines(o -> ConfigRules.port(o, "p", 1))).isEmpty();
    assertThat(lines(o -> ConfigRules.port(o, "p", 65535))).isEmpty();
    assertThat(lines(o -> ConfigRules.port(o, "p", 0)))
        .containsExactly("p: must be a port 1..65535, not 0");
    assertThat(lines(o -> ConfigRules.port(o, "p", 99999)))
        .containsExactly("p: must be a port 1..65535, not 99999");
  }

  @Test
  void dottedDigitsMustBeAnIpv4Address() {
    for (String ok : List.of("1.1.1.1", "255.255.255.255", "0.0.0.0", "dns.example", "::1")) {
      assertThat(lines(o -> ConfigRules.hostOrIpv4(o, "h", ok))).as(ok).isEmpty();
    }
    for (String bad :
        List.of("999.1.1.1", "1.2.3.256", "1.2.3", "1.2.3.4.5", "1..2.3", "1234.1.1.1")) {
      assertThat(lines(o -> ConfigRules.hostOrIpv4(o, "h", bad)))
          .as(bad)
          .containsExactly("h: '" + bad + "' is not an IPv4 address (a.b.c.d, each 0..255)");
    }
  }

  @Test
  void booleansAreTrueOrFalseOnly() {
    StrictBooleanConverter converter = new StrictBooleanConverter();
    assertThat(converter.convert("true")).isTrue();
    assertThat(converter.convert(" FALSE ")).isFalse();
    assertThat(converter.convert("")).isNull();
    for (String bad : List.of("maybe", "yes", "on", "1", "0", "ture")) {
      assertThatThrownBy(() -> converter.convert(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("true or false expected");
    }
  }
}
