package dev.haremote.ddns.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.suite.ConfigProblem;
import dev.haremote.common.suite.config.ConfigFiles;
import dev.haremote.common.suite.startup.ConfigProblemsException;
import dev.haremote.common.suite.startup.StartupFailureReport;
import dev.haremote.ddns.testing.LockHolderMain;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One process per state dir: a second one is refused with the dir and the holder's pid named (the
 * service turns that into one start-up line and exits before any round); the lock dies with its
 * holder, even on kill -9.
 */
class StateDirLockTest {
  private Process holder;

  @AfterEach
  void kill() throws InterruptedException {
    if (holder != null && holder.isAlive()) {
      holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private Process holdLockInAnotherProcess(Path dir) throws Exception {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                LockHolderMain.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith("LOCKED")) {
        return p;
      }
    }
    throw new AssertionError("the holder never took the lock");
  }

  @Test
  void aSecondProcessIsRefusedWithTheDirAndTheHoldersPid() throws Exception {
    Path dir = Files.createTempDirectory("ddns-lock-");
    holder = holdLockInAnotherProcess(dir);

    StateDirLock.Outcome second = StateDirLock.acquire(dir);

    assertThat(second.held()).isFalse();
    assertThat(second.refusal())
        .isEqualTo(
            dir
                + " is in use by another ddns-service (pid "
                + holder.pid()
                + ", lock file "
                + dir.resolve("ddns.lock")
                + "); stop that one, or give each instance its own state dir");
    List<String> startupLines =
        StartupFailureReport.lines(
            new ConfigProblemsException(
                List.of(new ConfigProblem("ddns.state-dir", second.refusal()))),
            ConfigFiles.of(Map.of(), Files.createTempDirectory("ddns-wd-"), null),
            Map.of());
    assertThat(startupLines)
        .containsExactly("ddns.state-dir: " + second.refusal()); // one line, no stack trace
  }

  @Test
  void theLockDiesWithItsHolderEvenOnKill9() throws Exception {
    Path dir = Files.createTempDirectory("ddns-lock-");
    holder = holdLockInAnotherProcess(dir);
    holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    assertThat(Files.readString(dir.resolve("ddns.lock")).strip())
        .isEqualTo(String.valueOf(holder.pid())); // the stale file stays, and does not matter

    try (StateDirLock lock = StateDirLock.acquire(dir).lock()) {
      assertThat(lock).isNotNull();
      assertThat(Files.readString(dir.resolve("ddns.lock")).strip())
          .isEqualTo(String.valueOf(ProcessHandle.current().pid()));
    }
  }
}
