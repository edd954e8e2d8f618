package dev.haremote.common.suite.startup;

import dev.haremote.common.redact.Redactor;
import dev.haremote.common.suite.ConfigProblem;
import dev.haremote.common.suite.config.ConfigFileRules;
import dev.haremote.common.suite.config.ConfigFiles;
import dev.haremote.common.suite.config.YamlKeyLines;
import io.quarkus.runtime.QuarkusBindException;
import io.smallrye.config.ConfigValidationException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a start-up failure into what a user can act on: one line per configuration problem, {@code
 * FILE:LINE: KEY: what is wrong} (or {@code env NAME: KEY: ...} when an environment variable gave
 * the value), redacted, and no stack trace. SmallRye Config's own messages are rewritten into that
 * shape; a file that is not valid YAML is named with the line and column the parser stopped at, and
 * every configuration file is checked, so two broken files show as two lines.
 */
public final class StartupFailureReport {
  private static final Pattern CODE = Pattern.compile("^SRCFG\\d+:\\s*");
  private static final Pattern REQUIRED =
      Pattern.compile(
          "The config property (\\S+) is required but it could not be found in any config source");
  private static final Pattern CONVERSION =
      Pattern.compile(
          "(?s)The config property (\\S+) with the config value \"(.*)\" threw an Exception whilst"
              + " being converted\\s*(.*)");
  private static final Pattern EMPTY =
      Pattern.compile("The config property (\\S+) is defined as the empty String.*");
  private static final Pattern UNKNOWN = Pattern.compile("(\\S+) in (.+) does not map to any root");
  private static final Pattern EXPAND =
      Pattern.compile("Could not expand value (\\S+) in property (\\S+)");
  private static final Pattern EXCEPTION_PREFIX =
      Pattern.compile("^(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error):\\s*");
  private static final Pattern ENUM =
      Pattern.compile("(?s)Cannot convert \\S* to enum \\S+ \\S+, allowed values: (\\S+).*");
  private static final Pattern INVALID_DURATION = Pattern.compile("(?i).*\\bduration\\b.*");
  private static final Pattern INVALID_INTEGER =
      Pattern.compile("(?i).*(expected an integer|NumberFormatException|for input string).*");

  /** What a duration key accepts, as docs/configuration.md writes it. */
  public static final String DURATION_FORMS = "durations: 90s, 5m, 1h or PT5M";

  private static final Pattern SECRET_KEY =
      Pattern.compile("(?i).*(token|password|passwd|secret|credential|key)$");

  private StartupFailureReport() {}

  /** True when the failure is (or is caused by) invalid configuration. */
  public static boolean isConfigurationFailure(Throwable failure) {
    return !configProblems(failure).isEmpty() || yamlFailure(failure) != null;
  }

