package dev.haremote.ddns.discovery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The host's default gateways, from the kernel's routing tables ({@code /proc/net/route} for IPv4,
 * {@code /proc/net/ipv6_route} for IPv6): the routers a UPnP answer may come from. Read each time,
 * so a DHCP renewal that changes the gateway is followed.
 */
public final class DefaultGateway {
  private static final int RTF_GATEWAY = 0x2;
  private final Path ipv4Routes;
  private final Path ipv6Routes;

  public DefaultGateway(Path ipv4Routes, Path ipv6Routes) {
    this.ipv4Routes = ipv4Routes;
    this.ipv6Routes = ipv6Routes;
  }

  public static DefaultGateway ofThisHost() {
    return new DefaultGateway(Path.of("/proc/net/route"), Path.of("/proc/net/ipv6_route"));
  }

  /** Every default route's next hop, IPv4 first; empty when there is none (or no such file). */
  public List<InetAddress> addresses() {
    List<InetAddress> out = new ArrayList<>();
    for (String line : lines(ipv4Routes)) {
      // Iface Destination Gateway Flags RefCnt Use Metric Mask ...; addresses little-endian hex
      String[] f = line.trim().split("\\s+");
      if (f.length < 8 || !f[1].equals("00000000") || !f[7].equals("00000000")) {
        continue;
      }
      try {
        int flags = Integer.parseInt(f[3], 16);
        byte[] le = HexFormat.of().parseHex(f[2]);
        if ((flags & RTF_GATEWAY) == 0 || le.length != 4) {
          continue;
        }
        add(out, new byte[] {le[3], le[2], le[1], le[0]});
      } catch (IllegalArgumentException notARoute) {
        // the header line, or something this parser does not know
      }
    }
    for (String line : lines(ipv6Routes)) {
      // dest plen src plen nexthop metric refcnt use flags iface; addresses big-endian hex
      String[] f = line.trim().split("\\s+");
      if (f.length < 10 || !f[0].matches("0{32}") || !f[1].equals("00")) {
        continue;
      }
      try {
        byte[] nextHop = HexFormat.of().parseHex(f[4]);
        if (nextHop.length == 16 && !f[4].matches("0{32}")) {
          add(out, nextHop);
        }
      } catch (IllegalArgumentException notARoute) {
        // skipped
      }
    }
    return List.copyOf(out);
  }

  private static void add(List<InetAddress> out, byte[] address) {
    try {
      InetAddress a = InetAddress.getByAddress(address);
      if (!out.contains(a)) {
        out.add(a);
      }
    } catch (UnknownHostException impossible) {
      // 4 or 16 bytes: getByAddress accepts both
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
