package dev.haremote.reachability.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which addresses the internet can reach: a working probe from inside proves the way in only there.
 */
class AddressesTest {
  @ParameterizedTest(name = "{0} local only: {1}")
  @CsvSource({
    "100.64.0.1, true",
    "100.127.255.254, true",
    "10.0.0.5, true",
    "172.16.3.4, true",
    "192.168.1.10, true",
    "127.0.0.1, true",
    "169.254.1.1, true",
    "0.0.0.0, true",
    "0.1.2.3, true",
    "224.0.0.1, true",
    "::1, true",
    "::, true",
    "fe80::1, true",
    "fd00::1, true",
    "'::ffff:192.168.1.10', true",
    "not-an-address, true",
    "100.128.0.1, false",
    "104.16.132.229, false",
    "198.51.100.1, false",
    "2606:4700::6810:84e5, false",
    "2001:db8::10, false"
  })
  void localOnly(String literal, boolean expected) {
    assertThat(Addresses.isLocalOnly(literal)).isEqualTo(expected);
  }
}
