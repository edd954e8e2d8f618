package dev.haremote.k8s;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The three service images and the one-process image as {@code scripts/images.sh --base debian}
 * builds, smoke-tests and archives them (the base from Debian packages: no registry). Run once per
 * test JVM and shared by ImagesScriptTest and ChartPlayTest; the script itself reuses an image
 * whose inputs did not change (content-hash tag) and the Debian base cached under ~/.cache.
 */
final class BuiltImages {
  static final List<String> SERVICES =
      List.of("reachability-service", "cert-watch-service", "ddns-service", "one-process");

  /** One line of target/images/report.tsv: what the smoke run of one image saw. */
  record Row(
      String service,
      String ready,
      String uid,
      String readOnlyRoot,
      String cds,
      int rssMib,
      int imageMb,
      long readyMs,
      String result) {
    static Row parse(String line) {
      String[] f = line.split("\t", -1);
      return new Row(
          f[0],
          f[1],
          f[2],
          f[3],
          f[4],
          Integer.parseInt(f[5]),
          Integer.parseInt(f[6]),
          Long.parseLong(f[7]),
          f[8]);
    }
  }

  record Report(int exitCode, String output, List<Row> rows, Duration took) {}

  private static Report report;

  private BuiltImages() {}

  static Path dir() {
    return ProjectPaths.repoRoot().resolve("target/images");
  }

  static synchronized Report get() {
    Podman.require();
    for (String service : SERVICES) {
      if (!Files.isRegularFile(ServiceProcess.jar(service))) {
        String message =
            ServiceProcess.jar(service) + " missing: the reactor packages the services first";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
          fail(message);
        }
        Assumptions.abort(message);
      }
    }
    if (report == null) {
      Instant start = Instant.now();
      var result =
          Podman.run(
              25 * 60,
              List.of(
                  ProjectPaths.repoRoot().resolve("scripts/images.sh").toString(),
                  "--base",
                  "debian"));
      List<Row> rows = new ArrayList<>();
      Path tsv = dir().resolve("report.tsv");
      try {
        if (Files.exists(tsv)) {
          List<String> lines = Files.readAllLines(tsv);
          for (String line : lines.subList(1, lines.size())) {
            rows.add(Row.parse(line));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      report =
          new Report(
              result.exitCode(), result.output(), rows, Duration.between(start, Instant.now()));
      // What CI prints: the images, ready, with their sizes and resident memory.
      System.out.println(
          "scripts/images.sh --base debian (" + report.took() + "):\n" + result.output());
    }
    return report;
  }
}
