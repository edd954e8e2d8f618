package dev.haremote.common.suite.config;

import dev.haremote.common.suite.ConfigProblem;
import io.smallrye.config.ConfigMappings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Misspelt keys whose value is empty ({@code recrods: []}, {@code recrods:}): SmallRye Config sees
 * no value there and so never reports the key as unknown (docs' own example used to carry one).
 * Every key written in a configuration file under a service's section is compared with the
 * properties of its {@code @ConfigMapping}; a key no property has is refused, with the nearest
 * known key as a hint.
 */
public final class UnmappedKeys {
  private static final Pattern INDEX = Pattern.compile("\\[\\d+]");

  private UnmappedKeys() {}

  /** The unknown empty-valued keys under {@code prefix} in every configuration file. */
  public static List<ConfigProblem> problems(ConfigFiles files, String prefix, Class<?> mapping) {
    Set<String> known = knownKeys(prefix, mapping);
    List<ConfigProblem> out = new ArrayList<>();
    for (ConfigFiles.ConfigFile file : files.existing()) {
      for (String key : emptyKeys(file.path(), prefix)) {
        if (!isKnown(key, known)) {
          String hint =
              ConfigFileRules.closest(normalized(key), known)
                  .map(k -> " (did you mean " + k.replace("[*]", "[0]") + "?)")
                  .orElse("");
          out.add(
              new ConfigProblem(
                  key, "unknown key" + hint + "; see docs/configuration.md for the keys"));
        }
      }
    }
    return out;
  }

  /** Every property of the mapping and every group or list above one: {@code ddns.records[*]}. */
  static Set<String> knownKeys(String prefix, Class<?> mapping) {
    Set<String> known = new LinkedHashSet<>();
    for (String name :
        ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(mapping, prefix))
            .keySet()) {
      for (String k = name; !k.isEmpty(); k = YamlKeyLines.parent(k)) {
        known.add(k);
      }
    }
    return known;
  }

  private static boolean isKnown(String key, Set<String> known) {
    String k = normalized(key);
    if (known.contains(k)) {
      return true;
    }
    // Map keys: a property written as ddns.x.*.y matches any one segment there.
    for (String candidate : known) {
      if (candidate.contains("*")
          && !candidate.contains("[*]")
          && Pattern.matches(Pattern.quote(candidate).replace("*", "\\E[^.]+\\Q"), k)) {
        return true;
      }
    }
    return false;
  }

  private static String normalized(String key) {
    return INDEX.matcher(key).replaceAll("[*]");
  }

  /** Keys under {@code prefix} whose value is empty: an empty list, an empty map or nothing. */
  static List<String> emptyKeys(Path file, String prefix) {
    List<String> out = new ArrayList<>();
    if (!file.getFileName().toString().matches(".*\\.ya?ml")) {
      return out;
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (Node document : new Yaml(new LoaderOptions()).composeAll(reader)) {
        walk(document, "", prefix, out);
      }
    } catch (IOException | YAMLException e) {
      // Reported elsewhere (StartupFailureReport names the line the parser stopped at).
    }
    return out;
  }

  private static void walk(Node node, String path, String prefix, List<String> out) {
    if (node instanceof MappingNode mapping) {
      if (mapping.getValue().isEmpty()) {
        addIfUnder(path, prefix, out);
      }
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode key) {
          String segment = key.getValue();
          if (path.isEmpty() && segment.startsWith("%")) {
            continue; // another profile's keys
          }
          walk(tuple.getValueNode(), path.isEmpty() ? segment : path + "." + segment, prefix, out);
        }
      }
    } else if (node instanceof SequenceNode sequence) {
      if (sequence.getValue().isEmpty()) {
        addIfUnder(path, prefix, out);
      }
      for (int i = 0; i < sequence.getValue().size(); i++) {
        walk(sequence.getValue().get(i), path + "[" + i + "]", prefix, out);
      }
    } else if (node instanceof ScalarNode scalar && scalar.getValue().isEmpty()) {
      addIfUnder(path, prefix, out);
    }
  }

  private static void addIfUnder(String path, String prefix, List<String> out) {
    if (path.startsWith(prefix + ".") || path.startsWith(prefix + "[")) {
      out.add(path);
    }
  }
}
