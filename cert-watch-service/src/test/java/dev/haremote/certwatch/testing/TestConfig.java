package dev.haremote.certwatch.testing;

import dev.haremote.certwatch.config.CertWatchConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;

/** Builds the real config mapping from properties, without starting Quarkus. */
public final class TestConfig {
  private TestConfig() {}

  public static CertWatchConfig mapping(Map<String, String> properties) {
    return new SmallRyeConfigBuilder()
        .addDefaultInterceptors()
        .withConverter(Duration.class, 100, new DurationConverter())
        .withMapping(CertWatchConfig.class)
        .withSources(new PropertiesConfigSource(properties, "test", 500))
        .build()
        .getConfigMapping(CertWatchConfig.class);
  }
}
