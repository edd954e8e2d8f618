package dev.haremote.common.suite.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmptyListKeysTest {

  private static SmallRyeConfig config(Map<String, String> properties) {
    return new SmallRyeConfigBuilder()
        .withSources(new PropertiesConfigSource(properties, "test", 100))
        .withInterceptors(new EmptyListKeys())
        .build();
  }

  /** Copied once: SmallRye's name iterable can be iterated only once. */
  private static List<String> names(SmallRyeConfig config) {
    List<String> names = new ArrayList<>();
    config.getPropertyNames().forEach(names::add);
    return names;
  }

  @Test
  void emptyValuesUnderTheSuitePrefixesAreHidden() {
    SmallRyeConfig config =
        config(
            Map.of(
                "reachability.peers", "",
                "reachability.interval", "60s",
                "ddns.authoritative", ""));

    assertThat(names(config))
        .contains("reachability.interval")
        .doesNotContain("reachability.peers", "ddns.authoritative");
    assertThat(config.getOptionalValue("reachability.peers", String.class)).isEmpty();
  }

  @Test
  void otherKeysAndNonEmptyValuesStay() {
    SmallRyeConfig config = config(Map.of("quarkus.http.host", "", "ddns.interval", "60s"));

    assertThat(names(config)).contains("quarkus.http.host", "ddns.interval");
    assertThat(config.getValue("ddns.interval", String.class)).isEqualTo("60s");
  }
}
