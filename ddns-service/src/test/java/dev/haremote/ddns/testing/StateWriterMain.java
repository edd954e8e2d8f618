package dev.haremote.ddns.testing;

import dev.haremote.ddns.state.DdnsState;
import dev.haremote.ddns.state.RecordState;
import dev.haremote.ddns.state.StateStore;
import dev.haremote.ddns.state.UpdateEntry;
import java.nio.file.Paths;
import java.time.Instant;

/** Saves a growing state as fast as it can, until killed: a torn write would show on load. */
public final class StateWriterMain {
  private StateWriterMain() {}

  public static void main(String[] args) {
    StateStore store = new StateStore(Paths.get(args[0]));
    DdnsState state = store.load();
    for (long i = 0; ; i++) {
      RecordState r = state.record("my-home.duckdns.org", "ipv4");
      r.attempts++;
      r.lastAttemptAt = Instant.now();
      state.addUpdate(
          new UpdateEntry(
              Instant.now(),
              "my-home.duckdns.org",
              "ipv4",
              "duckdns",
              "198.51.100." + (i % 250),
              "success",
              "x".repeat((int) (i % 500))));
      store.save(state);
      if (i == 0) {
        System.out.println("STARTED"); // from here on a state file exists
        System.out.flush();
      }
    }
  }
}
