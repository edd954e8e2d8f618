package dev.haremote.hatests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One of our services started from its built jar ({@code <module>/target/quarkus-app}) with a
 * configuration file, the way a user runs it: {@code QUARKUS_CONFIG_LOCATIONS}, {@code
 * SUITE_API_TOKEN}, a free port, waited for until {@code /q/health/ready} answers 200.
 */
final class ServiceProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String name;
  private final Process process;
  private final int port;
  private final String token;
  private final Path log;

  /** The path prefix of one service inside the one-process assembly, or "" for a service's own. */
  private final String mount;

  private ServiceProcess(
      String name, Process process, int port, String token, Path log, String mount) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.token = token;
    this.log = log;
    this.mount = mount;
  }

  /**
   * One service of the one-process assembly, seen as if it were its own process: every path is
   * asked under {@code /MODULE} ({@code /reachability-service/api/v1/status}). Closing it stops the
   * one process.
   */
  ServiceProcess mounted(String module) {
    return new ServiceProcess(module, process, port, token, log, "/" + module);
  }

  /**
   * The runnable jar of a service module, if the build has made it: under the reactor root (the
   * parent of surefire's working directory), or under {@code -Dservices.dir}.
   */
  static Optional<Path> jar(String module) {
    Path root = Path.of(System.getProperty("services.dir", ".."));
    Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    return Files.isRegularFile(jar) ? Optional.of(jar.normalize()) : Optional.empty();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts the service on the given port with this application.yaml text ({@code %PORT%} in it is
   * replaced by the port, for {@code suite.public-url}).
   */
  static ServiceProcess start(String module, int port, String yaml, String token, Path dir) {
    Path jar = jar(module).orElseThrow(() -> new IllegalStateException(module + " is not built"));
    try {
      Files.createDirectories(dir);
      Path config = dir.resolve("application.yaml");
      Files.writeString(
          config, yaml.replace("%PORT%", Integer.toString(port)), StandardCharsets.UTF_8);
      Path log = dir.resolve(module + ".out");
      String java = ProcessHandle.current().info().command().orElse("java");
      ProcessBuilder builder =
          new ProcessBuilder(List.of(java, "-jar", jar.toString()))
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().put("QUARKUS_CONFIG_LOCATIONS", config.toString());
      builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
      builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
      builder.environment().put("SUITE_API_TOKEN", token);
      ServiceProcess service = new ServiceProcess(module, builder.start(), port, token, log, "");
      service.awaitReady(Duration.ofSeconds(90));
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + mount + path);
  }

  /** GET with the bearer token (reads may be protected); the body, or a failed assertion. */
  String get(String path) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(url(path)).GET());
    if (response.statusCode() != 200) {
      throw new AssertionError(name + " GET " + path + " answered " + response.statusCode());
    }
    return response.body();
  }

  /** POST /api/v1/check: run every check now. */
  String checkNow() {
    return post("/api/v1/check");
  }

  /** POST with the bearer token and no body; the answer, or a failed assertion unless 200. */
  String post(String path) {
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(url(path)).POST(HttpRequest.BodyPublishers.noBody()));
    if (response.statusCode() != 200) {
      throw new AssertionError(name + " POST " + path + " answered " + response.statusCode());
    }
    return response.body();
  }

  /** The status code of a request with the given bearer token (none when null). */
  int status(String method, String path, String bearer) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url(path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(30));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return send(request, null).statusCode();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    return send(request, token);
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String bearer) {
    try {
      if (bearer != null) {
        request.header("Authorization", "Bearer " + bearer);
      }
      return HTTP.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(name + " did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void awaitReady(Duration timeout) throws IOException {
    Instant end = Instant.now().plus(timeout);
    while (Instant.now().isBefore(end)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited during start:\n" + Files.readString(log));
      }
      try {
        HttpResponse<String> ready =
            HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    close();
    throw new IllegalStateException(
        name + " not ready within " + timeout + ":\n" + Files.readString(log));
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
