package dev.haremote.k8s;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A real Prometheus (Debian package {@code prometheus}) on 127.0.0.1 and a port the OS chose,
 * scraping the given targets' {@code /q/metrics} every second, with a throw-away TSDB.
 */
final class PrometheusServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ChildProcess process;
  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private PrometheusServer(ChildProcess process, int port) {
    this.process = process;
    this.base = URI.create("http://127.0.0.1:" + port);
  }

  /**
   * @param jobs job name to target "host:port"
   * @param ruleFiles rule files to load (may be empty)
   */
  static PrometheusServer start(
      Path binary, Path workDir, Map<String, String> jobs, List<Path> ruleFiles)
      throws IOException {
    StringBuilder config = new StringBuilder();
    config.append(
        "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n");
    if (!ruleFiles.isEmpty()) {
      config.append("rule_files:\n");
      ruleFiles.forEach(f -> config.append("  - '").append(f.toAbsolutePath()).append("'\n"));
    }
    config.append("scrape_configs:\n");
    jobs.forEach(
        (job, target) ->
            config
                .append("  - job_name: '")
                .append(job)
                .append("'\n")
                .append("    metrics_path: /q/metrics\n")
                .append("    static_configs:\n")
                .append("      - targets: ['")
                .append(target)
                .append("']\n"));
    Path configFile = workDir.resolve("prometheus.yml");
    Files.writeString(configFile, config);
    int port = freePort();
    Path log = workDir.resolve("prometheus.log");
    ChildProcess process =
        ChildProcess.start(
            "prometheus",
            new ProcessBuilder(
                binary.toString(),
                "--config.file=" + configFile,
                "--storage.tsdb.path=" + Files.createDirectories(workDir.resolve("tsdb")),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn"),
            log);
    PrometheusServer server = new PrometheusServer(process, port);
    process.awaitHttpOk(server.base.resolve("/-/ready"), Duration.ofSeconds(60));
    return server;
  }

  /** A port the OS picked on 127.0.0.1 (released again for the child process to bind). */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** GET an API path; the parsed JSON answer (status must be success). */
  JsonNode api(String pathAndQuery) {
    try {
      var response =
          http.send(
              HttpRequest.newBuilder(base.resolve(pathAndQuery))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(response.body());
      if (!"success".equals(body.path("status").asText())) {
        fail(pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
      }
      return body.path("data");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The instant query's result array (vector) or a one-element array (scalar). */
  JsonNode query(String expr) {
    JsonNode data = api("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
    return data.path("result");
  }

  /** Polls the query until the predicate holds on its result. */
  JsonNode awaitQuery(String expr, Predicate<JsonNode> done, Duration timeout) {
    Instant end = Instant.now().plus(timeout);
    JsonNode last = null;
    while (Instant.now().isBefore(end)) {
      last = query(expr);
      if (done.test(last)) {
        return last;
      }
      ChildProcess.sleep(500);
    }
    fail("timed out waiting on " + expr + ", last result " + last + "\n" + process.tail());
    return last;
  }

  @Override
  public void close() {
    process.close();
  }
}
