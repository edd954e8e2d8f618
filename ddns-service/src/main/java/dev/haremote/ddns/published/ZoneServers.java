package dev.haremote.ddns.published;

import dev.haremote.common.dns.DnsServer;
import java.util.List;

/** The zone of a name and the servers authoritative for it, or why they are not known. */
public record ZoneServers(String zone, List<DnsServer> servers, String error) {}
