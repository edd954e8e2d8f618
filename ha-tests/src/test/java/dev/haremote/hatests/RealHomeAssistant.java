package dev.haremote.hatests;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.haremote.labkit.homeassistant.HomeAssistantInstall;
import java.util.Optional;

/** Finds the installed Home Assistant: missing is a failure in CI (CI=true), else a skip. */
final class RealHomeAssistant {
  private RealHomeAssistant() {}

  static HomeAssistantInstall install() {
    Optional<HomeAssistantInstall> install = HomeAssistantInstall.find();
    if (install.isEmpty()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("CI=true but " + HomeAssistantInstall.whereLooked());
      }
      assumeTrue(false, HomeAssistantInstall.whereLooked());
    }
    return install.get();
  }
}
