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
import java.util.ArrayList;
import java.util.List;

/**
 * One service started from its Quarkus build ({@code <service>/target/quarkus-app/quarkus-run.jar})
 * in its own JVM, with the JVM flags the chart uses, on a port the OS chose.
 */
final class ServiceProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;
  final int port;

  private ServiceProcess(String name, Process process, Path log, int port) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.port = port;
  }

  static Path jar(String service) {
    return ProjectPaths.repoRoot().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
  }

  /**
   * @param port the HTTP port (the configuration file names the same one)
   * @param configFile the service's application.yaml, named by QUARKUS_CONFIG_LOCATIONS as the
   *     chart does
   */
  static ServiceProcess start(
      String service, Path workDir, int port, Path configFile, List<String> jvmFlags)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add("-Dquarkus.http.port=" + port);
    command.add("-Dquarkus.http.host=127.0.0.1");
    command.add("-jar");
    command.add(jar(service).toString());
    Path dir = Files.createDirectories(workDir.resolve(service));
    Path log = dir.resolve("service.log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("QUARKUS_CONFIG_LOCATIONS", configFile.toString());
    builder.environment().remove("SUITE_API_TOKEN");
    return new ServiceProcess(service, builder.start(), log, port);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** Waits for /q/health/ready = 200 (configuration valid, first round done). */
  void awaitReady(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant end = Instant.now().plus(timeout);
    while (Instant.now().isBefore(end)) {
      if (!process.isAlive()) {
        fail(name + " exited with " + process.exitValue() + ":\n" + tail());
      }
      try {
        var response =
            http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(3))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      PrometheusServer.sleep(300);
    }
    fail(name + " not ready within " + timeout + ":\n" + tail());
  }

  long residentKib() throws IOException {
    for (String line :
        Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
