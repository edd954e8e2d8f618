package dev.haremote.common.suite.config;

import dev.haremote.common.suite.ConfigProblem;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * What is wrong with the configuration files as files, before any value is read (issue #19, item
 * 15): a file that {@code QUARKUS_CONFIG_LOCATIONS} names but that does not exist, a file whose top
 * level is a list or a bare value, and a top-level section no service reads ({@code reachabilty:}),
 * with the section meant when the spelling is close. SmallRye Config ignores all three silently: a
 * service then started on its defaults.
 */
public final class ConfigFileRules {
  /** The key a missing location is reported under (its environment form is named by Origins). */
  public static final String LOCATIONS_KEY = "quarkus.config.locations";

  /**
   * Top-level sections that any service accepts: the suite's three services (one file may serve all
   * three), the shared {@code suite}, and the frameworks' own.
   */
  public static final Set<String> KNOWN_SECTIONS =
      new TreeSet<>(
          Set.of("reachability", "certwatch", "ddns", "suite", "quarkus", "smallrye", "mp"));

  private ConfigFileRules() {}

  /** The problems of every configuration file of this process. */
  public static List<ConfigProblem> problems(ConfigFiles files) {
    List<ConfigProblem> out = new ArrayList<>();
    for (Path location : files.locations()) {
      if (!Files.exists(location)) {
        out.add(
            new ConfigProblem(
                LOCATIONS_KEY,
                "names " + location + ", which does not exist (check the path or --config)"));
      }
    }
    for (ConfigFiles.ConfigFile file : files.existing()) {
      out.addAll(fileProblems(file.path()));
    }
    return out;
  }

  /** The problems of one YAML file's top level; none when it is not valid YAML (reported apart). */
  static List<ConfigProblem> fileProblems(Path file) {
    List<ConfigProblem> out = new ArrayList<>();
    if (!file.getFileName().toString().matches(".*\\.ya?ml")) {
      return out;
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (Node document : new Yaml(new LoaderOptions()).composeAll(reader)) {
        topLevel(out, file, document);
      }
    } catch (IOException | YAMLException e) {
      // Unreadable or not YAML: StartupFailureReport names the line the parser stopped at.
    }
    return out;
  }

  private static void topLevel(List<ConfigProblem> out, Path file, Node document) {
    if (document == null) {
      return;
    }
    if (!(document instanceof MappingNode mapping)) {
      if (document instanceof ScalarNode scalar && scalar.getValue().isBlank()) {
        return;
      }
      out.add(
          new ConfigProblem(
              file.toString(),
              "the top level must be sections such as ddns: or suite:, not a "
                  + (document instanceof ScalarNode ? "single value" : "list")));
      return;
    }
    for (NodeTuple tuple : mapping.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        continue;
      }
      String name = key.getValue();
      if (name.startsWith("%")) {
        // A profile ("%prod": ...): its children are top-level keys again.
        topLevel(out, file, tuple.getValueNode());
        continue;
      }
      String section = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
      if (!KNOWN_SECTIONS.contains(section)) {
        out.add(new ConfigProblem(section, unknownSection(section)));
      }
    }
  }

  static String unknownSection(String section) {
    StringBuilder message = new StringBuilder("unknown section");
    closest(section, KNOWN_SECTIONS)
        .ifPresent(meant -> message.append(" (did you mean ").append(meant).append("?)"));
    message.append("; the sections are ").append(String.join(", ", KNOWN_SECTIONS));
    return message.toString();
  }

  /** The known name nearest to a misspelt one, when it is near enough to be the one meant. */
  public static java.util.Optional<String> closest(
      String wrong, java.util.Collection<String> known) {
    return known.stream()
        .filter(k -> distance(wrong, k) <= Math.max(1, Math.min(3, k.length() / 3)))
        .min(Comparator.comparingInt((String k) -> distance(wrong, k)).thenComparing(k -> k));
  }

  /** Levenshtein distance (insert, delete, replace; and a swap of two neighbours counts one). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
