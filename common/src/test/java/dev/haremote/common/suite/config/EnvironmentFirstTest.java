package dev.haremote.common.suite.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.source.yaml.YamlLocationConfigSourceFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SmallRye Config ranks a file named by an environment variable (QUARKUS_CONFIG_LOCATIONS) equal to
 * the environment; without {@link EnvironmentFirst} the file's value wins.
 */
class EnvironmentFirstTest {
  @TempDir Path dir;

  private SmallRyeConfig config(Map<String, String> env, boolean environmentFirst) {
    SmallRyeConfigBuilder builder =
        new SmallRyeConfigBuilder()
            .withSources(new EnvConfigSource(env, EnvConfigSource.ORDINAL))
            .withSources(
                new PropertiesConfigSource(Map.of("a.port", "1", "a.name", "jar"), "jar", 250))
            .withSources(new YamlLocationConfigSourceFactory());
    if (environmentFirst) {
      builder.withInterceptors(new EnvironmentFirst(env));
    }
    return builder.build();
  }

  @Test
  void anEnvironmentVariableBeatsTheFileItsNeighbourNamed() throws Exception {
    Path file = Files.writeString(dir.resolve("a.yaml"), "a:\n  port: 2\n  name: file\n");
    Map<String, String> env = Map.of("SMALLRYE_CONFIG_LOCATIONS", file.toString(), "A_PORT", "3");

    assertThat(config(env, false).getValue("a.port", String.class))
        .as("SmallRye alone: the tie goes to the file")
        .isEqualTo("2");
    SmallRyeConfig fixed = config(env, true);
    assertThat(fixed.getValue("a.port", String.class)).isEqualTo("3");
    assertThat(fixed.getValue("a.name", String.class)).isEqualTo("file");
  }

  @Test
  void systemPropertiesStillBeatTheEnvironment() {
    Map<String, String> env = Map.of("A_PORT", "3");
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withSources(new EnvConfigSource(env, EnvConfigSource.ORDINAL))
            .withSources(new PropertiesConfigSource(Map.of("a.port", "4"), "sys", 400))
            .withInterceptors(new EnvironmentFirst(env))
            .build();
    assertThat(config.getValue("a.port", String.class)).isEqualTo("4");
  }
}
