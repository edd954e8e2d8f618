package dev.haremote.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each image's class-data sharing steps, run as written in its Dockerfile but on this machine's JVM
 * (there is no container engine here): the training run stops by itself and writes an archive, and
 * the entry point's JVM maps it ({@code -Xshare:on} fails the start otherwise) and loads the
 * service's own classes from it. Paths under /deployments and /tmp are mapped into a temporary
 * directory that holds the service's Quarkus application, laid out as the image's COPY lines do.
 */
class DockerfileClassDataSharingTest {
  private static final Pattern JAVA_OPTS = Pattern.compile("JAVA_OPTS=\"([^\"]*)\"");
  private static final Pattern ENTRYPOINT_COMMAND =
      Pattern.compile("ENTRYPOINT \\[\"sh\", \"-c\", \"(.*)\"\\]");

  private static final Pattern IMAGE_PATH = Pattern.compile("(?<![\\w/])/(deployments|tmp)/");

  @TempDir Path image;

  @ParameterizedTest
  @ValueSource(
      strings = {"reachability-service", "cert-watch-service", "ddns-service", "one-process"})
  void theTrainingRunWritesAnArchiveTheEntryPointMaps(String service) throws Exception {
    Path module = ProjectPaths.repoRoot().resolve(service);
    List<String> lines = logicalLines(module.resolve("src/main/docker/Dockerfile.jvm"));
    String javaOpts = only(lines, JAVA_OPTS);
    String training =
        lines.stream()
            .filter(l -> l.startsWith("RUN java "))
            .findFirst()
            .orElseThrow()
            .substring("RUN ".length());
    String entrypoint = only(lines, ENTRYPOINT_COMMAND);
    assertThat(training).contains("-XX:ArchiveClassesAtExit=/deployments/app.jsa");
    assertThat(entrypoint).startsWith("exec java -XX:SharedArchiveFile=/deployments/app.jsa ");

    copyTree(module.resolve("target/quarkus-app"), image.resolve("deployments"));
    Files.createDirectories(image.resolve("tmp"));
    Run train = run(mapped(training), javaOpts);
    assertThat(train.exitCode()).as(train.output()).isZero();
    Path archive = image.resolve("deployments/app.jsa");
    assertThat(archive).isRegularFile();
    assertThat(Files.size(archive)).isGreaterThan(1 << 20);
    assertThat(image.resolve("tmp")).isEmptyDirectory();

    // The entry point as the image runs it, plus: fail if the archive cannot be mapped, list where
    // each class came from, and stop once started (the check run must not probe anything).
    String checkOpts =
        javaOpts
            + " -Xshare:on -Xlog:class+load=info -Dharemote.exit-after-start=true"
            + " -Dquarkus.scheduler.enabled=false -Dquarkus.http.port=0"
            + " -Dddns.state-dir="
            + image.resolve("tmp/state");
    Run check = run(mapped(entrypoint), checkOpts);
    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output())
        .contains("dev.haremote.common.suite.startup.SuiteMain source: shared objects file (top)");
  }

  private String mapped(String command) {
    // One pass: the temporary directory itself lies under /tmp.
    return IMAGE_PATH
        .matcher(command)
        .replaceAll(m -> Matcher.quoteReplacement(image.resolve(m.group(1)) + "/"));
  }

  private record Run(int exitCode, String output) {}

  private Run run(String command, String javaOpts) throws IOException, InterruptedException {
    Path log = image.resolve("run.log");
    ProcessBuilder builder =
        new ProcessBuilder("sh", "-c", command)
            .directory(image.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Path javaBin = Path.of(System.getProperty("java.home"), "bin");
    builder.environment().put("PATH", javaBin + ":" + System.getenv("PATH"));
    builder.environment().put("JAVA_OPTS", javaOpts);
    builder.environment().remove("QUARKUS_CONFIG_LOCATIONS");
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("still running after 120 s: " + command);
    }
    return new Run(process.exitValue(), Files.readString(log));
  }

  /** The Dockerfile's instructions, continuation lines joined, comments and blanks dropped. */
  private static List<String> logicalLines(Path dockerfile) throws IOException {
    List<String> out = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String raw : Files.readAllLines(dockerfile)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.endsWith("\\")) {
        pending.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      out.add(pending.append(line).toString().replaceAll("\\s+", " "));
      pending.setLength(0);
    }
    return out;
  }

  private static String only(List<String> lines, Pattern pattern) {
    List<String> found = new ArrayList<>();
    for (String line : lines) {
      Matcher m = pattern.matcher(line);
      if (m.find()) {
        found.add(m.group(1));
      }
    }
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
