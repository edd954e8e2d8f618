package dev.haremote.labkit.nginx;

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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs Debian's {@code /usr/sbin/nginx} in the foreground under a temporary prefix (own error log,
 * pid file and temp paths; nothing under /var), from the content of an {@code http { }} block.
 *
 * <p>Placeholders in the text: {@code {{port:NAME}}} becomes a free loopback port (found by binding
 * port 0, then released; nginx retries are handled by starting again on EADDRINUSE), {@code
 * {{prefix}}} the temp prefix. Start waits until every port accepts.
 */
public final class NginxProcess implements AutoCloseable {
  public static final Path BINARY = Path.of("/usr/sbin/nginx");
  private static final Pattern PORT = Pattern.compile("\\{\\{port:([A-Za-z0-9_-]+)}}");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

  private final Path prefix;
  private final Map<String, Integer> ports;
  private final Process process;
  private final String template;

  private NginxProcess(Path prefix, Map<String, Integer> ports, Process process, String template) {
    this.prefix = prefix;
    this.ports = ports;
    this.process = process;
    this.template = template;
  }

  /** Whether the binary is installed. */
  public static boolean available() {
    return Files.isExecutable(BINARY);
  }

  /** Starts nginx with {@code httpContext} as the content of its {@code http} block. */
  public static NginxProcess start(String httpContext) throws IOException {
    if (!available()) {
      throw new IllegalStateException(BINARY + " is not installed (Debian package nginx-light)");
    }
    IOException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      Path prefix = Files.createTempDirectory("labkit-nginx-");
      Map<String, Integer> ports = new LinkedHashMap<>();
      Matcher m = PORT.matcher(httpContext);
      while (m.find()) {
        ports.computeIfAbsent(m.group(1), k -> freePort());
      }
      String conf = render(httpContext, prefix, ports);
      for (String dir :
          new String[] {"logs", "tmp/body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi"}) {
        Files.createDirectories(prefix.resolve(dir));
      }
      Path confFile = prefix.resolve("nginx.conf");
      Files.writeString(confFile, conf, StandardCharsets.UTF_8);
      Process p =
          new ProcessBuilder(
                  BINARY.toString(),
                  "-p",
                  prefix.toString(),
                  "-c",
                  confFile.toString(),
                  "-e",
                  prefix.resolve("logs/error.log").toString(),
                  "-g",
                  "daemon off; pid " + prefix.resolve("nginx.pid") + ";")
              .redirectErrorStream(true)
              .redirectOutput(prefix.resolve("logs/stdout.log").toFile())
              .start();
      NginxProcess nginx = new NginxProcess(prefix, ports, p, httpContext);
      try {
        nginx.awaitAccepting();
        return nginx;
      } catch (IOException e) {
        last = e;
        String log = nginx.errorLog();
        nginx.close();
        if (!log.contains("Address already in use")) {
          throw new IOException(e.getMessage() + "\n" + log, e);
        }
      }
    }
    throw last;
  }

  private static String render(String httpContext, Path prefix, Map<String, Integer> ports) {
    String body = httpContext.replace("{{prefix}}", prefix.toString());
    Matcher m = PORT.matcher(body);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, String.valueOf(ports.get(m.group(1))));
    }
    m.appendTail(sb);
    String p = prefix.toString();
    // "user" only matters when running as root (CI); it keeps workers able to read the prefix.
    return "user root;\n"
        + "worker_processes 1;\n"
        + "error_log "
        + p
        + "/logs/error.log info;\n"
        + "events { worker_connections 256; }\n"
        + "http {\n"
        + "  access_log "
        + p
        + "/logs/access.log;\n"
        + "  client_body_temp_path "
        + p
        + "/tmp/body;\n"
        + "  proxy_temp_path "
        + p
        + "/tmp/proxy;\n"
        + "  fastcgi_temp_path "
        + p
        + "/tmp/fastcgi;\n"
        + "  uwsgi_temp_path "
        + p
        + "/tmp/uwsgi;\n"
        + "  scgi_temp_path "
        + p
        + "/tmp/scgi;\n"
        + sb
        + "\n}\n";
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitAccepting() throws IOException {
    long end = System.nanoTime() + START_TIMEOUT.toNanos();
    for (int port : ports.values()) {
      while (true) {
        if (!process.isAlive()) {
          throw new IOException("nginx exited with " + process.exitValue());
        }
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
          break;
        } catch (IOException e) {
          if (System.nanoTime() > end) {
            throw new IOException("nginx does not accept on port " + port);
          }
          sleep(20);
        }
      }
    }
  }

  /** The port chosen for {@code {{port:NAME}}}. */
  public int port(String name) {
    Integer p = ports.get(name);
    if (p == null) {
      throw new IllegalArgumentException("no port placeholder named " + name);
    }
    return p;
  }

  public Path prefix() {
    return prefix;
  }

  public long pid() {
    return process.pid();
  }

  /** Re-reads the configuration (SIGHUP) and waits until a new worker runs. */
  public void reload() throws IOException {
    reload(template);
  }

  /** Replaces the http block (same ports) and reloads. */
  public void reload(String httpContext) throws IOException {
    String conf = render(httpContext, prefix, ports);
    Files.writeString(prefix.resolve("nginx.conf"), conf, StandardCharsets.UTF_8);
    Set<Long> before = workers();
    try {
      Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start();
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IOException("kill -HUP failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    long end = System.nanoTime() + START_TIMEOUT.toNanos();
    while (workers().stream().allMatch(before::contains)) {
      if (System.nanoTime() > end) {
        throw new IOException("nginx did not start a new worker after reload:\n" + errorLog());
      }
      sleep(20);
    }
    // Old workers keep accepting until they notice the reload; wait (briefly) until they are gone
    // so the next request meets the new configuration. A worker held by a long-lived connection
    // (a WebSocket) may stay: give up waiting after a few seconds.
    long drained = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < drained
        && before.stream()
            .anyMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))) {
      sleep(20);
    }
  }

  private Set<Long> workers() {
    return process.children().map(ProcessHandle::pid).collect(Collectors.toSet());
  }

  /** The error log, for assertion messages. */
  public String errorLog() {
    try {
      Path log = prefix.resolve("logs/error.log");
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    // SIGTERM lets the master stop its workers without respawning any. Workers are collected
    // while the master lives (after its death they are no longer its descendants) and whatever is
    // left of them afterwards is killed by pid.
    Set<ProcessHandle> workers = new java.util.HashSet<>(process.descendants().toList());
    process.destroy();
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (process.isAlive() && System.nanoTime() < end) {
      process.descendants().forEach(workers::add);
      sleep(10);
    }
    if (process.isAlive()) {
      process.descendants().forEach(workers::add);
      process.destroyForcibly();
      try {
        process.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    workers.forEach(ProcessHandle::destroyForcibly);
    try (Stream<Path> files = Files.walk(prefix)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A leftover temp directory is harmless.
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
