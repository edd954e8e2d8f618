package dev.haremote.reachability.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The addresses a peer refuses after resolving an allow-listed name (DNS rebinding). */
class OwnAddressesTest {
  private final OwnAddresses own = new OwnAddresses();

  @Test
  void loopbackLinkLocalUnspecifiedAndMulticastAreRefused() throws Exception {
    for (String a :
        List.of(
            "127.0.0.1",
            "127.8.9.10",
            "::1",
            "169.254.1.1",
            "fe80::1",
            "0.0.0.0",
            "::",
            "224.0.0.1",
            "ff02::1")) {
      assertThat(own.refusal(InetAddress.getByName(a))).as(a).isEqualTo(OwnAddresses.REFUSAL);
    }
  }

  @Test
  void everyInterfaceAddressOfThisHostIsRefused() throws Exception {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress a : Collections.list(nic.getInetAddresses())) {
        // Without its scope, as a DNS answer would carry it.
        InetAddress bare = InetAddress.getByAddress(a.getAddress());
        assertThat(own.refusal(bare)).as(bare.toString()).isEqualTo(OwnAddresses.REFUSAL);
      }
    }
  }

  @Test
  void anAddressElsewhereMayBeProbed() throws Exception {
    assertThat(own.refusal(InetAddress.getByName("203.0.113.7"))).isNull();
    assertThat(own.refusal(InetAddress.getByName("2001:db8::7"))).isNull();
  }
}
