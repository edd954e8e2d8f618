package dev.haremote.common.suite;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Keys every service shares, under {@code suite.}. */
@ConfigMapping(prefix = "suite")
public interface SuiteConfig {

  /** Bearer token for writes (env SUITE_API_TOKEN). Prefer {@link #apiTokenFile()}. */
  Optional<String> apiToken();

  /** File holding the bearer token (a mounted Secret). */
  Optional<Path> apiTokenFile();

  /** Require the token for reads too. */
  @WithDefault("false")
  boolean protectReads();

  /** Base URL Home Assistant uses to reach this service; default http://SERVICE-NAME:PORT. */
  Optional<String> publicUrl();

  /**
   * How the services are assembled: {@code three-processes} (each its own JVM, the default) or
   * {@code one-process} (all three in one JVM, each under {@code /SERVICE-NAME}). Fixed when the
   * jar is built: the one-process module sets it (see {@link SuiteAssembly}).
   */
  @WithDefault(SuiteAssembly.THREE_PROCESSES)
  String assembly();
}
