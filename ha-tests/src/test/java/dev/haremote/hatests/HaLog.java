package dev.haremote.hatests;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Home Assistant's log ({@code 2026-12-02 15:00:00.123 WARNING (MainThread) [logger]
 * message}) by logger name: the lines a package can cause come from the rest and template
 * integrations and the sensor helpers that parse their states.
 */
final class HaLog {
  /** Loggers whose lines a package's templates or attributes can cause. */
  static final List<String> PACKAGE_LOGGERS =
      List.of(
          "homeassistant.components.rest",
          "homeassistant.components.template",
          "homeassistant.helpers.template",
          "homeassistant.helpers.trigger_template_entity",
          "homeassistant.components.sensor",
          "homeassistant.components.binary_sensor",
          "homeassistant.helpers.entity");

  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
  private static final Pattern LINE =
      Pattern.compile("^\\d{4}-\\d{2}-\\d{2} [0-9:.]+ ([A-Z]+) \\([^)]*\\) \\[([^\\]]+)\\] (.*)$");

  private HaLog() {}

  /** Lines at INFO or above from these loggers. */
  static List<String> lines(String log, List<String> loggers) {
    return lines(log, loggers, List.of("INFO", "WARNING", "ERROR", "CRITICAL"));
  }

  /** WARNING, ERROR and CRITICAL lines (what HA shows at its default level) from these loggers. */
  static List<String> problems(String log, List<String> loggers) {
    return lines(log, loggers, List.of("WARNING", "ERROR", "CRITICAL"));
  }

  private static List<String> lines(String log, List<String> loggers, List<String> levels) {
    List<String> out = new ArrayList<>();
    for (String raw : log.lines().toList()) {
      Matcher m = LINE.matcher(ANSI.matcher(raw).replaceAll(""));
      if (!m.matches() || !levels.contains(m.group(1))) {
        continue;
      }
      String logger = m.group(2);
      if (loggers.stream().anyMatch(p -> logger.equals(p) || logger.startsWith(p + "."))) {
        out.add(m.group(0));
      }
    }
    return out;
  }

  /**
   * How often HA's rest integration started a request to exactly this URL (its debug line per scan;
   * a URL that only starts with it, e.g. with a query, does not count).
   */
  static int scans(String log, String url) {
    String needle = "Updating from " + url;
    int count = 0;
    for (int i = log.indexOf(needle); i >= 0; i = log.indexOf(needle, i + needle.length())) {
      int next = i + needle.length();
      if (next >= log.length()
          || !Character.isLetterOrDigit(log.charAt(next))
              && log.charAt(next) != '?'
              && log.charAt(next) != '/') {
        count++;
      }
    }
    return count;
  }
}
