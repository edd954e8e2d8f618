package dev.haremote.ddns.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each configuration source of docs/configuration.md, read by the packaged service as a user starts
 * it, and the order among them: environment variables, the file named by QUARKUS_CONFIG_LOCATIONS,
 * config/application.yaml and application.yaml in the working directory, application.yaml beside
 * the jar. Every step adds the next stronger source and checks that its value wins.
 *
 * <p>What a value is read back from: the Home Assistant package, whose {@code resource:} is built
 * from {@code suite.public-url} and whose {@code scan_interval} follows {@code ddns.interval}.
 */
class ConfigSourcesIT {
  @TempDir Path tmp;
  Path jar;
  Path workDir;

  @BeforeEach
  void copyTheBuild() throws Exception {
    jar = ServiceJar.copyOfTheBuild(tmp.resolve("deployments"));
    workDir = Files.createDirectories(tmp.resolve("work"));
  }

  @AfterEach
  void removeTheCopy() throws Exception {
    ServiceJar.removeCopy(jar.getParent());
  }

  /** A configuration naming public-url and interval, nothing reached over the internet. */
  private String yaml(String publicUrl, String interval) {
    return """
        suite:
          public-url: %s
        ddns:
          interval: %s
          state-dir: %s
          discovery:
            quorum: 1
            sources:
              - { type: http, url: "http://127.0.0.1:9/", family: ipv4 }
          resolvers:
            public: ["127.0.0.1:9"]
        """
        .formatted(publicUrl, interval, tmp.resolve("state"));
  }

  private String packageWith(Map<String, String> env) throws Exception {
    Map<String, String> withPort = new HashMap<>(Map.of("QUARKUS_HTTP_PORT", "0"));
    withPort.putAll(env);
    try (ServiceJar service = ServiceJar.start(jar, workDir, withPort)) {
      return ServiceJar.get(service.awaitListening(), "/api/v1/ha/package");
    }
  }

  @Test
  void eachSourceIsReadAndTheStrongerOneWins() throws Exception {
    Files.writeString(
        jar.resolveSibling("application.yaml"), yaml("http://beside-the-jar:1", "2m"));
    assertThat(packageWith(Map.of()))
        .contains("resource: http://beside-the-jar:1/api/v1/status")
        .contains("scan_interval: 120");

    Files.writeString(workDir.resolve("application.yaml"), yaml("http://working-dir:2", "3m"));
    assertThat(packageWith(Map.of()))
        .contains("resource: http://working-dir:2/api/v1/status")
        .contains("scan_interval: 180");

    Files.createDirectories(workDir.resolve("config"));
    Files.writeString(
        workDir.resolve("config/application.yaml"), yaml("http://working-dir-config:3", "4m"));
    assertThat(packageWith(Map.of()))
        .contains("resource: http://working-dir-config:3/api/v1/status")
        .contains("scan_interval: 240");

    Path named = Files.writeString(tmp.resolve("ddns.yaml"), yaml("http://named-file:4", "5m"));
    assertThat(packageWith(Map.of("QUARKUS_CONFIG_LOCATIONS", named.toString())))
        .contains("resource: http://named-file:4/api/v1/status")
        .contains("scan_interval: 300");

    assertThat(
            packageWith(
                Map.of(
                    "QUARKUS_CONFIG_LOCATIONS", named.toString(),
                    "SUITE_PUBLIC_URL", "http://from-env:5",
                    "DDNS_INTERVAL", "7m")))
        .contains("resource: http://from-env:5/api/v1/status")
        .contains("scan_interval: 420");
  }

  /**
   * The chart's case: the ConfigMap (named by QUARKUS_CONFIG_LOCATIONS) sets the port, extraEnv
   * overrides it. The file's port is held by this test, so a service that read it would not start.
   */
  @Test
  void quarkusHttpPortFromTheEnvironmentBeatsTheNamedFile() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Path named =
          Files.writeString(
              tmp.resolve("ddns.yaml"),
              "quarkus:\n  http:\n    port: "
                  + taken.getLocalPort()
                  + "\n"
                  + yaml("http://named-file:4", "5m"));
      try (ServiceJar service =
          ServiceJar.start(
              jar,
              workDir,
              Map.of("QUARKUS_CONFIG_LOCATIONS", named.toString(), "QUARKUS_HTTP_PORT", "0"))) {
        int port = service.awaitListening();
        assertThat(port).isNotEqualTo(taken.getLocalPort());
        assertThat(ServiceJar.get(port, "/q/health/live")).contains("UP");
      }
    }
  }
}
