package dev.haremote.ddns.discovery;

import dev.haremote.common.net.IpFamily;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The host's own global address (IPv6 has no NAT: the HA host's address is the published one). On
 * Linux {@code /proc/net/if_inet6} tells temporary (privacy) and deprecated addresses apart; those
 * change daily and must not be published, so they are skipped.
 */
public final class InterfaceSource implements AddressSource {
  private static final int IFA_F_TEMPORARY = 0x01;
  private static final int IFA_F_DADFAILED = 0x08;
  private static final int IFA_F_DEPRECATED = 0x20;
  private static final int IFA_F_TENTATIVE = 0x40;

  /**
   * An address beyond the link for the route lookup only (documentation ranges: no packet is ever
   * sent): without a route to it, nothing of the family reaches the internet from here.
   */
  private static final Map<IpFamily, InetAddress> ANY_GLOBAL =
      Map.of(
          IpFamily.IPV4,
          AddressLiteral.toInetAddress("198.51.100.1").orElseThrow(),
          IpFamily.IPV6,
          AddressLiteral.toInetAddress("2001:db8::1").orElseThrow());

  private final String id;
  private final IpFamily family;
  private final String interfaceName;
  private final SpecialUseRanges ranges;
  private final Path procIfInet6;
  private final SourceRoute route;

  public InterfaceSource(
      String id, IpFamily family, String interfaceName, SpecialUseRanges ranges, Path procIfInet6) {
    this(id, family, interfaceName, ranges, procIfInet6, SourceRoute.here());
  }

  /**
   * @param route asked when no global address is found: without a route to the internet's addresses
   *     of the family this host (an IPv4-only pod) cannot see the home's address at all
   */
  public InterfaceSource(
      String id,
      IpFamily family,
      String interfaceName,
      SpecialUseRanges ranges,
      Path procIfInet6,
      SourceRoute route) {
    this.route = route;
    this.id = id;
    this.family = family;
    this.interfaceName = interfaceName;
    this.ranges = ranges;
    this.procIfInet6 = procIfInet6;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String type() {
    return SourceType.INTERFACE.key();
  }

  @Override
  public IpFamily family() {
    return family;
  }

  @Override
  public SourceReading read() {
    List<InetAddress> candidates =
        family == IpFamily.IPV6 && Files.isReadable(procIfInet6) ? fromProc() : fromJava();
    for (InetAddress a : candidates) {
      if (ranges.refusal(a).isEmpty()) {
        return LiteralCheck.fromAddress(this, a, ranges);
      }
    }
    String noRoute = route.noRoute(family, ANY_GLOBAL.get(family));
    if (noRoute != null) {
      return SourceReading.cannotWorkFromHere(this, noRoute);
    }
    String where = interfaceName == null ? "" : " on " + interfaceName;
    // A pod has interfaces of its own, not the node's: say so, it may be why none is global.
    String pod =
        route.inPod()
            ? " (a pod sees only its own interfaces unless ddns.hostNetwork is on, docs/deploy.md)"
            : "";
    return SourceReading.failed(this, "no global " + family.key() + " address" + where + pod);
  }

  private List<InetAddress> fromProc() {
    List<InetAddress> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(procIfInet6)) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 6 || f[0].length() != 32) {
          continue;
        }
        int flags = Integer.parseInt(f[4], 16);
        boolean unusable =
            (flags & (IFA_F_TEMPORARY | IFA_F_DADFAILED | IFA_F_DEPRECATED | IFA_F_TENTATIVE)) != 0;
        if (unusable || interfaceName != null && !interfaceName.equals(f[5])) {
          continue;
        }
        out.add(InetAddress.getByAddress(HexFormat.of().parseHex(f[0])));
      }
    } catch (IOException | NumberFormatException e) {
      return fromJava();
    }
    return out;
  }

  private List<InetAddress> fromJava() {
    List<InetAddress> out = new ArrayList<>();
    try {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nif.isUp()
            || nif.isLoopback()
            || interfaceName != null && !interfaceName.equals(nif.getName())) {
          continue;
        }
        Collections.list(nif.getInetAddresses()).stream().filter(family::matches).forEach(out::add);
      }
    } catch (SocketException e) {
      return List.of();
    }
    return out;
  }

  /** For tests and status: the interface filter. */
  public Optional<String> interfaceName() {
    return Optional.ofNullable(interfaceName);
  }
}
