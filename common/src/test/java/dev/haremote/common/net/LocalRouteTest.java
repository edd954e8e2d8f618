package dev.haremote.common.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The kernel's own route lookup, for real: in a network namespace of its own ({@code unshare -rn},
 * an unprivileged user namespace; skipped where the kernel refuses one) nothing has a route, not
 * even 127.0.0.1 while the loopback is down (and without ::1 no interface has an IPv6 address, so
 * the JVM offers no IPv6 at all); with the loopback up only loopback has one. On the host itself
 * the lookup for a documentation address must agree with the IPv6 routing table.
 */
class LocalRouteTest {
  private final LocalRoute route = new LocalRoute();

  @Test
  void inANamespaceWithoutRoutesNothingHasOne() throws Exception {
    assumeTrue(namespacesWork(), "unshare -rn is not allowed here");
    assertThat(inFreshNamespace(false, "127.0.0.1", "::1", "192.0.2.1", "2001:db8::1"))
        .containsExactly(
            "127.0.0.1=network unreachable",
            "::1=no IPv6 here: no interface has an IPv6 address",
            "192.0.2.1=network unreachable",
            "2001:db8::1=no IPv6 here: no interface has an IPv6 address");
  }

  @Test
  void withOnlyTheLoopbackUpOnlyLoopbackHasARoute() throws Exception {
    assumeTrue(namespacesWork(), "unshare -rn is not allowed here");
    assertThat(inFreshNamespace(true, "127.0.0.1", "192.0.2.1", "2001:db8::1"))
        .containsExactly(
            "127.0.0.1=route", "192.0.2.1=network unreachable", "2001:db8::1=network unreachable");
  }

  @Test
  void loopbackHasARouteHere() throws Exception {
    assertThat(route.noRoute(InetAddress.getByName("127.0.0.1"))).isNull();
  }

  @Test
  void theLookupAgreesWithThisHostsIpv6RoutingTable() throws Exception {
    Path table = Path.of("/proc/net/ipv6_route");
    assumeTrue(Files.isReadable(table), "no /proc/net/ipv6_route (not Linux, or IPv6 off)");
    InetAddress target = InetAddress.getByName("2001:db8::1");
    String answer = route.noRoute(target);
    if (routeCovers(table, target.getAddress())) {
      // A route, unless the host has nothing but link-local addresses to send from.
      assertThat(answer)
          .satisfiesAnyOf(
              a -> assertThat(a).isNull(), a -> assertThat(a).startsWith("only a link-local"));
    } else {
      assertThat(answer).isEqualTo("network unreachable");
    }
  }

  /**
   * Some usable route of the table covers the address: up (RTF_UP 0x1), not a reject route
   * (RTF_REJECT 0x200), its prefix containing the address.
   */
  private static boolean routeCovers(Path table, byte[] address) throws IOException {
    for (String line : Files.readAllLines(table)) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 10) {
        continue;
      }
      int flags = Integer.parseInt(f[8], 16);
      if ((flags & 0x1) == 0 || (flags & 0x200) != 0) {
        continue;
      }
      byte[] dest = java.util.HexFormat.of().parseHex(f[0]);
      int prefix = Integer.parseInt(f[1], 16);
      if (matches(dest, prefix, address)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(byte[] dest, int prefix, byte[] address) {
    for (int bit = 0; bit < prefix; bit++) {
      int mask = 0x80 >> (bit % 8);
      if ((dest[bit / 8] & mask) != (address[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  private static boolean namespacesWork() {
    try {
      Process p = new ProcessBuilder("unshare", "-rn", "true").redirectErrorStream(true).start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** {@link RouteLookupMain} in a new network namespace (only a loopback, down unless asked). */
  private static List<String> inFreshNamespace(boolean loopbackUp, String... addresses)
      throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of("unshare", "-rn", "sh", "-c"));
    // sh -c SCRIPT java classpath address...: $0 is the JVM, $1 the class path.
    cmd.add(
        (loopbackUp ? "ip link set lo up && " : "")
            + "cp=\"$1\"; shift; exec \"$0\" -cp \"$cp\" "
            + RouteLookupMain.class.getName()
            + " \"$@\"");
    cmd.add(java);
    cmd.add(System.getProperty("java.class.path"));
    cmd.addAll(List.of(addresses));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child JVM ends").isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    return out.lines().filter(l -> l.contains("=")).toList();
  }
}
