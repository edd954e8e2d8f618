package dev.haremote.ddns.testing;

import dev.haremote.ddns.state.StateDirLock;
import java.nio.file.Path;

/** Another process holding a state dir's lock: prints {@code LOCKED}, then waits to be killed. */
public final class LockHolderMain {
  private LockHolderMain() {}

  public static void main(String[] args) throws InterruptedException {
    StateDirLock.Outcome lock = StateDirLock.acquire(Path.of(args[0]));
    System.out.println(lock.held() ? "LOCKED" : "REFUSED " + lock.refusal());
    System.out.flush();
    Thread.sleep(120_000);
  }
}
