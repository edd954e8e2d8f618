package dev.haremote.reachability.probe;

import dev.haremote.common.net.IpFamily;
import java.net.URI;
import java.util.List;

/**
 * A configured target, parsed.
 *
 * @param internalUrl the URL the app uses at home (e.g. http://192.168.1.10:8123), or null
 * @param login its Home Assistant access token for the WebSocket's auth phase, or null
 */
public record TargetSpec(
    String id, URI url, List<IpFamily> families, URI internalUrl, HomeAssistantLogin login) {}
