package dev.haremote.ddns.update;

import dev.haremote.common.net.IpFamily;
import java.util.Map;

/**
 * Set {@code name}'s record of {@code family} to {@code address}.
 *
 * @param otherFamilies the agreed addresses of the record's other watched families, for providers
 *     that set both at once (DuckDNS guesses whatever is left out)
 */
public record UpdateRequest(
    String name, IpFamily family, String address, Map<IpFamily, String> otherFamilies) {}
