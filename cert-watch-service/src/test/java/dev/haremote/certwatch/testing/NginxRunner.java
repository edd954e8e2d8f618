package dev.haremote.certwatch.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx as the TLS-terminating proxy, in its own prefix directory, serving a certificate
 * file and key on a loopback port. {@link #reload()} is what users forget after a renewal. A small
 * stand-in until labkit's NginxProcess is in this branch.
 */
public final class NginxRunner implements AutoCloseable {
  public static final Path BINARY = Path.of("/usr/sbin/nginx");

  private final Path prefix;
  private final Process process;
  private final int port;

  private NginxRunner(Path prefix, Process process, int port) {
    this.prefix = prefix;
    this.process = process;
    this.port = port;
  }

  public static boolean available() {
    return Files.isExecutable(BINARY);
  }

  public static NginxRunner start(Path prefix, Path certificate, Path key) throws Exception {
    Files.createDirectories(prefix.resolve("logs"));
    int port = freePort();
    String conf =
        String.join(
            "\n",
            "worker_processes 1;",
            "pid " + prefix.resolve("nginx.pid") + ";",
            "error_log " + prefix.resolve("logs/error.log") + " info;",
            "events { worker_connections 64; }",
            "http {",
            "  access_log off;",
            "  client_body_temp_path " + prefix.resolve("tmp") + ";",
            "  server {",
            "    listen 127.0.0.1:" + port + " ssl;",
            "    server_name home.test;",
            "    ssl_certificate " + certificate + ";",
            "    ssl_certificate_key " + key + ";",
            "    location / { return 200 'ok'; }",
            "  }",
            "}",
            "");
    Files.writeString(prefix.resolve("nginx.conf"), conf);
    Process process =
        new ProcessBuilder(
                List.of(
                    BINARY.toString(),
                    "-p",
                    prefix.toString(),
                    "-c",
                    prefix.resolve("nginx.conf").toString(),
                    "-g",
                    "daemon off; master_process on;"))
            .redirectErrorStream(true)
            .redirectOutput(prefix.resolve("logs/stdout.log").toFile())
            .start();
    NginxRunner runner = new NginxRunner(prefix, process, port);
    runner.awaitListening();
    return runner;
  }

  public int port() {
    return port;
  }

  /** Sends SIGHUP through nginx -s reload: new workers load the certificate from disk. */
  public void reload() throws Exception {
    Process signal =
        new ProcessBuilder(
                BINARY.toString(),
                "-p",
                prefix.toString(),
                "-c",
                prefix.resolve("nginx.conf").toString(),
                "-s",
                "reload")
            .redirectErrorStream(true)
            .start();
    if (!signal.waitFor(10, TimeUnit.SECONDS) || signal.exitValue() != 0) {
      throw new IllegalStateException("nginx -s reload failed: " + log());
    }
  }

  public String log() throws IOException {
    Path error = prefix.resolve("logs/error.log");
    return Files.exists(error) ? Files.readString(error) : "";
  }

  private void awaitListening() throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "nginx exited: " + Files.readString(prefix.resolve("logs/stdout.log")) + log());
      }
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("nginx did not listen on " + port + ": " + log());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
