package dev.haremote.ddns.testing;

import dev.haremote.ddns.config.DdnsConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;

/** A {@link DdnsConfig} from plain properties, without Quarkus (plain JUnit and child JVMs). */
public final class TestConfigs {
  private TestConfigs() {}

  public static DdnsConfig ddns(Map<String, String> properties) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(DdnsConfig.class)
            .withSources(new PropertiesConfigSource(properties, "test", 500))
            .withConverter(Duration.class, 100, new DurationConverter()) // "60s" as in Quarkus
            .withValidateUnknown(false)
            .build();
    return config.getConfigMapping(DdnsConfig.class);
  }
}
