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
}
