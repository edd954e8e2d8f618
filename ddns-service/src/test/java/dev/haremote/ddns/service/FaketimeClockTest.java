package dev.haremote.ddns.service;

import static dev.haremote.ddns.testing.EngineLab.NEW;
import static dev.haremote.ddns.testing.EngineLab.OLD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.ddns.testing.ChildEngineMain;
import dev.haremote.ddns.testing.EngineLab;
import java.io.BufferedReader;
import java.io.FileWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.xbill.DNS.Type;

/**
 * The whole engine in a child JVM under {@code faketime} (libfaketime, Debian package faketime):
 * every clock of the process is off, the engine's and the TSIG signer's alike, while BIND keeps the
 * real time. The update is refused as {@code clock_skew} with the skew measured, nothing stops; the
 * same state dir under the right clock (the child started again without faketime) repairs the
 * record within seconds, the state times written an hour or a day off notwithstanding. Each case
 * starts two JVMs with the test class path (~35 s on a busy 2-core machine): the default run has +1
 * h, {@code -Dddns.faketime.all=true} adds -1 d; {@link ClockSkewTest} covers +-1 h and +-1 d in
 * seconds with a shifted TSIG signer clock.
 */
class FaketimeClockTest {
  private static final Path FAKETIME = Paths.get("/usr/bin/faketime");
  private static final Pattern ROUND =
      Pattern.compile("ROUND (\\S+) result=(\\S+) skew=(\\S+) stopped=(\\S+)");
  private EngineLab lab;
  private Process child;

  @AfterEach
  void close() throws InterruptedException {
    if (child != null && child.isAlive()) {
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    if (lab != null) {
      lab.close();
    }
  }

  private static void requireFaketime() {
    if (!Files.isExecutable(FAKETIME)) {
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException("CI: /usr/bin/faketime (Debian faketime) is required");
      }
      Assumptions.abort("skipped: /usr/bin/faketime (Debian faketime) is not installed");
    }
  }

  private Process start(Path config, String offset) throws IOException {
    List<String> cmd = new ArrayList<>();
    if (offset != null) {
      cmd.addAll(List.of(FAKETIME.toString(), "-f", offset));
    }
    cmd.addAll(
        List.of(
            Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            ChildEngineMain.class.getName(),
            config.toString()));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  private static BlockingQueue<String> lines(Process p) {
    BlockingQueue<String> q = new LinkedBlockingQueue<>();
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                  q.add(l);
                }
              } catch (IOException e) {
                // child gone
              }
            });
    t.setDaemon(true);
    t.start();
    return q;
  }

  /** The first round line whose last update result is {@code result}. */
  private static Matcher awaitResult(BlockingQueue<String> q, String result)
      throws InterruptedException {
    StringBuilder seen = new StringBuilder();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      String l = q.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (l == null) {
        throw new AssertionError("child never reported " + result + "; output:\n" + seen);
      }
      seen.append(l).append('\n');
      Matcher m = ROUND.matcher(l);
      if (m.find() && m.group(2).equals(result)) {
        return m;
      }
    }
  }

  @Test
  void anHourAheadIsClockSkewAndTheRightClockRepairsIt() throws Exception {
    skewedThenRight("+1h", 3600);
  }

  /** A day behind: about 35 s more, so only with {@code -Dddns.faketime.all=true}. */
  @Test
  @EnabledIfSystemProperty(named = "ddns.faketime.all", matches = "true")
  void aDayBehindIsClockSkewAndTheRightClockRepairsIt() throws Exception {
    skewedThenRight("-1d", -86400);
  }

  private void skewedThenRight(String offset, long seconds) throws Exception {
    requireFaketime();
    lab = new EngineLab(2);
    Map<String, String> p = lab.rfc2136(false);
    p.put("ddns.interval", "1s");
    p.put("ddns.cooldown", "1s");
    p.put("ddns.backoff-initial", "1s");
    p.put("ddns.confirm-timeout", "2s");
    Path config = Files.createTempFile("ddns-faketime-", ".properties");
    Properties props = new Properties();
    props.putAll(p);
    try (Writer w = new FileWriter(config.toFile(), StandardCharsets.UTF_8)) {
      props.store(w, null);
    }

    child = start(config, offset);
    BlockingQueue<String> out = lines(child);
    Matcher refused = awaitResult(out, "clock_skew");
    assertThat(Long.parseLong(refused.group(3))).isBetween(seconds - 5, seconds + 5);
    assertThat(refused.group(4)).isEqualTo("false"); // never a stop
    Matcher again = awaitResult(out, "clock_skew"); // retried on the normal schedule
    assertThat(again.group(4)).isEqualTo("false");
    child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    assertThat(lab.published(Type.A)).containsExactly(OLD);

    long fixedAt = System.nanoTime();
    child = start(config, null); // the clock set right: same state dir, real time
    Matcher repaired = awaitResult(lines(child), "success");
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - fixedAt);

    assertThat(repaired.group(1)).isEqualTo("true");
    assertThat(repaired.group(3)).isEqualTo("null");
    assertThat(lab.published(Type.A)).containsExactly(NEW);
    assertThat(tookMillis)
        .as("repaired %d ms after the clock was right", tookMillis)
        .isLessThan(20_000);
  }
}
