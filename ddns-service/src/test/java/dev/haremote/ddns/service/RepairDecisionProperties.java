package dev.haremote.ddns.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.net.IpFamily;
import dev.haremote.ddns.discovery.AddressSource;
import dev.haremote.ddns.discovery.SourceReading;
import dev.haremote.ddns.metrics.DdnsMetrics;
import dev.haremote.ddns.published.PublishedLookup;
import dev.haremote.ddns.published.PublishedView;
import dev.haremote.ddns.published.ServerAnswer;
import dev.haremote.ddns.state.StateStore;
import dev.haremote.ddns.testing.MutableClock;
import dev.haremote.ddns.update.DdnsProvider;
import dev.haremote.ddns.update.ProviderKind;
import dev.haremote.ddns.update.UpdateOutcome;
import dev.haremote.ddns.update.UpdateRequest;
import dev.haremote.ddns.update.UpdateResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Property tests of the repair decision: the whole engine (drift tracking, {@link RepairPolicy},
 * state file, restart recovery) over generated situations, against a fake world where what the
 * sources say, what the provider answers, how the clock moves and when the process dies are chosen
 * by jqwik. A fake provider checks every write as it arrives:
 *
 * <ul>
 *   <li>a <b>wrong write</b> is one in a round where the sources did not agree (a dissenting
 *       source, fewer than the quorum of 2 answering) or of another address than the one agreed;
 *   <li>a <b>duplicate write</b> is one of the address the record already holds (written before,
 *       with no change in between).
 * </ul>
 *
 * Both must never happen. 1,000 situations of 3 to 20 steps each take about 40 s on a busy 2-core
 * machine (the state lives on tmpfs when there is one). The property can fail: with the trust check
 * in {@code DdnsEngine.maybeRepair} replaced by "some source answered", jqwik found wrong writes
 * within 10 s and shrank them to three rounds; with repairs allowed while in sync and without the
 * two-check rule, it found duplicate writes (shrunk to one round writing the address the record
 * holds).
 */
class RepairDecisionProperties {
  private static final String NAME = "home.example.test";
  private static final List<String> ADDRESSES =
      List.of("198.51.100.1", "198.51.100.7", "198.51.100.9");
  private static final Duration INTERVAL = Duration.ofSeconds(60);

  /**
   * The engine logs every update and every distrusted time: tens of thousands of lines here, which
   * took most of the run's time. Held in a field: a logger only referenced weakly forgets its
   * level.
   */
  private static final java.util.logging.Logger QUIET = quiet();

  private static java.util.logging.Logger quiet() {
    java.util.logging.Logger l = java.util.logging.Logger.getLogger("dev.haremote.ddns");
    l.setLevel(java.util.logging.Level.SEVERE);
    return l;
  }

  /** What the provider does with the next write. */
  enum Answer {
    SUCCESS,
    FAILED,
    FATAL,
    CLOCK_SKEW,
    /** The record changes, then the process dies before it records the answer (kill -9). */
    DIES_AFTER_APPLYING
  }

  /** One step of a situation: a round, a restart, or the clock stepped (NTP, a wrong RTC). */
  sealed interface Step permits Round, Restart, ClockStep {}

  /**
   * @param said what each of three sources says (null: the source failed)
   * @param after how long after the previous step the round runs
   */
  record Round(List<String> said, Duration after, Answer answer) implements Step {}

  record Restart() implements Step {}

  record ClockStep(Duration by) implements Step {}

  @Property(tries = 1000)
  void neverAWrongOrADuplicateWrite(@ForAll("situations") List<Step> situation) {
    World world = new World();
    try {
      world.play(situation);
    } finally {
      world.close();
    }
    Statistics.label("writes").collect(world.writes == 0 ? "none" : "some");
    Statistics.label("writes")
        .coverage(c -> c.check("some").percentage(p -> p > 20)); // not vacuously true
    assertThat(world.wrongWrites).as("wrong writes: %s", world.log).isEmpty();
    assertThat(world.duplicateWrites).as("duplicate writes: %s", world.log).isEmpty();
  }

  @Provide
  Arbitrary<List<Step>> situations() {
    Arbitrary<Step> step =
        Arbitraries.frequencyOf(
            Tuple.of(16, rounds()),
            Tuple.of(2, Arbitraries.just(new Restart())),
            Tuple.of(
                2,
                Arbitraries.of(
                        Duration.ofHours(1),
                        Duration.ofHours(-1),
                        Duration.ofDays(1),
                        Duration.ofDays(-1))
                    .map(ClockStep::new)));
    return step.list().ofMinSize(3).ofMaxSize(20);
  }

  private Arbitrary<Step> rounds() {
    Arbitrary<String> truth = Arbitraries.of(ADDRESSES);
    Arbitrary<List<String>> said =
        truth.flatMap(
            t ->
                Arbitraries.frequencyOf(
                        Tuple.of(75, Arbitraries.just(t)),
                        Tuple.of(15, Arbitraries.of(ADDRESSES)),
                        Tuple.of(10, Arbitraries.just((String) null)))
                    .list()
                    .ofSize(3));
    Arbitrary<Duration> after =
        Arbitraries.of(
            Duration.ofMillis(400), // the second start-up round, a POST /api/v1/check
            Duration.ofSeconds(30),
            Duration.ofSeconds(53), // just under interval - 10 %
            Duration.ofSeconds(54),
            INTERVAL,
            Duration.ofMinutes(6), // past the 5 min cooldown
            Duration.ofHours(1));
    Arbitrary<Answer> answer =
        Arbitraries.frequencyOf(
            Tuple.of(50, Arbitraries.just(Answer.SUCCESS)),
            Tuple.of(15, Arbitraries.just(Answer.FAILED)),
            Tuple.of(5, Arbitraries.just(Answer.FATAL)),
            Tuple.of(15, Arbitraries.just(Answer.CLOCK_SKEW)),
            Tuple.of(15, Arbitraries.just(Answer.DIES_AFTER_APPLYING)));
    return Combinators.combine(said, after, answer).as(Round::new);
  }

