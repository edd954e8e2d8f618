package dev.haremote.certwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.labkit.service.ConfigCorpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  static final Pattern CLASS_NAME =
      Pattern.compile(
          "\\b(java|javax|jakarta|io\\.smallrye|io\\.quarkus|org|dev)\\.[a-z]+\\.[\\w.$]*[A-Z]");
  static final Pattern LOG_LINE = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:");
  static final Map<String, String> ENV = Map.of();

  @TempDir Path tmp;

  @Test
  void everyBadConfigurationIsRefusedNamingTheKey() throws Exception {
    List<ConfigCorpus.Case> cases = ConfigCorpus.cases(CORPUS);
    assertThat(cases).hasSizeGreaterThanOrEqualTo(20);
    List<ConfigCorpus.Outcome> outcomes =
        ConfigCorpus.run(ConfigCorpus.quarkusApp(), cases, tmp, ENV, ConfigCorpus.parallelism());
    if (Boolean.getBoolean("config-corpus.measure")) {
      long accepted = outcomes.stream().filter(o -> !o.refused()).count();
      System.out.println(
          "config-corpus certwatch: accepted " + accepted + " of " + outcomes.size());
      outcomes.stream()
          .filter(o -> !o.refused())
          .forEach(o -> System.out.println("  accepted: " + o.test().name()));
      return;
    }
    List<String> wrong = new ArrayList<>();
    for (ConfigCorpus.Outcome o : outcomes) {
      String out = o.output();
      if (!o.refused()) {
        wrong.add(o.test().name() + ": accepted");
      } else if (!out.contains(o.test().refusedKey())) {
        wrong.add(o.test().name() + ": does not name " + o.test().refusedKey() + ":\n" + out);
      } else if (out.contains("\tat ")
          || report(out).contains("Exception")
          || report(out).contains("SRCFG")) {
        wrong.add(o.test().name() + ": a stack trace or raw message:\n" + out);
      } else if (CLASS_NAME.matcher(report(out)).find()) {
        wrong.add(o.test().name() + ": names a Java class:\n" + out);
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void theDocsExampleStarts() throws Exception {
    Path example = tmp.resolve("docs-example.yaml");
    Files.writeString(example, docsExample("certwatch"), StandardCharsets.UTF_8);
    ConfigCorpus.Case docs =
        new ConfigCorpus.Case(example, null, Map.of("CERTWATCH_ARI_ENABLED", "false"), null);
    ConfigCorpus.Outcome outcome =
        ConfigCorpus.run(ConfigCorpus.quarkusApp(), docs, tmp.resolve("docs"), ENV);
    assertThat(outcome.refused()).as(outcome.output()).isFalse();
  }

  /**
   * The start-up report: the lines printed without a log timestamp (log lines before the refusal
   * name their logger, which is a class, e.g. Quarkus' "scheduler is disabled").
   */
  static String report(String output) {
    return String.join("\n", output.lines().filter(l -> !LOG_LINE.matcher(l).lookingAt()).toList());
  }

  /** The yaml block of docs/configuration.md that starts with the service's section. */
  static String docsExample(String section) throws Exception {
    Matcher m =
        Pattern.compile("(?s)```yaml\\n(" + section + ":\\n.*?)```")
            .matcher(Files.readString(DOCS, StandardCharsets.UTF_8));
    assertThat(m.find()).as("a yaml example of %s in %s", section, DOCS).isTrue();
    return m.group(1);
  }
}
