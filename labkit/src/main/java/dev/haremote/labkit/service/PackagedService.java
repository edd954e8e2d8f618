package dev.haremote.labkit.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service as a user runs it: {@code java -jar target/quarkus-app/quarkus-run.jar} in a working
 * directory of the test's choice, with an environment of the test's choice (nothing inherited that
 * names configuration), on loopback, optionally under {@code faketime} (a shifted clock).
 */
public final class PackagedService implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+)");

  private final Process process;
  private final Path log;

  private PackagedService(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** The build of the module the test runs in, or the one {@code -D<property>} names. */
  public static Path quarkusApp(String property) {
    return Path.of(System.getProperty(property, "target/quarkus-app")).toAbsolutePath();
  }

  /**
   * Starts {@code quarkusApp/quarkus-run.jar}; {@code prefix} goes before the java command (e.g.
   * {@code faketime -f +1d}), {@code jvmArgs} before {@code -jar}.
   */
  public static PackagedService start(
      Path quarkusApp,
      Path workingDir,
      Map<String, String> env,
      List<String> prefix,
      List<String> jvmArgs)
      throws IOException {
    Files.createDirectories(workingDir);
    Path log = Files.createTempFile(workingDir, "service", ".log");
    List<String> command = new ArrayList<>(prefix);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Xshare:auto");
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(quarkusApp.resolve("quarkus-run.jar").toString());
    ProcessBuilder builder =
        new ProcessBuilder(command)
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
                    || k.startsWith("CERTWATCH_")
                    || k.startsWith("REACHABILITY_")
                    || k.startsWith("SMALLRYE_")
                    || k.startsWith("FAKETIME"));
    environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");
    environment.put("QUARKUS_HTTP_PORT", "0");
    environment.putAll(env);
    return new PackagedService(builder.start(), log);
  }

  /**
   * Waits until the service listens (its port) or stops on its own (then -1 - exit code, so a
   * refused configuration is a negative number).
   */
  public int awaitListeningOrExit(long seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      Matcher m = LISTENING.matcher(output());
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      if (process.waitFor(50, TimeUnit.MILLISECONDS)) {
        m = LISTENING.matcher(output());
        return m.find() ? Integer.parseInt(m.group(1)) : -1 - process.exitValue();
      }
    }
    throw new AssertionError(
        "the service neither listened nor stopped in " + seconds + " s:\n" + output());
  }

  /** Everything the process printed so far. */
  public String output() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
