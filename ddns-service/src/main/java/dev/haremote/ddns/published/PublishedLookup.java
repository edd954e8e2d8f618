package dev.haremote.ddns.published;

import dev.haremote.common.dns.DnsAnswer;
import dev.haremote.common.dns.DnsClient;
import dev.haremote.common.dns.DnsRecord;
import dev.haremote.common.dns.DnsRecordType;
import dev.haremote.common.dns.DnsServer;
import dev.haremote.common.dns.DnsStatus;
import dev.haremote.common.net.IpFamily;
import dev.haremote.ddns.discovery.AddressLiteral;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Asks each authoritative server directly what a name says (no cache in between), then the public
 * resolvers, to tell "published" from "propagated". A name the authoritative servers answer with a
 * CNAME (e.g. {@code ha.example.com CNAME my-home.duckdns.org}) is an alias: its addresses are its
 * target's, so it is reported as such, never as drift.
 */
public class PublishedLookup {
  private final DnsClient dns;
  private final ZoneLocator zones;
  private final List<DnsServer> authoritativeOverride;
  private final List<DnsServer> resolvers;
  private final Duration timeout;
  private final Clock clock;

  public PublishedLookup(
      DnsClient dns,
      ZoneLocator zones,
      List<DnsServer> authoritativeOverride,
      List<DnsServer> resolvers,
      Duration timeout,
      Clock clock) {
    this.dns = dns;
    this.zones = zones;
    this.authoritativeOverride = List.copyOf(authoritativeOverride);
    this.resolvers = List.copyOf(resolvers);
    this.timeout = timeout;
    this.clock = clock;
  }

  /** The authoritative servers for a name: the override, or the zone's NS. */
  public ZoneServers serversFor(String name) {
    if (!authoritativeOverride.isEmpty()) {
      return new ZoneServers(null, authoritativeOverride, null);
    }
    return zones.locate(name);
  }

  public PublishedView look(String name, IpFamily family) {
    ZoneServers zone = serversFor(name);
    if (zone.error() != null) {
      return new PublishedView(
          null, null, true, null, null, null, List.of(), List.of(), zone.error());
    }
    List<DnsAnswer> answers = ask(zone.servers(), name, family);
    String target = aliasTarget(name, answers);
    if (target != null) {
      return alias(zone.zone(), name, target, answers, askAll(resolvers, name, family));
    }
    List<ServerAnswer> authoritative =
        answers.stream().map(a -> toServerAnswer(a.server(), a)).toList();
    return view(zone.zone(), authoritative, askAll(resolvers, name, family));
  }

  /**
   * The CNAME target any authoritative server gives for the name itself, or null. One server saying
   * so is enough: an update must never be sent for a name that may be an alias.
   */
  static String aliasTarget(String name, List<DnsAnswer> answers) {
    String owner = ZoneLocator.absolute(name);
    for (DnsAnswer a : answers) {
      for (DnsRecord r : a.records()) {
        if (r.type() == DnsRecordType.CNAME && ZoneLocator.absolute(r.name()).equals(owner)) {
          String target = r.value();
          return target.endsWith(".") ? target.substring(0, target.length() - 1) : target;
        }
      }
    }
    return null;
  }

  private PublishedView alias(
      String zone,
      String name,
      String target,
      List<DnsAnswer> answers,
      List<ServerAnswer> resolverAnswers) {
    List<ServerAnswer> authoritative =
        answers.stream()
            .map(
                a ->
                    aliasTarget(name, List.of(a)) != null
                        ? new ServerAnswer(
                            a.server().toString(),
                            null,
                            null,
                            "an alias (CNAME) of " + target + ", no address of its own")
                        : toServerAnswer(a.server(), a))
            .toList();
    boolean agree = authoritative.stream().noneMatch(ServerAnswer::answered);
    return new PublishedView(
        zone,
        null,
        agree,
        null,
        null,
        null,
        authoritative,
        resolverAnswers,
        "alias: "
            + name
            + " is a CNAME of "
            + target
            + " at its authoritative servers, so its addresses are "
            + target
            + "'s: it is not compared with the home's public address and never updated (watch or"
            + " update "
            + target
            + " instead)",
        target);
  }

