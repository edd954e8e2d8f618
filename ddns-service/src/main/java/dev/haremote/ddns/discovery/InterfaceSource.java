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

  private final String id;
  private final IpFamily family;
  private final String interfaceName;
  private final SpecialUseRanges ranges;
  private final Path procIfInet6;

  public InterfaceSource(
      String id, IpFamily family, String interfaceName, SpecialUseRanges ranges, Path procIfInet6) {
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
    return "interface";
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
    String where = interfaceName == null ? "" : " on " + interfaceName;
    return SourceReading.failed(this, "no global " + family.key() + " address" + where);
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
