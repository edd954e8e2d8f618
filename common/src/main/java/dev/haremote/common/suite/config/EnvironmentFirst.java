package dev.haremote.common.suite.config;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;
import java.util.Map;

/**
 * Environment variables win over every configuration file, as docs/configuration.md says.
 *
 * <p>Why this is needed: SmallRye Config gives the files named by {@code QUARKUS_CONFIG_LOCATIONS}
 * the ordinal of the source that named them, so a location given as an environment variable ranks
 * equal to the environment (300), and the file came first. {@code QUARKUS_HTTP_PORT} then lost to
 * {@code quarkus.http.port} in the file, and the chart's {@code extraEnv} could not override its
 * own ConfigMap. System properties and test overrides (ordinals above 300) still win, as
 * documented.
 *
 * <p>Runs closest to the sources (below the profile and expression interceptors), so an environment
 * value is expanded and profiled like any other.
 */
@Priority(Priorities.LIBRARY + 100)
public class EnvironmentFirst implements ConfigSourceInterceptor {
  private final EnvConfigSource env;

  public EnvironmentFirst() {
    this(System.getenv());
  }

  EnvironmentFirst(Map<String, String> env) {
    this.env = new EnvConfigSource(env, EnvConfigSource.ORDINAL);
  }

  @Override
  public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
    ConfigValue value = context.proceed(name);
    if (value != null && value.getConfigSourceOrdinal() > EnvConfigSource.ORDINAL) {
      return value;
    }
    if (value != null && EnvConfigSource.NAME.equals(value.getConfigSourceName())) {
      return value;
    }
    String fromEnv = env.getValue(name);
    if (fromEnv == null) {
      return value;
    }
    return ConfigValue.builder()
        .withName(name)
        .withValue(fromEnv)
        .withRawValue(fromEnv)
        .withConfigSourceName(EnvConfigSource.NAME)
        .withConfigSourceOrdinal(EnvConfigSource.ORDINAL)
        .build();
  }
}
