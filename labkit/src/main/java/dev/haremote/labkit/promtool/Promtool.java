package dev.haremote.labkit.promtool;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs Prometheus' own linter, {@code promtool check metrics} (Debian package {@code prometheus}),
 * on a metrics text, so that tests of {@code /q/metrics} check what Prometheus itself accepts
 * instead of a hand-written approximation.
 */
public final class Promtool {
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private final Path binary;

  private Promtool(Path binary) {
    this.binary = binary;
  }

  /** What promtool said: one entry per problem line; empty when the text passes. */
  public record Result(int exitCode, List<String> problems) {
    public boolean passed() {
      return exitCode == 0 && problems.isEmpty();
    }
  }

  /** promtool from PATH (or /usr/bin), if installed. */
  public static Optional<Promtool> find() {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    return Arrays.stream((path + ":/usr/bin:/usr/local/bin").split(":"))
        .filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir, "promtool"))
        .filter(Files::isExecutable)
        .findFirst()
        .map(Promtool::new);
  }

  /**
   * promtool, or empty when it is missing outside CI (the caller then skips with a message).
   *
   * @throws IllegalStateException in CI ({@code CI=true}), where a missing binary is a failure
   */
  public static Optional<Promtool> findOrFailInCi() {
    Optional<Promtool> found = find();
    if (found.isEmpty() && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(
          "promtool not found: install the Debian package 'prometheus' (.ci/apt-packages)");
    }
    return found;
  }

  /** {@code promtool check metrics} with the text on stdin. */
  public Result checkMetrics(String metricsText) {
    ProcessBuilder builder = new ProcessBuilder(binary.toString(), "check", "metrics");
    builder.redirectErrorStream(true);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binary, e);
    }
    CompletableFuture<String> output =
        CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(metricsText.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // promtool may stop reading early on a parse error; its output says why.
    }
    try {
      if (!process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("promtool did not finish within " + DEADLINE);
      }
      String text = output.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
      List<String> problems = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
      return new Result(process.exitValue(), problems);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while waiting for promtool", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("cannot read promtool's output", e);
    }
  }

  private static String readAll(InputStream in) {
    try (in) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      return bytes.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
