package dev.haremote.certwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.labkit.service.ConfigCorpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad configuration of {@code src/test/resources/config-corpus} is refused at start-up by the
 * packaged service, naming the key, with no stack trace and no Java class name; the example of
 * docs/configuration.md starts (issue #19, item 15).
 *
 * <p>{@code -Dconfig-corpus.app=DIR} runs the corpus against another build (a {@code
 * target/quarkus-app} of an older commit) and {@code -Dconfig-corpus.measure=true} only counts how
 * many files were accepted instead of asserting: that is how the numbers in docs/configuration.md
 * were measured.
 */
class ConfigCorpusIT {
  static final Path CORPUS = Path.of("src/test/resources/config-corpus");
  static final Path DOCS = Path.of("../docs/configuration.md");
  static final Map<String, String> ENV = Map.of();

  @TempDir Path tmp;

  @Test
  void everyBadConfigurationIsRefusedNamingTheKey() throws Exception {
    List<ConfigCorpus.Case> cases = ConfigCorpus.cases(CORPUS);
    assertThat(cases).hasSizeGreaterThanOrEqualTo(20);
    List<ConfigCorpus.Outcome> outcomes =
        ConfigCorpus.run(ConfigCorpus.quarkusApp(), cases, tmp, ENV, ConfigCorpus.parallelism());
    if (Boolean.getBoolean("config-corpus.measure")) {
      ConfigCorpus.printAccepted("certwatch", outcomes);
      return;
    }
    assertThat(ConfigCorpus.wrongRefusals(outcomes)).isEmpty();
  }

  @Test
  void theDocsExampleStarts() throws Exception {
    Path example = tmp.resolve("docs-example.yaml");
    Files.writeString(example, ConfigCorpus.docsExample(DOCS, "certwatch"), StandardCharsets.UTF_8);
    ConfigCorpus.Case docs =
        new ConfigCorpus.Case(example, null, Map.of("CERTWATCH_ARI_ENABLED", "false"), null);
    ConfigCorpus.Outcome outcome =
        ConfigCorpus.run(ConfigCorpus.quarkusApp(), docs, tmp.resolve("docs"), ENV);
    assertThat(outcome.refused()).as(outcome.output()).isFalse();
  }
}
