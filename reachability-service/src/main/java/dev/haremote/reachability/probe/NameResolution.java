package dev.haremote.reachability.probe;

import dev.haremote.common.dns.DnsAnswer;
import dev.haremote.common.dns.DnsClient;
import dev.haremote.common.dns.DnsRecordType;
import dev.haremote.common.dns.DnsServer;
import dev.haremote.common.dns.SystemResolver;
import dev.haremote.common.net.Deadline;
import dev.haremote.common.net.IpFamily;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The name as seen from inside (the home's resolvers, or the system resolver) and from outside (the
 * public resolvers), each family on its own. Answers of several resolvers are united: any of them
 * may be the one a phone asks.
 */
public final class NameResolution {
  private final DnsClient dnsClient;
  private final SystemResolver systemResolver;
  private final List<DnsServer> internal;
  private final List<DnsServer> publicResolvers;

  /**
   * @param internal empty = the system resolver
   */
  public NameResolution(
      DnsClient dnsClient,
      SystemResolver systemResolver,
      List<DnsServer> internal,
      List<DnsServer> publicResolvers) {
    this.dnsClient = dnsClient;
    this.systemResolver = systemResolver;
    this.internal = List.copyOf(internal);
    this.publicResolvers = List.copyOf(publicResolvers);
  }

  /**
   * @param addresses literals, in answer order, without duplicates
   * @param reason why there are none (e.g. {@code nxdomain at 1.1.1.1:53}), or null
   */
  public record Answer(List<String> addresses, String reason) {
    static Answer of(List<String> addresses, List<String> reasons) {
      return new Answer(
          List.copyOf(addresses), addresses.isEmpty() ? String.join("; ", reasons) : null);
    }
  }

  public Answer inside(String host, IpFamily family, Deadline deadline) {
    Answer literal = literal(host, family);
    if (literal != null) {
      return literal;
    }
    if (internal.isEmpty()) {
      SystemResolver.Resolution r = systemResolver.resolve(host, family, deadline.remaining());
      return Answer.of(
          r.addresses().stream().map(Addresses::canonical).toList(),
          r.reason() == null ? List.of() : List.of(r.reason() + " (system)"));
    }
    return ask(internal, host, family, deadline);
  }

  public Answer outside(String host, IpFamily family, Deadline deadline) {
    Answer literal = literal(host, family);
    if (literal != null) {
      return literal;
    }
    return ask(publicResolvers, host, family, deadline);
  }

  private Answer ask(List<DnsServer> servers, String host, IpFamily family, Deadline deadline) {
    DnsRecordType type = family == IpFamily.IPV4 ? DnsRecordType.A : DnsRecordType.AAAA;
    Set<String> addresses = new LinkedHashSet<>();
    List<String> reasons = new ArrayList<>();
    for (DnsServer server : servers) {
      if (deadline.expired()) {
        reasons.add("timeout");
        break;
      }
      DnsAnswer a = dnsClient.query(server, host, type, deadline.remaining());
      if (a.ok()) {
        a.values().forEach(v -> addresses.add(Addresses.canonical(v)));
      } else {
        reasons.add(a.status().name().toLowerCase(java.util.Locale.ROOT) + " at " + server);
      }
    }
    return Answer.of(new ArrayList<>(addresses), reasons);
  }

  /** An IP literal host needs no DNS: it is its own answer for its family, none for the other. */
  private static Answer literal(String host, IpFamily family) {
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (!isLiteral(h)) {
      return null;
    }
    try {
      InetAddress a = InetAddress.getByName(h);
      return family.matches(a)
          ? new Answer(List.of(Addresses.format(a)), null)
          : new Answer(List.of(), "the URL is an " + IpFamily.of(a).key() + " address");
    } catch (UnknownHostException e) {
      return new Answer(List.of(), "not an address");
    }
  }

  static boolean isLiteral(String h) {
    return h.contains(":") || h.matches("[0-9.]+");
  }
}
