package dev.haremote.common.suite.startup;

import dev.haremote.common.suite.ConfigCheck;
import dev.haremote.common.suite.ConfigProblem;
import dev.haremote.common.suite.SuiteConfig;
import dev.haremote.common.suite.config.ConfigFileRules;
import dev.haremote.common.suite.config.ConfigFiles;
import dev.haremote.common.suite.config.UnmappedKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration files of every service: a missing file named by {@code
 * QUARKUS_CONFIG_LOCATIONS}, a top level that is not sections, an unknown section, an unknown empty
 * key under {@code suite}. (Each service checks its own section's empty keys in its ConfigCheck.)
 */
@ApplicationScoped
public class ConfigFileCheck implements ConfigCheck {
  @Override
  public List<ConfigProblem> problems() {
    ConfigFiles files = ConfigFiles.ofThisProcess();
    List<ConfigProblem> out = new ArrayList<>(ConfigFileRules.problems(files));
    out.addAll(UnmappedKeys.problems(files, "suite", SuiteConfig.class));
    return out;
  }
}
