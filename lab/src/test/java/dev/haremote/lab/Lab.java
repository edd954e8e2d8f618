package dev.haremote.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.labkit.homeassistant.HomeAssistantInstall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/**
 * One running lab: drives {@code lab/scripts/lab.sh} (the same script a person uses by hand) and
 * talks to the services inside the namespaces with {@code ip netns exec ... curl}. One lab per JVM,
 * torn down at the end of the test run and, failing that, by a shutdown hook.
 */
final class Lab implements AutoCloseable {

  static final String NAME = "my-home.dyn.example.net";
  static final String WAN_V4 = "203.0.113.10";
  static final String HOME_V4 = "192.0.2.10";
  static final String HOME_V6 = "2001:db8:2::10";
  static final String AUTH_V4 = "198.51.100.53";
  static final Map<String, Integer> SERVICE_PORTS =
      Map.of("reach", 9081, "certwatch", 9082, "ddns", 9083);

  /** The modules of the lab's names for the services, for their mounts in the one process. */
  static final Map<String, String> SERVICE_MODULES =
      Map.of(
          "reach",
          "reachability-service",
          "certwatch",
          "cert-watch-service",
          "ddns",
          "ddns-service");

  /** The one-process assembly's port in {@code home} (lab.sh ONE_PORT). */
  static final int ONE_PROCESS_PORT = 9080;

  static final String THREE_PROCESSES = "three-processes";
  static final String ONE_PROCESS = "one-process";

  /**
   * How the whole lab runs the suite unless a test switches ({@link #useAssembly}): {@code
   * -Dlab.assembly=one-process} runs every scenario against the one-process assembly.
   */
  static final String DEFAULT_ASSEMBLY = System.getProperty("lab.assembly", THREE_PROCESSES);

  private static final ObjectMapper JSON = new ObjectMapper();

  final Path repo;
  final Path script;
  final String id;
  final Path run;
  private final Thread shutdownHook;
  private boolean servicesUp;
  private String assembly = DEFAULT_ASSEMBLY;
  private volatile boolean closed;

  private Lab(Path repo, String id) {
    this.repo = repo;
    this.script = repo.resolve("lab/scripts/lab.sh");
    this.id = id;
    this.run = Path.of("/tmp/halab-" + id);
    this.shutdownHook = new Thread(this::down, "lab-teardown");
  }

  /** Builds the lab (after clearing stale labs of earlier, killed runs). */
  static Lab up() {
    if (!List.of(THREE_PROCESSES, ONE_PROCESS).contains(DEFAULT_ASSEMBLY)) {
      throw new IllegalArgumentException(
          "-Dlab.assembly=" + DEFAULT_ASSEMBLY + ": three-processes or one-process");
    }
    Lab lab = new Lab(repoRoot(), "t" + ProcessHandle.current().pid());
    Runtime.getRuntime().addShutdownHook(lab.shutdownHook);
    try {
      lab.sh(Duration.ofMinutes(2), "clean-stale");
      lab.sh(Duration.ofMinutes(5), "up");
    } catch (RuntimeException | AssertionError e) {
      lab.close();
      throw e;
    }
    return lab;
  }

