package dev.haremote.k8s;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One service started from its Quarkus build ({@code <service>/target/quarkus-app/quarkus-run.jar})
 * in its own JVM, with the JVM flags the chart uses, on a port the OS chose.
 */
final class ServiceProcess implements AutoCloseable {
  private final ChildProcess process;
  final int port;

  private ServiceProcess(ChildProcess process, int port) {
    this.process = process;
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
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().put("QUARKUS_CONFIG_LOCATIONS", configFile.toString());
    builder.environment().remove("SUITE_API_TOKEN");
    return new ServiceProcess(ChildProcess.start(service, builder, log), port);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** Waits for /q/health/ready = 200 (configuration valid, first round done). */
  void awaitReady(Duration timeout) {
    process.awaitHttpOk(URI.create(baseUrl() + "/q/health/ready"), timeout);
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

  @Override
  public void close() {
    process.close();
  }
}
