package dev.haremote.k8s;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the chart, the dashboards and the alert rules live, seen from the k8s module. */
final class ProjectPaths {
  private ProjectPaths() {}

  static Path moduleDir() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
  }

  static Path repoRoot() {
    Path module = moduleDir();
    return Files.exists(module.resolve("ha-remote-access")) ? module.getParent() : module;
  }

  static Path chart() {
    return repoRoot().resolve("k8s/ha-remote-access");
  }

  static Path grafana() {
    return repoRoot().resolve("grafana");
  }

  static Path dashboards() {
    return grafana().resolve("dashboards");
  }

  /** The JVM flags chosen by the benchmarks (docs/benchmarks.md), which the chart must ship. */
  static String measuredJvmFlags() {
    try {
      return Files.readString(repoRoot().resolve("benchmarks/jvm-flags.txt")).strip();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Path alerts() {
    return grafana().resolve("alerts");
  }
}