  /** The process died in the middle of an update: nothing after this line runs in it. */
  static final class ProcessDied extends Error {
    ProcessDied() {
      super("kill -9", null, false, false);
    }
  }

  /** One home: the record at the provider, the sources, the clock, the state dir. */
  static final class World {
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T07:00:00Z"));
    final Path stateDir;
    final List<String> log = new ArrayList<>();
    final List<String> wrongWrites = new ArrayList<>();
    final List<String> duplicateWrites = new ArrayList<>();
    String record = ADDRESSES.get(0);
    List<String> said = Arrays.asList(null, null, null);
    Answer answer = Answer.SUCCESS;
    int writes;
    DdnsEngine engine;

    World() {
      try {
        Path shm = Path.of("/dev/shm");
        stateDir =
            Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "ddns-prop-")
                : Files.createTempDirectory("ddns-prop-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void play(List<Step> steps) {
      for (Step step : steps) {
        if (step instanceof Restart) {
          log.add("restart");
          engine = null;
        } else if (step instanceof ClockStep c) {
          log.add("clock " + c.by());
          clock.advance(c.by());
        } else if (step instanceof Round r) {
          clock.advance(r.after());
          said = r.said();
          answer = r.answer();
          log.add("round +" + r.after() + " said " + said + " record " + record + " " + answer);
          if (engine == null) {
            engine = newEngine();
          }
          try {
            engine.runNow();
          } catch (ProcessDied died) {
            log.add("died");
            engine = null;
          }
        }
      }
    }

    /** What the sources agreed on this round, by the rule itself: 2 or more, none dissenting. */
    String agreed() {
      List<String> answered = said.stream().filter(Objects::nonNull).toList();
      boolean oneAddress = answered.stream().distinct().count() == 1;
      return oneAddress && answered.size() >= 2 ? answered.get(0) : null;
    }

    DdnsEngine newEngine() {
      DdnsProvider provider = new FakeProvider(this);
      WatchedRecord r =
          new WatchedRecord(
              NAME, List.of(IpFamily.IPV4), ProviderKind.RFC2136, true, provider, "config", null);
      List<AddressSource> sources = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        sources.add(new FakeSource(this, i));
      }
      return new DdnsEngine(
          List.of(r),
          sources,
          2,
          new FakeLookup(this),
          new StateStore(stateDir),
          new RepairPolicy(
              Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofHours(6), INTERVAL),
          new DdnsMetrics(new SimpleMeterRegistry(), List.of(r)),
          clock,
          Duration.ZERO);
    }

    void close() {
      try (Stream<Path> files = Files.walk(stateDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temp dir left behind
      }
    }
  }

  /** Records every write and judges it before applying it. */
  record FakeProvider(World world) implements DdnsProvider {

    @Override
    public UpdateOutcome update(UpdateRequest request) {
      World w = world;
      w.writes++;
      String address = request.address();
      String agreed = w.agreed();
      if (agreed == null || !agreed.equals(address)) {
        w.wrongWrites.add(address + " while the sources said " + w.said);
      }
      if (address.equals(w.record)) {
        w.duplicateWrites.add(address + " which the record already holds");
      }
      w.log.add("write " + address);
      return switch (w.answer) {
        case SUCCESS -> {
          w.record = address;
          yield UpdateOutcome.of(UpdateResult.SUCCESS, "fake: done");
        }
        case FAILED -> UpdateOutcome.of(UpdateResult.FAILED, "fake: try later");
        case FATAL -> UpdateOutcome.of(UpdateResult.FATAL, "fake: bad key");
        case CLOCK_SKEW ->
            new UpdateOutcome(UpdateResult.CLOCK_SKEW, "fake: BADTIME", null, Duration.ofHours(1));
        case DIES_AFTER_APPLYING -> {
          w.record = address;
          throw new ProcessDied();
        }
      };
    }
  }

  /** Says what the situation says this source says. */
  record FakeSource(World world, int index) implements AddressSource {
    @Override
    public String id() {
      return "echo-" + index;
    }

    @Override
    public String type() {
      return "http";
    }

    @Override
    public IpFamily family() {
      return IpFamily.IPV4;
    }

    @Override
    public SourceReading read() {
      String said = world.said.get(index);
      return said == null
          ? SourceReading.failed(this, "timeout")
          : new SourceReading(id(), type(), family(), said, said, null, false);
    }
  }

  /** The authoritative servers and resolvers: they publish what the provider holds, at once. */
  static final class FakeLookup extends PublishedLookup {
    private final World world;

    FakeLookup(World world) {
      super(null, null, List.of(), List.of(), Duration.ofSeconds(1), world.clock);
      this.world = world;
    }

    @Override
    public PublishedView look(String name, IpFamily family) {
      List<ServerAnswer> answers = authoritativeOnly(name, family);
      return new PublishedView(
          "example.test", List.of(world.record), true, 60L, true, null, answers, List.of(), null);
    }

    @Override
    public List<ServerAnswer> authoritativeOnly(String name, IpFamily family) {
      return List.of(new ServerAnswer("ns.fake:53", List.of(world.record), 60L, null));
    }
  }
}
