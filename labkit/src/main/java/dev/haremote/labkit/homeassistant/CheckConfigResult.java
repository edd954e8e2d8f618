package dev.haremote.labkit.homeassistant;

/**
 * The outcome of {@code hass --script check_config}. The script's exit code counts only failed
 * domains ("Failed config"); schema warnings ("Incorrect config") leave it at 0, so both are kept.
 *
 * @param exitCode the number of domains that failed, as the script returns it
 * @param output what the script printed, with its colour codes removed
 */
public record CheckConfigResult(int exitCode, String output) {

  /** No failed domain and no invalid one: what "check_config passes" means for a user. */
  public boolean passed() {
    return exitCode == 0
        && !output.contains("Failed config")
        && !output.contains("Incorrect config");
  }
}