  static Path repoRoot() {
    String fromEnv = System.getenv("LAB_REPO");
    Path start = Path.of(fromEnv != null ? fromEnv : "").toAbsolutePath();
    for (Path p = start; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("lab/scripts/lab.sh"))) {
        return p;
      }
    }
    throw new IllegalStateException("lab/scripts/lab.sh not found above " + start);
  }

  /**
   * Whether the three services (and the one-process assembly) are packaged (in LAB_SERVICES_DIR
   * when set, as lab.sh does).
   */
  static boolean servicesBuilt(Path repo) {
    String other = System.getenv("LAB_SERVICES_DIR");
    Path root = other == null || other.isBlank() ? repo : Path.of(other);
    return List.of("reachability-service", "cert-watch-service", "ddns-service", "one-process")
        .stream()
        .allMatch(
            m -> Files.isRegularFile(root.resolve(m + "/target/quarkus-app/quarkus-run.jar")));
  }

  /**
   * Starts the services as {@link #startServices()}; without their packaged apps the test is
   * skipped, or fails in CI (where they must have been built).
   */
  void startServicesOrSkip() {
    if (!servicesBuilt(repo)) {
      String reason =
          "the services are not packaged (no */target/quarkus-app/quarkus-run.jar): run ./mvnw verify";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError(reason);
      }
      org.junit.jupiter.api.Assumptions.abort(reason);
    }
    startServices();
  }

  /** Starts the three services in {@code home} and the outside peer in {@code internet}. */
  void startServices() {
    if (!servicesUp) {
      sh(Duration.ofMinutes(5), "services");
      servicesUp = true;
    }
  }

  /** How the suite runs in {@code home} now: {@link #THREE_PROCESSES} or {@link #ONE_PROCESS}. */
  String assembly() {
    return assembly;
  }

  /**
   * Runs the suite in {@code home} as {@code assembly} from now on ({@code lab.sh assembly}: the
   * services restarted). The outside peer stays its own process.
   */
  void useAssembly(String wanted) {
    startServices();
    if (!wanted.equals(assembly)) {
      sh(Duration.ofMinutes(5), "assembly", wanted);
      assembly = wanted;
    }
  }

  /** Runs {@code lab.sh ARGS...}; a non-zero exit fails the test with the script's output. */
  String sh(String... args) {
    // Long enough for a Home Assistant restart (lab.sh waits up to 240 s for it).
    return sh(Duration.ofMinutes(5), args);
  }

  String sh(Duration timeout, String... args) {
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(Arrays.asList(args));
    Result result = exec(command, timeout);
    if (result.exit() != 0) {
      throw new AssertionError(
          "lab.sh "
              + String.join(" ", args)
              + " exited "
              + result.exit()
              + ":\n"
              + result.output());
    }
    return result.output();
  }

  /** Runs a command inside namespace {@code ns} (internet, isp, router, home). */
  Result in(String ns, String... command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", "halab-" + id + "-" + ns));
    full.addAll(Arrays.asList(command));
    return exec(full, Duration.ofSeconds(60));
  }

  /** {@code dig +short} inside a namespace. */
  String dig(String ns, String... args) {
    List<String> command = new ArrayList<>(List.of("dig", "+short", "+time=2", "+tries=1"));
    command.addAll(Arrays.asList(args));
    return in(ns, command.toArray(String[]::new)).output().trim();
  }

  /** HTTP status of an HTTPS request from a namespace over one IP family (0: no answer). */
  int httpsStatus(String ns, String family, String url) {
    Result r =
        in(
            ns,
            "curl",
            family,
            "-s",
            "-m",
            "5",
            "-o",
            "/dev/null",
            "-w",
            "%{http_code}",
            "--cacert",
            run.resolve("pki/ca.pem").toString(),
            url);
    return Integer.parseInt(r.output().trim().isEmpty() ? "0" : r.output().trim());
  }

  /** {@code POST /api/v1/check} on a service in {@code home}: its new status. */
  JsonNode check(String service) {
    return serviceJson(service, "POST", "/api/v1/check");
  }

  /** {@code GET /api/v1/status} on a service in {@code home}. */
  JsonNode status(String service) {
    return serviceJson(service, "GET", "/api/v1/status");
  }

  /** Where a service in {@code home} answers: its own port, or its mount in the one process. */
  String serviceBase(String service) {
    return assembly.equals(ONE_PROCESS)
        ? "http://127.0.0.1:" + ONE_PROCESS_PORT + "/" + SERVICE_MODULES.get(service)
        : "http://127.0.0.1:" + SERVICE_PORTS.get(service);
  }

  private JsonNode serviceJson(String service, String method, String path) {
    Result r =
        in(
            "home",
            "curl",
            "-s",
            "-m",
            "50",
            "-X",
            method,
            "-H",
            "@" + run.resolve("services/auth-header"),
            "-w",
            "\n%{http_code}",
            serviceBase(service) + path);
    String out = r.output();
    int lastNewline = out.lastIndexOf('\n');
    String code = out.substring(lastNewline + 1).trim();
    String body = lastNewline < 0 ? "" : out.substring(0, lastNewline);
    if (code.equals("404")) {
      // A service module that is still a skeleton (its checks land later): nothing to assert yet.
      Assumptions.abort(service + " does not serve " + method + " " + path + " yet (404)");
    }
    if (!code.equals("200")) {
      throw new AssertionError(
          service
              + " "
              + method
              + " "
              + path
              + " answered "
              + code
              + ": "
              + body
              + "\n"
              + logTail(service));
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError(service + " " + path + " answered no JSON: " + body, e);
    }
  }

  /** Checks again until {@code condition} holds or {@code timeout} passes; the last status. */
  JsonNode checkUntil(String service, Duration timeout, Predicate<JsonNode> condition) {
    long end = System.nanoTime() + timeout.toNanos();
    JsonNode last = check(service);
    while (!condition.test(last) && System.nanoTime() < end) {
      sleep(Duration.ofMillis(500));
      last = check(service);
    }
    return last;
  }

  String logTail(String name) {
    // One process: the three services log into lab.sh's "one".
    String process =
        assembly.equals(ONE_PROCESS) && SERVICE_MODULES.containsKey(name) ? "one" : name;
    Path log = run.resolve("logs/" + process + ".log");
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "--- last lines of "
          + log
          + ":\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log " + log + ")";
    }
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private Result exec(List<String> command, Duration timeout) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("LAB_ID", id);
    builder.environment().put("LAB_REPO", repo.toString());
    builder.environment().put("LAB_OWNER_PID", Long.toString(ProcessHandle.current().pid()));
    builder.environment().put("LAB_ASSEMBLY", DEFAULT_ASSEMBLY);
    // The same Home Assistant the preconditions found (-Dha.venv, HA_VENV or the install cache).
    HomeAssistantInstall.find()
        .ifPresent(install -> builder.environment().put("HA_VENV", install.venv().toString()));
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("timed out after " + timeout + ": " + command);
      }
      return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private synchronized void down() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      exec(List.of("bash", script.toString(), "down"), Duration.ofMinutes(1));
    } catch (RuntimeException | AssertionError e) {
      System.err.println("lab teardown: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    down();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook runs (or ran) down() itself.
    }
  }

  record Result(int exit, String output) {}
}
