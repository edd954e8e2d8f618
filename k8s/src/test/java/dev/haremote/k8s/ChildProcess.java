package dev.haremote.k8s;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program a test started (a service, Prometheus) with its output in a log file: waits until it
 * answers over HTTP, puts the end of its log into every failure, and stops it.
 */
final class ChildProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private ChildProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts the builder's command with stdout and stderr going to {@code log}. */
  static ChildProcess start(String name, ProcessBuilder builder, Path log) throws IOException {
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    return new ChildProcess(name, builder.start(), log);
  }

  long pid() {
    return process.pid();
  }

  /** Polls {@code url} until it answers 200; fails at once if the program exits. */
  void awaitHttpOk(URI url, Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant end = Instant.now().plus(timeout);
    while (Instant.now().isBefore(end)) {
      if (!process.isAlive()) {
        fail(name + " exited with " + process.exitValue() + ":\n" + tail());
      }
      try {
        var response =
            http.send(
                HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(3)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(250);
    }
    fail(name + " did not answer 200 at " + url + " within " + timeout + ":\n" + tail());
  }

  /** The last 30 lines of the program's output. */
  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** SIGTERM, then SIGKILL after 15 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
