package dev.haremote.common.suite.config;

import io.smallrye.config.source.yaml.YamlConfigSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSourceProvider;

/**
 * Reads {@code application.yaml} from the working directory and from beside the jar, as the README
 * and docs/configuration.md promise (Quarkus itself reads only {@code config/application.yaml}).
 * Both rank below the file named by {@code QUARKUS_CONFIG_LOCATIONS} and above the defaults built
 * into the jar.
 */
public class LocalYamlFiles implements ConfigSourceProvider {

  @Override
  public Iterable<ConfigSource> getConfigSources(ClassLoader forClassLoader) {
    return sources(ConfigFiles.ofThisProcess());
  }

  static List<ConfigSource> sources(ConfigFiles files) {
    List<ConfigSource> sources = new ArrayList<>();
    add(sources, files.workingDirYaml(), ConfigFiles.WORKING_DIR_ORDINAL);
    files.besideJarYaml().ifPresent(p -> add(sources, p, ConfigFiles.BESIDE_JAR_ORDINAL));
    return sources;
  }

  private static void add(List<ConfigSource> sources, Path file, int ordinal) {
    if (!Files.isRegularFile(file)) {
      return;
    }
    try {
      sources.add(new YamlConfigSource(file.toUri().toURL(), ordinal));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
