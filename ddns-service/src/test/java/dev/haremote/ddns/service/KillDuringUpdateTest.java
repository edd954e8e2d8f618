package dev.haremote.ddns.service;

import static dev.haremote.ddns.testing.EngineLab.NEW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.ddns.state.DdnsState;
import dev.haremote.ddns.state.RecordState;
import dev.haremote.ddns.state.StateStore;
import dev.haremote.ddns.testing.ChildEngineMain;
import dev.haremote.ddns.testing.EngineLab;
import dev.haremote.ddns.testing.StateWriterMain;
import dev.haremote.labkit.ddns.DuckDnsStandIn;
import java.io.BufferedReader;
import java.io.FileWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** kill -9 of a real child JVM: the state file stays readable and nothing is sent twice. */
class KillDuringUpdateTest {
  private static final String TOKEN = "kill-test-token-5a7c";
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

  private static Process startJvm(Class<?> main, String arg) throws IOException {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java, "-cp", System.getProperty("java.class.path"), main.getName(), arg)
        .redirectErrorStream(true)
        .start();
  }

  /** Lines the child prints, read on a thread of their own so a silent child cannot block us. */
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

  private static void awaitLine(BlockingQueue<String> q, String prefix, int times)
      throws InterruptedException {
    StringBuilder seen = new StringBuilder();
    int count = 0;
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (count < times) {
      String l = q.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (l == null) {
        throw new AssertionError(
            "child never printed " + prefix + " x" + times + "; output:\n" + seen);
      }
      seen.append(l).append('\n');
      if (l.startsWith(prefix)) {
        count++;
      }
    }
  }

  private static void kill9(Process p) throws InterruptedException {
    p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(137);
  }

  @Test
  void killedWhileTheProviderHoldsTheAnswerThenRestartedSendsNothingTwice() throws Exception {
    lab = new EngineLab(2);
    DuckDnsStandIn duck = lab.provider(new DuckDnsStandIn(TOKEN, "my-home"));
    duck.applyThenHang(); // the change lands, the answer never comes: the worst moment to die
    Map<String, String> p = lab.properties(false);
    p.put("ddns.cooldown", "0s"); // only the state, not a cooldown, may prevent the duplicate
    p.put("ddns.interval", "1s"); // drift counts twice only checks an interval apart
    p.put("ddns.timeout", "30s");
    p.put("ddns.records[0].provider", "duckdns");
    p.put("ddns.records[0].update", "true");
    p.put("ddns.records[0].duckdns.url", duck.updateUrl());
    p.put("ddns.records[0].duckdns.token-file", lab.secretFile(TOKEN).toString());
    Path config = Files.createTempFile("ddns-child-", ".properties");
    Properties props = new Properties();
    props.putAll(p);
    try (Writer w = new FileWriter(config.toFile(), StandardCharsets.UTF_8)) {
      props.store(w, null);
    }

    child = startJvm(ChildEngineMain.class, config.toString());
    BlockingQueue<String> out = lines(child);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (duck.received().isEmpty() && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    assertThat(duck.received()).as("the child sent the update; output: %s", out).hasSize(1);
    kill9(child);

    StateStore store = new StateStore(lab.stateDir);
    DdnsState crashed = store.load();
    assertThat(Files.exists(lab.stateDir.resolve(StateStore.FILE_NAME + ".unreadable"))).isFalse();
    RecordState r = crashed.records.get("my-home.duckdns.org/ipv4");
    assertThat(r.attempts).isEqualTo(1);
    assertThat(r.inFlightAddress).isEqualTo(NEW);
    assertThat(lab.published(Type.A)).containsExactly(NEW);

    duck.normal();
    child = startJvm(ChildEngineMain.class, config.toString());
    out = lines(child);
    awaitLine(out, "ROUND true", 3);
    kill9(child);

    assertThat(duck.received()).as("no duplicate update").hasSize(1);
    DdnsState after = store.load();
    RecordState s = after.records.get("my-home.duckdns.org/ipv4");
    assertThat(s.inFlightAddress).isNull();
    assertThat(s.attempts).isEqualTo(1);
    assertThat(s.driftSince).isNull();
    assertThat(after.updates).extracting(u -> u.result()).containsExactly("interrupted");
    assertThat(after.updates.get(0).address()).isEqualTo(NEW);
  }

  @Test
  void aKillAtAnyMomentLeavesAReadableStateFile() throws Exception {
    Path dir = Files.createTempDirectory("ddns-kill-");
    for (int i = 0; i < 5; i++) {
      child = startJvm(StateWriterMain.class, dir.toString());
      awaitLine(lines(child), "STARTED", 1);
      Thread.sleep(ThreadLocalRandom.current().nextInt(50, 400));
      kill9(child);

      DdnsState loaded = new StateStore(dir).load();
      assertThat(Files.exists(dir.resolve(StateStore.FILE_NAME + ".unreadable")))
          .as("state file torn after kill %d", i)
          .isFalse();
      assertThat(loaded.records).containsKey("my-home.duckdns.org/ipv4");
      assertThat(loaded.updates).isNotEmpty().hasSizeLessThanOrEqualTo(50);
    }
  }
}
