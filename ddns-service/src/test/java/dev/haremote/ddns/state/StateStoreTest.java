package dev.haremote.ddns.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
  @TempDir Path dir;

  @Test
  void whatIsSavedIsLoadedBack() {
    StateStore store = new StateStore(dir);
    DdnsState state = new DdnsState();
    RecordState r = state.record("Home.Example.test", "ipv4");
    r.lastAddress = "198.51.100.7";
    r.attempts = 3;
    r.successes = 2;
    r.driftSince = Instant.parse("2026-11-25T06:00:00Z");
    r.stoppedReason = "dyndns2 answered badauth";
    r.repeatedFailure = "duckdns answered KO";
    r.repeatedFailureInARow = 2;
    state.publicAddresses.put("ipv4", "198.51.100.7");

    assertThat(store.save(state)).isNull();
    DdnsState loaded = new StateStore(dir).load();

    RecordState back = loaded.records.get("home.example.test/ipv4");
    assertThat(back.lastAddress).isEqualTo("198.51.100.7");
    assertThat(back.attempts).isEqualTo(3);
    assertThat(back.successes).isEqualTo(2);
    assertThat(back.driftSince).isEqualTo(Instant.parse("2026-11-25T06:00:00Z"));
    assertThat(back.stoppedReason).isEqualTo("dyndns2 answered badauth");
    assertThat(back.repeatedFailure).isEqualTo("duckdns answered KO");
    assertThat(back.repeatedFailureInARow).isEqualTo(2);
    assertThat(loaded.publicAddresses).containsEntry("ipv4", "198.51.100.7");
    assertThat(Files.exists(dir.resolve(StateStore.FILE_NAME + ".tmp"))).isFalse();
  }

  @Test
  void aFileFromBeforeTheRepeatedFailureCountLoadsWithTheRunNotBegun() throws Exception {
    Files.writeString(
        dir.resolve(StateStore.FILE_NAME),
        """
        {"version": 1,
         "records": {"my-home.duckdns.org/ipv4": {"attempts": 4, "consecutiveFailures": 2,
           "notBefore": "2026-11-25T07:00:00Z", "stoppedReason": null}},
         "publicAddresses": {"ipv4": "198.51.100.7"}, "updates": []}
        """);

    RecordState back = new StateStore(dir).load().records.get("my-home.duckdns.org/ipv4");

    assertThat(back.attempts).isEqualTo(4);
    assertThat(back.consecutiveFailures).isEqualTo(2);
    assertThat(back.repeatedFailure).isNull();
    assertThat(back.repeatedFailureInARow).isZero();
    assertThat(Files.exists(dir.resolve(StateStore.FILE_NAME + ".unreadable"))).isFalse();
  }

  @Test
  void onlyTheLastFiftyUpdatesAreKept() {
    DdnsState state = new DdnsState();
    for (int i = 0; i < 60; i++) {
      state.addUpdate(
          new UpdateEntry(
              Instant.EPOCH.plusSeconds(i), "n", "ipv4", "duckdns", "a", "success", "" + i));
    }
    assertThat(state.updates).hasSize(50);
    assertThat(state.updates.get(0).detail()).isEqualTo("10");
  }

  @Test
  void anUnreadableFileIsSetAsideAndAFreshStateUsed() throws Exception {
    Files.writeString(dir.resolve(StateStore.FILE_NAME), "{\"records\": {\"x\": ");

    DdnsState loaded = new StateStore(dir).load();

    assertThat(loaded.records).isEmpty();
    assertThat(Files.exists(dir.resolve(StateStore.FILE_NAME + ".unreadable"))).isTrue();
  }

  @Test
  void aLeftoverTempFileFromACrashDoesNotMatter() throws Exception {
    StateStore store = new StateStore(dir);
    DdnsState state = new DdnsState();
    state.record("a.example.test", "ipv4").attempts = 1;
    store.save(state);
    Files.writeString(dir.resolve(StateStore.FILE_NAME + ".tmp"), "{\"torn");

    assertThat(store.load().records.get("a.example.test/ipv4").attempts).isEqualTo(1);
    assertThat(dir.resolve(StateStore.FILE_NAME + ".tmp")).doesNotExist();
    state.record("a.example.test", "ipv4").attempts = 2;
    assertThat(store.save(state)).isNull();
    assertThat(store.load().records.get("a.example.test/ipv4").attempts).isEqualTo(2);
  }

  /**
   * Ctrl-C while a round runs interrupts the thread that saves: the save still completes (it used
   * to fail with ClosedByInterruptException and leave an empty .tmp file).
   */
  @Test
  void aSaveOnAnInterruptedThreadCompletesAndLeavesNoTempFile() throws Exception {
    StateStore store = new StateStore(dir);
    DdnsState state = new DdnsState();
    state.record("a.example.test", "ipv4").attempts = 7;
    String[] result = {"not run"};
    Thread saver =
        new Thread(
            () -> {
              Thread.currentThread().interrupt();
              result[0] = store.save(state);
            });
    saver.start();
    saver.join();

    assertThat(result[0]).isNull();
    assertThat(store.load().records.get("a.example.test/ipv4").attempts).isEqualTo(7);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(StateStore.FILE_NAME);
    }
  }
}
