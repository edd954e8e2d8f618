package dev.haremote.labkit.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A directory of configuration files, each started with the packaged service (issue #19, item 15).
 * A file's header says what is expected:
 *
 * <pre>
 * # refused: ddns.recrods            text the start-up report must contain (the key)
 * # env: DDNS_STATE_DIR={dir}/state   an environment variable for this run (repeatable)
 * # locations: {dir}/missing.yaml     QUARKUS_CONFIG_LOCATIONS instead of the file itself
 * </pre>
 *
 * {@code {dir}} is the run's own temporary directory, where the file is copied with {@code {dir}}
 * replaced in its text too.
 */
public final class ConfigCorpus {
  private static final Pattern HEADER =
      Pattern.compile("(?m)^#\\s*(refused|env|locations):\\s*(.*)$");

  /** One file and what is expected of it. */
  public record Case(Path file, String refusedKey, Map<String, String> env, String locations) {
    public String name() {
      return file.getFileName().toString();
    }
  }

  /**
   * What start-up did.
   *
   * @param refused the process stopped on its own, non-zero, without listening
   */
  public record Outcome(Case test, boolean refused, int exitCode, String output) {}

  private ConfigCorpus() {}

  /** The build under test: this module's, or {@code -Dconfig-corpus.app=DIR}. */
  public static Path quarkusApp() {
    return PackagedService.quarkusApp("config-corpus.app");
  }

  /** Services started at once ({@code -Dconfig-corpus.parallel}, default 3). */
  public static int parallelism() {
    return Integer.getInteger("config-corpus.parallel", 3);
  }

  /** The cases of a directory, sorted by file name. */
  public static List<Case> cases(Path dir) throws IOException {
    List<Case> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        out.add(parse(file));
      }
    }
    return out;
  }

  static Case parse(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    String refused = null;
    String locations = null;
    Map<String, String> env = new HashMap<>();
    Matcher m = HEADER.matcher(text);
    while (m.find()) {
      String value = m.group(2).strip();
      switch (m.group(1)) {
        case "refused" -> refused = value;
        case "locations" -> locations = value;
        default -> {
          int eq = value.indexOf('=');
          env.put(value.substring(0, eq), value.substring(eq + 1));
        }
      }
    }
    return new Case(file, refused, env, locations);
  }

  /**
   * Runs every case, {@code parallel} at a time; outcomes in the cases' order. The first case runs
   * alone and records the classes start-up loads into a class-data sharing archive, which the
   * others then map, as the images do ({@code -XX:ArchiveClassesAtExit}, then {@code
   * -XX:SharedArchiveFile}): about a third less CPU per start, and a corpus is dozens of starts.
   * The JVM's own CDS messages are off, so the start-up report is the service's alone.
   */
  public static List<Outcome> run(
      Path quarkusApp, List<Case> cases, Path workDir, Map<String, String> env, int parallel)
      throws Exception {
    if (cases.isEmpty()) {
      return List.of();
    }
    Path archive = workDir.toAbsolutePath().resolve("corpus-classes.jsa");
    Case first = cases.get(0);
    Outcome firstOutcome =
        run(
            quarkusApp,
            first,
            workDir.resolve(first.name()),
            env,
            List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds*=off"));
    // Without an archive (a JVM that cannot write one) the others start as before.
    List<String> shared =
        Files.isRegularFile(archive)
            ? List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds*=off")
            : List.of();
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try {
      List<Future<Outcome>> futures = new ArrayList<>();
      for (Case c : cases.subList(1, cases.size())) {
        futures.add(pool.submit(() -> run(quarkusApp, c, workDir.resolve(c.name()), env, shared)));
      }
      List<Outcome> out = new ArrayList<>(List.of(firstOutcome));
      for (Future<Outcome> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Starts the service with one case; a service that listens is accepted (and stopped). */
  public static Outcome run(Path quarkusApp, Case c, Path dir, Map<String, String> env)
      throws Exception {
    return run(quarkusApp, c, dir, env, List.of());
  }

  private static Outcome run(
      Path quarkusApp, Case c, Path dir, Map<String, String> env, List<String> jvmArgs)
      throws Exception {
    Files.createDirectories(dir);
    String d = dir.toAbsolutePath().toString();
    Path config = dir.resolve(c.name());
    Files.writeString(
        config,
        Files.readString(c.file(), StandardCharsets.UTF_8).replace("{dir}", d),
        StandardCharsets.UTF_8);
    Map<String, String> all = new HashMap<>(env);
    c.env().forEach((k, v) -> all.put(k, v.replace("{dir}", d)));
    all.put(
        "QUARKUS_CONFIG_LOCATIONS",
        c.locations() == null ? config.toString() : c.locations().replace("{dir}", d));
    try (PackagedService service =
        PackagedService.start(
            quarkusApp,
            dir.resolve("work"),
            all,
            List.of(),
            // An accepted configuration starts and stops at once, with no scheduled round: no
            // check reaches the network (the docs' examples name real hosts).
            jvmArgs(
                jvmArgs,
                "-Dharemote.exit-after-start=true",
                "-Dquarkus.scheduler.enabled=false"))) {
      int result = service.awaitListeningOrExit(300);
      boolean refused = result < 0 && result != -1;
      return new Outcome(c, refused, result < 0 ? -1 - result : 0, service.output());
    }
  }

  private static List<String> jvmArgs(List<String> first, String... rest) {
    List<String> all = new ArrayList<>(first);
    all.addAll(List.of(rest));
    return all;
  }

  private static final Pattern CLASS_NAME =
      Pattern.compile(
          "\\b(java|javax|jakarta|io\\.smallrye|io\\.quarkus|org|dev)\\.[a-z]+\\.[\\w.$]*[A-Z]");
  private static final Pattern LOG_LINE = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:");

  /**
   * What is wrong with each outcome of a corpus of bad files: accepted, the refusal does not name
   * its key, a stack trace or raw SmallRye message, or a Java class name in the start-up report.
   * Empty when every file was refused as it should be.
   */
  public static List<String> wrongRefusals(List<Outcome> outcomes) {
    List<String> wrong = new ArrayList<>();
    for (Outcome o : outcomes) {
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
    return wrong;
  }

  /** {@code -Dconfig-corpus.measure=true}: how many files were accepted, and which. */
  public static void printAccepted(String service, List<Outcome> outcomes) {
    long accepted = outcomes.stream().filter(o -> !o.refused()).count();
    System.out.println(
        "config-corpus " + service + ": accepted " + accepted + " of " + outcomes.size());
    outcomes.stream()
        .filter(o -> !o.refused())
        .forEach(o -> System.out.println("  accepted: " + o.test().name()));
  }

  /**
   * The start-up report: the lines printed without a log timestamp (log lines before the refusal
   * name their logger, which is a class, e.g. Quarkus' "scheduler is disabled").
   */
  static String report(String output) {
    return String.join("\n", output.lines().filter(l -> !LOG_LINE.matcher(l).lookingAt()).toList());
  }

  /** The yaml block of docs/configuration.md that starts with the service's section. */
  public static String docsExample(Path docs, String section) throws IOException {
    Matcher m =
        Pattern.compile("(?s)```yaml\\n(" + section + ":\\n.*?)```")
            .matcher(Files.readString(docs, StandardCharsets.UTF_8));
    if (!m.find()) {
      throw new IllegalStateException("no yaml example of " + section + " in " + docs);
    }
    return m.group(1);
  }
}
