package dev.haremote.common.suite.plumbing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Test-only keys that let the suite tests provoke each kind of configuration problem. */
@ConfigMapping(prefix = "suiteprobe")
public interface SuiteProbeConfig {
  @WithDefault("60s")
  Duration interval();

  /** When set, {@link SuiteProbeCheck} reports it as a problem of this key. */
  Optional<String> problem();
}
