package dev.haremote.ddns.published;

import dev.haremote.common.dns.DnsAnswer;
import dev.haremote.common.dns.DnsClient;
import dev.haremote.common.dns.DnsRecordType;
import dev.haremote.common.dns.DnsServer;
import dev.haremote.common.dns.DnsStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the zone of a name (the closest enclosing SOA) and its authoritative servers (NS targets
 * and their addresses) through the public resolvers. Zones move rarely: the answer is kept for the
 * NS TTL, between 5 minutes and an hour.
 */
public class ZoneLocator {
  private static final Duration MIN_KEEP = Duration.ofMinutes(5);
  private static final Duration MAX_KEEP = Duration.ofHours(1);

  private final DnsClient dns;
  private final List<DnsServer> resolvers;
  private final Duration timeout;
  private final Clock clock;
  private final int nameServerPort;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public ZoneLocator(
      DnsClient dns, List<DnsServer> resolvers, Duration timeout, Clock clock, int nameServerPort) {
    this.nameServerPort = nameServerPort;
    this.dns = dns;
    this.resolvers = List.copyOf(resolvers);
    this.timeout = timeout;
    this.clock = clock;
  }

  private record Cached(ZoneServers servers, Instant until) {}

  public ZoneServers locate(String name) {
    String key = absolute(name);
    Cached c = cache.get(key);
    Instant now = clock.instant();
    if (c != null && now.isBefore(c.until)) {
      return c.servers;
    }
    ZoneWithTtl found = find(key);
    if (found.servers.error() == null) {
      long keep = Math.max(MIN_KEEP.toSeconds(), Math.min(MAX_KEEP.toSeconds(), found.ttl));
      cache.put(key, new Cached(found.servers, now.plusSeconds(keep)));
    }
    return found.servers;
  }

  private record ZoneWithTtl(ZoneServers servers, long ttl) {}

  private ZoneWithTtl find(String name) {
    if (resolvers.isEmpty()) {
      return fail("no public resolvers configured to find the zone");
    }
    String candidate = name;
    while (!candidate.equals(".")) {
      DnsAnswer soa = ask(candidate, DnsRecordType.SOA);
      if (soa == null) {
        return fail("no public resolver answered the SOA question for " + candidate);
      }
      if (soa.ok() && hasOwner(soa, candidate)) {
        return servers(candidate);
      }
      if (soa.status() != DnsStatus.NO_DATA
          && soa.status() != DnsStatus.NXDOMAIN
          && soa.status() != DnsStatus.OK) {
        return fail("SOA of " + candidate + ": " + describe(soa));
      }
      candidate = parent(candidate);
    }
    return fail("no zone found for " + name);
  }

  private ZoneWithTtl servers(String zone) {
    DnsAnswer ns = ask(zone, DnsRecordType.NS);
    if (ns == null || !ns.ok()) {
      return fail("NS of " + zone + ": " + (ns == null ? "no answer" : describe(ns)));
    }
    List<DnsServer> servers = new ArrayList<>();
    for (String target : ns.values()) {
      DnsAnswer a = ask(target, DnsRecordType.A);
      if (a != null && a.ok()) {
        a.values().forEach(ip -> servers.add(new DnsServer(ip, nameServerPort)));
        continue;
      }
      DnsAnswer aaaa = ask(target, DnsRecordType.AAAA);
      if (aaaa != null && aaaa.ok()) {
        aaaa.values().forEach(ip -> servers.add(new DnsServer(ip, nameServerPort)));
      }
    }
    if (servers.isEmpty()) {
      return fail("no address for the name servers of " + zone);
    }
    long ttl = ns.minTtl() < 0 ? MIN_KEEP.toSeconds() : ns.minTtl();
    return new ZoneWithTtl(new ZoneServers(zone, List.copyOf(servers), null), ttl);
  }

  /** The first resolver's answer that is not a transport failure, or null when none answered. */
  private DnsAnswer ask(String name, DnsRecordType type) {
    for (DnsServer r : resolvers) {
      DnsAnswer answer = dns.query(r, name, type, timeout);
      if (answer.status() != DnsStatus.TIMEOUT
          && answer.status() != DnsStatus.NETWORK_ERROR
          && answer.status() != DnsStatus.MALFORMED
          && answer.status() != DnsStatus.SERVFAIL) {
        return answer;
      }
    }
    return null;
  }

  private static boolean hasOwner(DnsAnswer soa, String zone) {
    return soa.records().stream()
        .anyMatch(r -> r.type() == DnsRecordType.SOA && absolute(r.name()).equals(zone));
  }

  static String describe(DnsAnswer a) {
    return a.status().name().toLowerCase(Locale.ROOT)
        + (a.reason() == null || a.reason().isBlank() ? "" : " (" + a.reason() + ")");
  }

  private static ZoneWithTtl fail(String why) {
    return new ZoneWithTtl(new ZoneServers(null, List.of(), why), 0);
  }

  static String absolute(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n : n + ".";
  }

  private static String parent(String name) {
    int dot = name.indexOf('.');
    return dot < 0 || dot == name.length() - 1 ? "." : name.substring(dot + 1);
  }
}
