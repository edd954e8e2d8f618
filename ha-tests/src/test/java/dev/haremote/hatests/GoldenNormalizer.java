package dev.haremote.hatests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns a service's answer into text that is the same on every run of the same home: what changes
 * between runs (instants, durations, ports chosen by the OS, the run directory, certificate serials
 * and fingerprints) becomes a named placeholder; everything a user reads stays. Object keys are
 * sorted so that a refactor that only reorders fields does not count as a change (JSON readers,
 * Home Assistant's among them, do not depend on the order).
 */
final class GoldenNormalizer {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Pattern INSTANT =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})");
  private static final Pattern HEX_RUN =
      Pattern.compile("\\b(?:[0-9A-Fa-f]{2}:){7,}[0-9A-Fa-f]{2}\\b");
  private static final Pattern LONG_HEX = Pattern.compile("\\b[0-9a-f]{16,}\\b");

  /** Fields whose value is a measurement of this run, not a verdict. */
  private static final Pattern TIMING_KEY =
      Pattern.compile(
          ".*(_ms|_millis|duration.*|_seconds|_at|elapsed.*|latency.*|serial.*|fingerprint.*|sha256.*|pid)$");

  private final Map<String, String> replacements =
      new TreeMap<>(
          (a, b) -> b.length() - a.length() != 0 ? b.length() - a.length() : a.compareTo(b));

  /** Every occurrence of {@code text} becomes {@code <name>} (ports, paths of this run). */
  GoldenNormalizer replace(String text, String name) {
    return replaceWithText(text, "<" + name + ">");
  }

  /** Every occurrence of {@code text} becomes {@code replacement}, as it is. */
  GoldenNormalizer replaceWithText(String text, String replacement) {
    replacements.put(text, replacement);
    return this;
  }

  String json(String body) {
    try {
      JsonNode tree = JSON.readTree(body);
      return JSON.writeValueAsString(normalize(null, tree)) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + body, e);
    }
  }

  String text(String body) {
    String out = body;
    for (Map.Entry<String, String> r : replacements.entrySet()) {
      out = out.replace(r.getKey(), r.getValue());
    }
    out = INSTANT.matcher(out).replaceAll("<instant>");
    out = HEX_RUN.matcher(out).replaceAll("<hex>");
    return LONG_HEX.matcher(out).replaceAll("<hex>");
  }

  /**
   * The service's own series from a Prometheus text answer, one per line, sorted; the value kept
   * where it is a verdict (0/1, counts), a placeholder where it measures time.
   */
  String metrics(String body, List<String> prefixes) {
    List<String> lines = new ArrayList<>();
    for (String line : body.split("\n")) {
      if (line.startsWith("#") || prefixes.stream().noneMatch(line::startsWith)) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      String series = text(line.substring(0, space));
      String value = line.substring(space + 1);
      boolean timing =
          series.matches("^[a-z_]*(seconds|timestamp|duration|_ms)[a-z_]*(\\{.*)?$")
              && !series.matches("^[a-z_]*days[a-z_]*(\\{.*)?$");
      // A counter's value depends on how many rounds ran and how fast the machine was (a file
      // check under heavy load can count a timeout); which series exist is the contract.
      boolean counter = series.matches("^[a-z_]*_total(\\{.*)?$");
      lines.add(series + " " + (timing ? "<measured>" : counter ? "<counted>" : value));
    }
    lines.sort(String::compareTo);
    return String.join("\n", lines) + "\n";
  }

  private JsonNode normalize(String key, JsonNode node) {
    if (node.isObject()) {
      ObjectNode sorted = JSON.createObjectNode();
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.sort(String::compareTo);
      for (String name : names) {
        sorted.set(name, normalize(name, node.get(name)));
      }
      return sorted;
    }
    if (node.isArray()) {
      ArrayNode array = JSON.createArrayNode();
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        array.add(normalize(key, it.next()));
      }
      return array;
    }
    if (key != null && TIMING_KEY.matcher(key).matches() && !node.isNull()) {
      return TextNode.valueOf("<measured>");
    }
    if (node.isTextual()) {
      return TextNode.valueOf(text(node.asText()));
    }
    if (node.isNumber() && replacements.containsKey(node.asText())) {
      return TextNode.valueOf(replacements.get(node.asText()));
    }
    return node;
  }
}
