package dev.haremote.common.suite.round;

import dev.haremote.common.suite.SuiteReadiness;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Makes each service's {@link ServiceRounds}, wired to the suite's readiness, the HTTP port and the
 * Quarkus scheduler. The schedule is a programmatic job (there is no {@code @Scheduled} method, so
 * each application sets {@code quarkus.scheduler.start-mode=forced}); with the scheduler disabled
 * ({@code quarkus.scheduler.enabled=false}) there is no periodic round, as before.
 */
@ApplicationScoped
public class RoundRunner {
  private static final Logger LOG = Logger.getLogger(RoundRunner.class);

  private final SuiteReadiness readiness;
  private final HttpListening listening;
  private final Scheduler scheduler;

  public RoundRunner(SuiteReadiness readiness, HttpListening listening, Scheduler scheduler) {
    this.readiness = readiness;
    this.listening = listening;
    this.scheduler = scheduler;
  }

  /**
   * @param service the service's name, as {@link SuiteReadiness} knows it
   * @param name the round's name: its thread and its scheduler job
   * @param interval the time between scheduled rounds (the service's {@code *.interval})
   * @param round one complete round, run on the round thread only
   */
  public <S> ServiceRounds<S> rounds(
      String service, String name, Duration interval, Supplier<S> round) {
    return new ServiceRounds<>(service, name, interval, round, readiness, listening, this::every);
  }

  private void every(String identity, Duration interval, Runnable tick) {
    if (!scheduler.isStarted()) {
      LOG.debugf("the scheduler is off: %s runs on request only", identity);
      return;
    }
    scheduler
        .newJob(identity)
        .setInterval(interval.toString())
        .setTask(execution -> tick.run())
        .schedule();
  }
}
