package dev.haremote.labkit.homeassistant;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A Home Assistant Core installed by {@code scripts/install-home-assistant.sh}: a virtual
 * environment with {@code bin/hass} and every requirement of the integrations the tests use, so it
 * runs with {@code --skip-pip} and no network.
 *
 * <p>Where it is looked for, first match wins: system property {@code ha.venv}, environment
 * variable {@code HA_VENV}, then the script's cache link {@code
 * ~/.cache/ha-remote-access/homeassistant} (or under {@code $XDG_CACHE_HOME}).
 */
public final class HomeAssistantInstall {
  /** Written by the install script once everything is in place; holds the version. */
  static final String MARKER = ".ha-remote-access-installed";

  private final Path venv;
  private final String version;

  private HomeAssistantInstall(Path venv, String version) {
    this.venv = venv;
    this.version = version;
  }

  /** The installation, or empty (with the places tried in {@link #whereLooked()}) when none. */
  public static Optional<HomeAssistantInstall> find() {
    return at(configuredVenv());
  }

  /** The installation in this venv, or empty when it is missing or unfinished. */
  public static Optional<HomeAssistantInstall> at(Path venv) {
    Path marker = venv.resolve(MARKER);
    if (!Files.isRegularFile(marker) || !Files.isExecutable(venv.resolve("bin/hass"))) {
      return Optional.empty();
    }
    try {
      String version = Files.readString(marker, StandardCharsets.UTF_8).trim();
      return Optional.of(new HomeAssistantInstall(venv.toRealPath(), version));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** A line for skip and failure messages: where the install was expected and how to make it. */
  public static String whereLooked() {
    return "no Home Assistant install in "
        + configuredVenv()
        + " (run scripts/install-home-assistant.sh, or set -Dha.venv / HA_VENV)";
  }

  private static Path configuredVenv() {
    String property = System.getProperty("ha.venv");
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    String env = System.getenv("HA_VENV");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path cache =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return cache.resolve("ha-remote-access").resolve("homeassistant");
  }

  public Path venv() {
    return venv;
  }

  public Path hass() {
    return venv.resolve("bin/hass");
  }

  /** The Home Assistant version the install script pinned, e.g. {@code 2025.4.4}. */
  public String version() {
    return version;
  }
}
