package dev.haremote.common.suite.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Where each key of a YAML configuration file is written (its line), or why the file is not valid
 * YAML. Keys are flattened as SmallRye Config flattens them: {@code ddns.records[0].name}; a key
 * holding a dot is quoted ({@code a."b.c"}).
 */
public final class YamlKeyLines {
  private final Map<String, Integer> lines;
  private final String syntaxError;

  private YamlKeyLines(Map<String, Integer> lines, String syntaxError) {
    this.lines = lines;
    this.syntaxError = syntaxError;
  }

  public static YamlKeyLines read(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Map<String, Integer> lines = new HashMap<>();
      for (Node document : new Yaml(new LoaderOptions()).composeAll(reader)) {
        walk(document, "", lines);
      }
      return new YamlKeyLines(lines, null);
    } catch (MarkedYAMLException e) {
      return new YamlKeyLines(Map.of(), describe(e));
    } catch (YAMLException e) {
      return new YamlKeyLines(Map.of(), "not valid YAML: " + e.getMessage());
    } catch (IOException e) {
      return new YamlKeyLines(Map.of(), "cannot be read: " + e.getMessage());
    }
  }

  /** Null when the file parses; else {@code LINE:COLUMN: not valid YAML: what the parser saw}. */
  public String syntaxError() {
    return syntaxError;
  }

  /**
   * The line (1-based) of the key, or of its nearest parent that the file holds ({@code
   * ddns.records[0]} for a problem about a key the record lacks).
   */
  public Optional<Integer> line(String key) {
    return Optional.ofNullable(lines.get(key));
  }

  /** The line of the key, or of the nearest enclosing key the file holds. */
  public Optional<Integer> lineOfKeyOrParent(String key) {
    for (String k = key; !k.isEmpty(); k = parent(k)) {
      Integer line = lines.get(k);
      if (line != null) {
        return Optional.of(line);
      }
    }
    return Optional.empty();
  }

  public static String parent(String key) {
    int end = key.length();
    if (key.endsWith("]")) {
      int open = key.lastIndexOf('[');
      return open < 0 ? "" : key.substring(0, open);
    }
    boolean quoted = false;
    for (int i = end - 1; i >= 0; i--) {
      char c = key.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == '.' || c == '[')) {
        return key.substring(0, i);
      }
    }
    return "";
  }

  private static void walk(Node node, String prefix, Map<String, Integer> lines) {
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
          continue;
        }
        String k = keyNode.getValue();
        String segment = k.contains(".") ? "\"" + k + "\"" : k;
        String key = prefix.isEmpty() ? segment : prefix + "." + segment;
        lines.putIfAbsent(key, keyNode.getStartMark().getLine() + 1);
        walk(tuple.getValueNode(), key, lines);
      }
    } else if (node instanceof SequenceNode sequence) {
      List<Node> items = sequence.getValue();
      for (int i = 0; i < items.size(); i++) {
        String key = prefix + "[" + i + "]";
        lines.putIfAbsent(key, items.get(i).getStartMark().getLine() + 1);
        walk(items.get(i), key, lines);
      }
    }
  }

  /**
   * SnakeYAML's "while parsing a block collection in 'reader', line 4, column 5: ... expected
   * &lt;block end&gt;, but found '&lt;block mapping start&gt;' in 'reader', line 5, column 6" as
   * {@code 5:6: not valid YAML: expected <block end>, but found '<block mapping start>' (while
   * parsing a block collection that starts at line 4; check the indentation)}.
   */
  static String describe(MarkedYAMLException e) {
    Mark at = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    StringBuilder out = new StringBuilder();
    if (at != null) {
      out.append(at.getLine() + 1).append(':').append(at.getColumn() + 1).append(": ");
    }
    out.append("not valid YAML: ").append(e.getProblem() == null ? "" : e.getProblem().strip());
    if (e.getContext() != null) {
      out.append(" (").append(e.getContext().strip());
      if (e.getContextMark() != null) {
        out.append(" that starts at line ").append(e.getContextMark().getLine() + 1);
      }
      out.append("; check the indentation)");
    }
    return out.toString();
  }
}