  /**
   * The configuration problems behind a start-up failure, one per line, in the order found; empty
   * when the failure is not about configuration.
   */
  public static List<ConfigProblem> configProblems(Throwable failure) {
    Set<ConfigProblem> problems = new LinkedHashSet<>();
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = failure; t != null && seen.put(t, true) == null; t = t.getCause()) {
      if (t instanceof ConfigProblemsException own) {
        problems.addAll(own.problems());
      } else if (t instanceof ConfigValidationException validation) {
        for (int i = 0; i < validation.getProblemCount(); i++) {
          problems.add(fromSmallRye(validation.getProblem(i).getMessage()));
        }
      } else if (t instanceof io.quarkus.runtime.configuration.ConfigurationException
          || t instanceof java.util.NoSuchElementException && isSmallRye(t.getMessage())) {
        if (!(t.getCause() instanceof ConfigValidationException) && t.getMessage() != null) {
          for (String line : t.getMessage().split("\n")) {
            if (!line.isBlank() && !line.startsWith("Configuration validation failed")) {
              problems.add(fromSmallRye(line.strip()));
            }
          }
        }
      }
    }
    List<ConfigProblem> redacted = new ArrayList<>();
    for (ConfigProblem p : problems) {
      redacted.add(new ConfigProblem(p.key(), Redactor.redact(p.message())));
    }
    return redacted;
  }

  /** What to print for any start-up failure: config problems as lines, else one summary line. */
  public static List<String> lines(Throwable failure) {
    return lines(failure, ConfigFiles.ofThisProcess(), System.getenv());
  }

  /**
   * The same, with the configuration files and environment to name as the origin of each problem.
   */
  public static List<String> lines(Throwable failure, ConfigFiles files, Map<String, String> env) {
    Throwable yaml = yamlFailure(failure);
    if (yaml != null) {
      List<String> broken = new ArrayList<>();
      for (ConfigFiles.ConfigFile file : files.existing()) {
        String error = YamlKeyLines.read(file.path()).syntaxError();
        if (error != null) {
          broken.add(Redactor.redact(file.path() + ":" + error));
        }
      }
      if (!broken.isEmpty()) {
        return broken;
      }
      return List.of(
          Redactor.redact(
              "configuration: not valid YAML: " + String.valueOf(yaml.getMessage()).strip()));
    }
    // A failure while the configuration is read stops start-up before ConfigFileCheck runs: the
    // files' own problems (a missing file, a misspelt section, a list at the top) are often its
    // cause, so they are named too, and alone when SmallRye's failure says nothing useful.
    Set<ConfigProblem> all = new LinkedHashSet<>(configProblems(failure));
    all.addAll(ConfigFileRules.problems(files));
    List<ConfigProblem> problems = new ArrayList<>(all);
    if (!problems.isEmpty()) {
      Origins origins = new Origins(files, env);
      return problems.stream().map(p -> origins.prefix(p.key()) + p).toList();
    }
    Throwable root = rootCause(failure);
    if (root instanceof QuarkusBindException bind) {
      return List.of(
          "quarkus.http.port: port "
              + bind.getPort()
              + " is already in use (another instance running?)");
    }
    String message = root.getMessage() == null ? "" : ": " + root.getMessage();
    return List.of(Redactor.redact("start-up failed: " + root.getClass().getName() + message));
  }

  static ConfigProblem fromSmallRye(String rawMessage) {
    String message = withoutPrefixes(rawMessage);
    Matcher m = REQUIRED.matcher(message);
    if (m.matches()) {
      return new ConfigProblem(m.group(1), "required, but not set");
    }
    m = CONVERSION.matcher(message);
    if (m.matches()) {
      String key = m.group(1);
      String reason = describeConversionFailure(m.group(3));
      String value = SECRET_KEY.matcher(key).matches() ? "the value" : "\"" + m.group(2) + "\"";
      if (reason.equals(DURATION_FORMS)) {
        return new ConfigProblem(key, value + " is not valid (" + DURATION_FORMS + ")");
      }
      return new ConfigProblem(
          key, value + " is not valid" + (reason.isEmpty() ? "" : ": " + reason));
    }
    m = EMPTY.matcher(message);
    if (m.matches()) {
      return new ConfigProblem(
          m.group(1), "is empty; give a value, or leave the key out to get its default");
    }
    m = UNKNOWN.matcher(message);
    if (m.matches()) {
      return new ConfigProblem(
          m.group(1), "unknown key (check the spelling; see docs/configuration.md)");
    }
    m = EXPAND.matcher(message);
    if (m.matches()) {
      return new ConfigProblem(m.group(2), "refers to ${" + m.group(1) + "}, which is not set");
    }
    return new ConfigProblem("configuration", message);
  }

  private static String describeConversionFailure(String causeText) {
    String reason = withoutPrefixes(causeText);
    Matcher enumValues = ENUM.matcher(reason);
    if (enumValues.matches()) {
      // SmallRye names the enum's Java class; the user needs only the accepted words.
      return "one of " + enumValues.group(1).replace(",", ", ") + " is expected";
    }
    if (INVALID_DURATION.matcher(reason).matches()) {
      return DURATION_FORMS;
    }
    if (INVALID_INTEGER.matcher(reason).matches()) {
      return "a whole number is expected";
    }
    return reason;
  }

  /** The SnakeYAML failure behind a start-up failure: a file that is not valid YAML. */
  private static Throwable yamlFailure(Throwable failure) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = failure; t != null && seen.put(t, true) == null; t = t.getCause()) {
      if (t.getClass().getName().startsWith("org.yaml.snakeyaml.")) {
        return t;
      }
    }
    return null;
  }

  /**
   * Where the value of a key came from, strongest first as SmallRye Config reads them: an
   * environment variable, then each configuration file (docs/configuration.md).
   */
  private static final class Origins {
    private final List<ConfigFiles.ConfigFile> files;
    private final Map<String, String> env;
    private final Map<java.nio.file.Path, YamlKeyLines> parsed = new java.util.HashMap<>();

    Origins(ConfigFiles files, Map<String, String> env) {
      this.files = files.existing();
      this.env = env;
    }

    String prefix(String key) {
      String envName = envName(key);
      if (env.containsKey(envName)) {
        return "env " + envName + ": ";
      }
      // A key that is not written (a required one left out): the nearest enclosing key that is,
      // e.g. the record it belongs to; never just the service's prefix, which says nothing.
      for (String k = key; k.contains(".") || k.contains("["); k = YamlKeyLines.parent(k)) {
        for (ConfigFiles.ConfigFile file : files) {
          Optional<Integer> line = lines(file).line(k);
          if (line.isPresent()) {
            return file.path() + ":" + line.get() + ": ";
          }
        }
      }
      return "";
    }

    private YamlKeyLines lines(ConfigFiles.ConfigFile file) {
      return parsed.computeIfAbsent(file.path(), YamlKeyLines::read);
    }
  }

  /**
   * SmallRye Config's environment name of a key: {@code ddns.records[0].name} ->
   * DDNS_RECORDS_0__NAME.
   */
  static String envName(String key) {
    StringBuilder out = new StringBuilder(key.length());
    for (char c : key.toCharArray()) {
      out.append(Character.isLetterOrDigit(c) ? c : '_');
    }
    return out.toString().toUpperCase(Locale.ROOT);
  }

  /**
   * "java.lang.IllegalArgumentException: SRCFG00049: Cannot convert ..." -> "Cannot convert ...".
   */
  private static String withoutPrefixes(String raw) {
    String text = raw.strip();
    for (int i = 0; i < 4; i++) {
      String before = text;
      text = EXCEPTION_PREFIX.matcher(text).replaceFirst("");
      text = CODE.matcher(text).replaceFirst("");
      if (text.equals(before)) {
        break;
      }
    }
    return text.strip();
  }

  private static boolean isSmallRye(String message) {
    return message != null && message.startsWith("SRCFG");
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable root = failure;
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    while (root.getCause() != null && seen.put(root, true) == null) {
      root = root.getCause();
    }
    return root;
  }
}
