package dev.haremote.ddns.discovery;

import dev.haremote.common.net.IpFamily;

/**
 * One discovery source as configured (or taken from the defaults), typed once.
 *
 * @param type what kind of source
 * @param id the name shown in the status, or null for the derived default
 * @param url http: the echo URL
 * @param server dns: {@code host} or {@code host:port}
 * @param name dns: the name to ask
 * @param chaos dns: TXT of class CHAOS (e.g. {@code whoami.cloudflare}) instead of A/AAAA
 * @param ssdpAddress upnp: where M-SEARCH goes
 * @param location upnp: the IGD description URL (skips SSDP), or null
 * @param router upnp: the router's address literal, or null for the default gateway
 * @param interfaceName interface: only this one, or null for all
 */
public record SourceSpec(
    SourceType type,
    String id,
    IpFamily family,
    String url,
    String server,
    String name,
    boolean chaos,
    String ssdpAddress,
    String location,
    String router,
    String interfaceName) {

  public static SourceSpec http(String url, IpFamily family) {
    return new SourceSpec(
        SourceType.HTTP, null, family, url, null, null, false, null, null, null, null);
  }

  public static SourceSpec dns(String server, String name, boolean chaos, IpFamily family) {
    return new SourceSpec(
        SourceType.DNS, null, family, null, server, name, chaos, null, null, null, null);
  }
}
