package dev.haremote.ddns.suite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * This service as a user runs it: {@code java -jar quarkus-run.jar} from the Quarkus build, in a
 * working directory of the test's choice, with an environment of the test's choice (nothing
 * inherited that names configuration), listening on loopback on a port the OS picks unless the
 * test's configuration says otherwise.
 */
final class ServiceJar implements AutoCloseable {
  static final Path QUARKUS_APP = Path.of("target/quarkus-app").toAbsolutePath();
  private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+)");

  private final Process process;
  private final Path log;

  private ServiceJar(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * A copy of the Quarkus build in {@code dir} (the jar copied, its libraries linked), so a test
   * can put an application.yaml beside the jar without touching target/.
   */
  static Path copyOfTheBuild(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.copy(QUARKUS_APP.resolve("quarkus-run.jar"), dir.resolve("quarkus-run.jar"));
    for (String sub : List.of("lib", "app", "quarkus")) {
      Files.createSymbolicLink(dir.resolve(sub), QUARKUS_APP.resolve(sub));
    }
    return dir.resolve("quarkus-run.jar");
  }

  /** Removes the links {@link #copyOfTheBuild} made (JUnit's TempDir warns about each). */
  static void removeCopy(Path dir) throws IOException {
    for (String sub : List.of("lib", "app", "quarkus")) {
      Files.deleteIfExists(dir.resolve(sub));
    }
  }

  static ServiceJar start(Path jar, Path workingDir, Map<String, String> env) throws IOException {
    Path log = Files.createTempFile(workingDir.getParent(), "service", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-jar",
                jar.toString())
            .directory(workingDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> environment = builder.environment();
    environment
        .keySet()
        .removeIf(
            k ->
                k.startsWith("QUARKUS_")
                    || k.startsWith("SUITE_")
                    || k.startsWith("DDNS_")
                    || k.startsWith("SMALLRYE_"));
    environment.putIfAbsent("QUARKUS_HTTP_HOST", "127.0.0.1");
    environment.putAll(env);
    return new ServiceJar(builder.start(), log);
  }

  /** The port it listens on, once it does; fails with the log when it stops or takes too long. */
  int awaitListening() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Matcher m = LISTENING.matcher(output());
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      if (!process.isAlive()) {
        throw new AssertionError(
            "the service stopped (exit " + process.exitValue() + "):\n" + output());
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the service did not listen within 60 s:\n" + output());
  }

  /** Waits for the process to end on its own (a configuration it refuses); its exit code. */
  int awaitExit() throws Exception {
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("the service did not stop within 60 s:\n" + output());
    }
    return process.exitValue();
  }

  String output() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  static String get(int port, String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + path + " answered " + response.statusCode());
    }
    return response.body();
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
