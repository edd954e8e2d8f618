package dev.haremote.ddns.state;

import java.time.Instant;

/**
 * One update attempt as remembered in the state file (the last 50 are kept).
 *
 * @param result a {@link dev.haremote.ddns.update.UpdateResult} key, or {@code interrupted} for an
 *     attempt the process did not live to finish
 * @param detail a short, redacted description of the provider's answer
 */
public record UpdateEntry(
    Instant at,
    String name,
    String family,
    String provider,
    String address,
    String result,
    String detail) {}
