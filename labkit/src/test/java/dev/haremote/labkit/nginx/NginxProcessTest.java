package dev.haremote.labkit.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NginxProcessTest {
  private final HttpClient client = HttpClient.newHttpClient();

  private HttpResponse<String> get(int port) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void startsReloadsAndStopsWithoutLeftovers() throws Exception {
    RequireBinary.assumeNginx();
    Path prefix;
    long pid;
    try (NginxProcess nginx =
        NginxProcess.start(
            "server { listen 127.0.0.1:{{port:web}}; location / { return 200 'first'; } }")) {
      prefix = nginx.prefix();
      pid = nginx.pid();
      int port = nginx.port("web");
      assertThat(get(port).body()).isEqualTo("first");

      nginx.reload("server { listen 127.0.0.1:{{port:web}}; location / { return 200 'second'; } }");
      assertThat(get(port).body()).isEqualTo("second");
      assertThat(Files.readString(prefix.resolve("nginx.conf"))).contains(prefix + "/tmp/proxy");
    }
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(prefix).doesNotExist();
  }
}