  /** Only the authoritative answer: used to confirm an update. */
  public List<ServerAnswer> authoritativeOnly(String name, IpFamily family) {
    ZoneServers zone = serversFor(name);
    return zone.error() != null ? List.of() : askAll(zone.servers(), name, family);
  }

  private PublishedView view(
      String zone, List<ServerAnswer> authoritative, List<ServerAnswer> resolverAnswers) {
    List<ServerAnswer> answered = authoritative.stream().filter(ServerAnswer::answered).toList();
    if (answered.isEmpty()) {
      String why =
          authoritative.stream()
              .map(a -> a.server() + " " + a.error())
              .reduce((a, b) -> a + "; " + b)
              .orElse("no authoritative server");
      return new PublishedView(
          zone,
          null,
          true,
          null,
          null,
          null,
          authoritative,
          resolverAnswers,
          "no authoritative answer: " + why);
    }
    Set<String> first = new HashSet<>(answered.get(0).addresses());
    boolean agree = answered.stream().allMatch(a -> new HashSet<>(a.addresses()).equals(first));
    Set<String> union = new HashSet<>();
    answered.forEach(a -> union.addAll(a.addresses()));
    List<String> published = union.stream().sorted().toList();
    Long ttl = answered.get(0).ttl();
    String error =
        agree
            ? null
            : "authoritative servers disagree: "
                + answered.stream()
                    .map(a -> a.server() + " says " + AddressListCap.described(a.addresses()))
                    .reduce((a, b) -> a + "; " + b)
                    .orElse("");
    Boolean propagated = null;
    Instant expire = null;
    if (agree && !resolverAnswers.isEmpty()) {
      boolean all = true;
      boolean expiryKnown = true;
      long longest = 0;
      for (ServerAnswer r : resolverAnswers) {
        if (r.answered() && new HashSet<>(r.addresses()).equals(first)) {
          continue;
        }
        all = false;
        if (r.answered() && r.ttl() != null) {
          longest = Math.max(longest, r.ttl());
        } else {
          expiryKnown = false; // no answer, or a negative answer whose cache time we do not see
        }
      }
      propagated = all;
      if (!all && expiryKnown) {
        expire = clock.instant().plusSeconds(longest);
      }
    }
    return new PublishedView(
        zone, published, agree, ttl, propagated, expire, authoritative, resolverAnswers, error);
  }

  private List<ServerAnswer> askAll(List<DnsServer> servers, String name, IpFamily family) {
    return ask(servers, name, family).stream().map(a -> toServerAnswer(a.server(), a)).toList();
  }

  private List<DnsAnswer> ask(List<DnsServer> servers, String name, IpFamily family) {
    DnsRecordType type = family == IpFamily.IPV4 ? DnsRecordType.A : DnsRecordType.AAAA;
    List<DnsAnswer> out = new ArrayList<>();
    for (DnsServer s : servers) {
      out.add(dns.query(s, name, type, timeout));
    }
    return out;
  }

  static ServerAnswer toServerAnswer(DnsServer server, DnsAnswer a) {
    String where = server.toString();
    if (a.status() == DnsStatus.OK) {
      List<String> addresses =
          a.values().stream()
              .map(AddressLiteral::canonical)
              .filter(Objects::nonNull)
              .sorted()
              .distinct()
              .toList();
      return new ServerAnswer(where, addresses, a.minTtl() < 0 ? null : a.minTtl(), null);
    }
    if (a.status() == DnsStatus.NO_DATA || a.status() == DnsStatus.NXDOMAIN) {
      return new ServerAnswer(where, List.of(), null, null);
    }
    return new ServerAnswer(where, null, null, ZoneLocator.describe(a));
  }
}
