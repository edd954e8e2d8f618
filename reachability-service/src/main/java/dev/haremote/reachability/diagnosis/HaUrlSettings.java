package dev.haremote.reachability.diagnosis;

/**
 * Home Assistant's own URL settings (Settings > System > Network: External URL and Internal URL),
 * read over the WebSocket after {@code auth_ok} with the target's token ({@code get_config}). The
 * companion app takes the address it uses from them.
 *
 * @param externalUrl as configured, or null when none is set
 * @param internalUrl as configured, or null when none is set
 */
public record HaUrlSettings(String externalUrl, String internalUrl) {}
