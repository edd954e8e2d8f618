package dev.haremote.common.suite.startup;

import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.function.BiConsumer;

/**
 * The entry point of every service (it lives in common, so a service declares no main of its own).
 * It exists for one reason: with an exit handler of our own, Quarkus does not log a start-up
 * failure itself, so an invalid configuration prints as one line per problem ({@code KEY: what is
 * wrong}) and no stack trace, then the process exits non-zero.
 */
@QuarkusMain
public final class SuiteMain {

  public static void main(String... args) {
    NameCachePolicy.apply();
    Quarkus.run(Service.class, exitHandler(), args);
  }

  static BiConsumer<Integer, Throwable> exitHandler() {
    return (code, failure) -> {
      if (failure != null) {
        StartupFailureReport.lines(failure).forEach(System.err::println);
        if (!StartupFailureReport.isConfigurationFailure(failure)) {
          // A bug, not a user's mistake: the trace helps, redacted like every other log output.
          org.jboss.logging.Logger.getLogger(SuiteMain.class).debug("start-up failure", failure);
        }
        System.err.flush();
      }
      ApplicationLifecycleManager.getDefaultExitCodeHandler().accept(code, failure);
    };
  }

  /**
   * With this system property set to {@code true} the service starts and then stops at once. The
   * images' build runs it so: the JVM records the classes start-up loads into a class-data sharing
   * archive ({@code -XX:ArchiveClassesAtExit}), which the image's entry point then maps (~0.15 s
   * off start-up; docs/benchmarks.md, figure 3). No timer or HTTP call decides when that run is
   * over.
   */
  public static final String EXIT_AFTER_START = "haremote.exit-after-start";

  /** Runs until the process is told to stop; the services do their work in scheduled jobs. */
  public static final class Service implements QuarkusApplication {
    @Override
    public int run(String... args) {
      if (!Boolean.getBoolean(EXIT_AFTER_START)) {
        Quarkus.waitForExit();
      }
      return 0;
    }
  }
}
