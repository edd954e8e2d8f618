package dev.haremote.k8s;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's podman 4.3 with runc, configured by the containers.conf scripts/images.sh writes
 * (cgroupfs, ulimits the JVM accepts). In CI (CI=true) a missing podman, skopeo or debootstrap, or
 * a run without root (the tests enter the pods' network namespaces), fails the test; elsewhere it
 * is skipped.
 */
final class Podman {
  private Podman() {}

  static void require() {
    DebianTool.require("podman", "podman");
    DebianTool.require("skopeo", "skopeo");
    DebianTool.require("debootstrap", "debootstrap");
    DebianTool.require("runc", "runc");
    DebianTool.require("nsenter", "util-linux");
    if (!"root".equals(System.getProperty("user.name"))) {
      String message = "podman tests run as root (rootful podman, nsenter into pod networks)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message);
      }
      Assumptions.abort(message);
    }
  }

  static Path containersConf() {
    return ProjectPaths.repoRoot().resolve("target/images/containers.conf");
  }

  record Result(int exitCode, String output) {
    Result expectSuccess(String what) {
      if (exitCode != 0) {
        fail(what + " exited with " + exitCode + ":\n" + output);
      }
      return this;
    }
  }

  /** {@code podman args...}, bounded by timeoutSeconds; output is stdout and stderr. */
  static Result podman(long timeoutSeconds, String... args) {
    List<String> command = new ArrayList<>();
    command.add("podman");
    command.addAll(List.of(args));
    return run(timeoutSeconds, command);
  }

  static Result run(long timeoutSeconds, List<String> command) {
    try {
      Path out = Files.createTempFile("podman", ".log");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .directory(ProjectPaths.repoRoot().toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        if (Files.exists(containersConf())) {
          builder.environment().put("CONTAINERS_CONF", containersConf().toString());
        }
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
          fail(String.join(" ", command) + " did not end within " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
