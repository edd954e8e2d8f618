package dev.haremote.common.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DnsServerTest {

  @ParameterizedTest
  @CsvSource({
    "1.1.1.1, 1.1.1.1, 53",
    "1.1.1.1:5353, 1.1.1.1, 5353",
    "ns1.example.net, ns1.example.net, 53",
    "ns1.example.net.:54, ns1.example.net., 54",
    "'[2001:db8::1]:5300', 2001:db8::1, 5300",
    "'[2001:DB8:0:0:0:0:0:1]', 2001:db8::1, 53",
    "'2001:db8::53', 2001:db8::53, 53",
    "'::1', ::1, 53",
  })
  void parsesTheFormsUsersWrite(String text, String host, int port) {
    DnsServer server = DnsServer.parse(text);
    assertThat(server.host()).isEqualTo(host);
    assertThat(server.port()).isEqualTo(port);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "  ",
        "1.1.1.1:0",
        "1.1.1.1:70000",
        "host:abc",
        "[::1",
        "[::1]x",
        "[ns1]:53",
        "2001:db8::zz",
        "bad host"
      })
  void rejectsWhatIsNotAServer(String text) {
    assertThatThrownBy(() -> DnsServer.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({"'[::1]:53', '[::1]:53'", "1.2.3.4, 1.2.3.4:53"})
  void printsInTheFormItParses(String text, String printed) {
    assertThat(DnsServer.parse(text)).hasToString(printed);
    assertThat(DnsServer.parse(DnsServer.parse(text).toString())).isEqualTo(DnsServer.parse(text));
  }
}
