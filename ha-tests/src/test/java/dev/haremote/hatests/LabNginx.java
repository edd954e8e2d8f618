package dev.haremote.hatests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * nginx as the reverse proxy in front of Home Assistant, the way users put it there: with or
 * without the WebSocket upgrade headers. Stands in until labkit's NginxProcess lands.
 */
final class LabNginx implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path prefix;

  private LabNginx(Process process, int port, Path prefix) {
    this.process = process;
    this.port = port;
    this.prefix = prefix;
  }

  static boolean available() {
    return Files.isExecutable(Path.of("/usr/sbin/nginx"));
  }

  /** Proxies 127.0.0.1:<free port> to the upstream, adding X-Forwarded-For. */
  static LabNginx proxyTo(int upstreamPort, boolean websocketHeaders, Path prefix) {
    int port = freePort();
    String websocket =
        websocketHeaders
            ? """
                  proxy_http_version 1.1;
                  proxy_set_header Upgrade $http_upgrade;
                  proxy_set_header Connection $connection_upgrade;
              """
            : "";
    String conf =
        """
        worker_processes 1;
        error_log %1$s/error.log info;
        pid %1$s/nginx.pid;
        events { worker_connections 64; }
        http {
          access_log off;
          client_body_temp_path %1$s/body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
          map $http_upgrade $connection_upgrade { default upgrade; '' close; }
          server {
            listen 127.0.0.1:%2$d;
            location / {
              proxy_pass http://127.0.0.1:%3$d;
              proxy_set_header Host $host;
              proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
              proxy_set_header X-Forwarded-Proto $scheme;
        %4$s
            }
          }
        }
        """
            .formatted(prefix, port, upstreamPort, websocket);
    try {
      Files.createDirectories(prefix);
      Path confFile = prefix.resolve("nginx.conf");
      Files.writeString(confFile, conf, StandardCharsets.UTF_8);
      Process process =
          new ProcessBuilder(
                  "/usr/sbin/nginx",
                  "-p",
                  prefix.toString(),
                  "-c",
                  confFile.toString(),
                  "-g",
                  "daemon off;")
              .redirectErrorStream(true)
              .redirectOutput(prefix.resolve("nginx.out").toFile())
              .start();
      LabNginx nginx = new LabNginx(process, port, prefix);
      nginx.awaitListening(Duration.ofSeconds(10));
      return nginx;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return port;
  }

  private void awaitListening(Duration timeout) throws IOException {
    Instant end = Instant.now().plus(timeout);
    while (Instant.now().isBefore(end) && process.isAlive()) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    close();
    throw new IllegalStateException(
        "nginx did not listen on " + port + ": " + Files.readString(prefix.resolve("nginx.out")));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
