package dev.haremote.ddns.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haremote.common.net.IpFamily;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressChecksTest {
  private static final SpecialUseRanges STRICT = new SpecialUseRanges(List.of());

  private static AddressSource source(IpFamily family) {
    return new AddressSource() {
      public String id() {
        return "test";
      }

      public String type() {
        return "http";
      }

      public IpFamily family() {
        return family;
      }

      public SourceReading read() {
        throw new UnsupportedOperationException();
      }
    };
  }

  @ParameterizedTest
  @CsvSource({
    "10.1.2.3, private",
    "100.64.0.1, cgnat",
    "100.127.255.254, cgnat",
    "127.0.0.1, loopback",
    "169.254.1.1, link-local",
    "172.16.5.5, private",
    "192.168.1.10, private",
    "192.0.2.1, documentation",
    "198.51.100.7, documentation",
    "203.0.113.9, documentation",
    "::1, loopback",
    "fe80::1, link-local",
    "fd00::1, unique-local",
    "2001:db8::1, documentation",
  })
  void specialUseAddressesAreNeverPublic(String address, String kind) throws Exception {
    assertThat(STRICT.refusal(InetAddress.getByName(address))).contains(kind);
  }

  @ParameterizedTest
  @ValueSource(strings = {"8.8.8.8", "100.128.0.1", "100.63.255.255", "2a00:1450:4001::1"})
  void globalAddressesArePublic(String address) throws Exception {
    assertThat(STRICT.refusal(InetAddress.getByName(address))).isEmpty();
  }

  @Test
  void allowRangesLetALabUseItsOwnRanges() throws Exception {
    SpecialUseRanges lab = new SpecialUseRanges(List.of(Cidr.parse("198.51.100.0/24")));

    assertThat(lab.refusal(InetAddress.getByName("198.51.100.7"))).isEmpty();
    assertThat(lab.refusal(InetAddress.getByName("203.0.113.7"))).contains("documentation");
  }

  @Test
  void cidrParsingNamesWhatIsWrong() {
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("0..32");
    assertThatThrownBy(() -> Cidr.parse("example.com/8")).hasMessageContaining("not an address");
  }

  @Test
  void exactlyOneLiteralIsTakenFromTheBody() {
    SpecialUseRanges lab = new SpecialUseRanges(List.of(Cidr.parse("198.51.100.0/24")));
    AddressSource v4 = source(IpFamily.IPV4);

    assertThat(LiteralCheck.fromText(v4, "198.51.100.7\n", lab).address())
        .isEqualTo("198.51.100.7");
    assertThat(LiteralCheck.fromText(v4, "{\"ip\":\"198.51.100.7\"}", lab).address())
        .isEqualTo("198.51.100.7");
    assertThat(LiteralCheck.fromText(v4, "198.51.100.7 198.51.100.8", lab).error())
        .contains("exactly one");
    assertThat(LiteralCheck.fromText(v4, "<html>Service unavailable</html>", lab).error())
        .contains("no address");
    assertThat(LiteralCheck.fromText(v4, "999.1.1.1", lab).address()).isNull();
  }

  @Test
  void aLiteralOfTheWrongFamilyIsRefused() {
    SourceReading r = LiteralCheck.fromText(source(IpFamily.IPV4), "2a00:1450:4001::1", STRICT);

    assertThat(r.address()).isNull();
    assertThat(r.said()).isEqualTo("2a00:1450:4001::1");
    assertThat(r.error()).contains("ipv6");
  }

  @Test
  void aPrivateAddressIsReportedButNotTaken() {
    SourceReading r = LiteralCheck.fromText(source(IpFamily.IPV4), "100.64.1.2", STRICT);

    assertThat(r.said()).isEqualTo("100.64.1.2");
    assertThat(r.address()).isNull();
    assertThat(r.error()).contains("cgnat");
  }

  @Test
  void ipv6IsWrittenInItsCanonicalForm() {
    assertThat(AddressLiteral.canonical("2001:DB8:0:0:0:0:0:99")).isEqualTo("2001:db8::99");
    assertThat(AddressLiteral.canonical("2001:db8:0:1:0:0:0:1")).isEqualTo("2001:db8:0:1::1");
    assertThat(AddressLiteral.canonical("not-an-address")).isNull();
    assertThat(AddressLiteral.canonical("localhost")).isNull();
  }
}
