package dev.haremote.reachability.probe;

import dev.haremote.common.dns.DnsAnswer;
import dev.haremote.common.dns.DnsClient;
import dev.haremote.common.dns.DnsRecordType;
import dev.haremote.common.dns.DnsServer;
import dev.haremote.common.dns.DnsStatus;
import dev.haremote.common.dns.SystemResolver;
import dev.haremote.common.net.Deadline;
import dev.haremote.common.net.IpFamily;
import dev.haremote.reachability.diagnosis.DnsFailure;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The name as seen from inside (the home's resolvers, or the system resolver) and from outside (the
 * public resolvers), each family on its own. Answers of several resolvers are united: any of them
 * may be the one a phone asks. Every resolver is asked within its share of the deadline, so one
 * that hangs cannot hide what the others say.
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
   * @param reason why there are none, naming every resolver tried (e.g. {@code timeout at
   *     1.1.1.1:53; servfail at 8.8.8.8:53}), or null
   * @param failure the class of failure when there are none: a definitive "no record" from any
   *     resolver wins over resolvers that did not answer; null when there are addresses
   */
  public record Answer(List<String> addresses, String reason, DnsFailure failure) {
    static Answer of(List<String> addresses, List<String> reasons, List<DnsFailure> failures) {
      if (!addresses.isEmpty()) {
        return new Answer(List.copyOf(addresses), null, null);
      }
      DnsFailure failure =
          failures.stream()
              .filter(DnsFailure::definitive)
              .findFirst()
              .orElse(failures.isEmpty() ? DnsFailure.ERROR : failures.get(0));
      return new Answer(List.of(), String.join("; ", reasons), failure);
    }
  }

  public Answer inside(String host, IpFamily family, Deadline deadline) {
    Answer literal = literal(host, family);
    if (literal != null) {
      return literal;
    }
    if (internal.isEmpty()) {
      SystemResolver.Resolution r = systemResolver.resolve(host, family, deadline.remaining());
      if (r.reason() == null) {
        return Answer.of(
            r.addresses().stream().map(Addresses::canonical).toList(), List.of(), List.of());
      }
      return Answer.of(
          List.of(),
          List.of(r.reason() + " (system resolver)"),
          List.of(systemFailure(r.reason())));
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
    List<DnsFailure> failures = new ArrayList<>();
    for (int i = 0; i < servers.size(); i++) {
      DnsServer server = servers.get(i);
      // An equal share of what is left for each resolver still to ask.
      Duration share = deadline.remaining().dividedBy(servers.size() - i);
      if (share.isZero() || share.isNegative()) {
        reasons.add("timeout at " + server + " (not asked: no time left)");
        failures.add(DnsFailure.TIMEOUT);
        continue;
      }
      DnsAnswer a = dnsClient.query(server, host, type, share);
      if (a.ok()) {
        a.values().forEach(v -> addresses.add(Addresses.canonical(v)));
      } else {
        reasons.add(a.status().name().toLowerCase(Locale.ROOT) + " at " + server);
        failures.add(failure(a.status()));
      }
    }
    return Answer.of(new ArrayList<>(addresses), reasons, failures);
  }

  private static DnsFailure failure(DnsStatus status) {
    return switch (status) {
      case OK, ERROR -> DnsFailure.ERROR;
      case NO_DATA -> DnsFailure.NO_DATA;
      case NXDOMAIN -> DnsFailure.NXDOMAIN;
      case SERVFAIL -> DnsFailure.SERVFAIL;
      case REFUSED -> DnsFailure.REFUSED;
      case TIMEOUT -> DnsFailure.TIMEOUT;
      case NETWORK_ERROR -> DnsFailure.NETWORK_ERROR;
      case MALFORMED -> DnsFailure.MALFORMED;
    };
  }

  private static DnsFailure systemFailure(String reason) {
    return switch (reason) {
      case "nxdomain" -> DnsFailure.NXDOMAIN;
      case "no_address" -> DnsFailure.NO_DATA;
      case "timeout" -> DnsFailure.TIMEOUT;
      case "servfail" -> DnsFailure.SERVFAIL;
      default -> DnsFailure.ERROR;
    };
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
          ? new Answer(List.of(Addresses.format(a)), null, null)
          : new Answer(
              List.of(), "the URL is an " + IpFamily.of(a).key() + " address", DnsFailure.NO_DATA);
    } catch (UnknownHostException e) {
      return new Answer(List.of(), "not an address", DnsFailure.ERROR);
    }
  }

  static boolean isLiteral(String h) {
    return h.contains(":") || h.matches("[0-9.]+");
  }
}
