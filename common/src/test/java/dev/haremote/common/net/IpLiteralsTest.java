package dev.haremote.common.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralsTest {

  @ParameterizedTest
  @CsvSource({
    "192.0.2.1, 192.0.2.1",
    "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "0:0:0:0:0:0:0:1, ::1",
    "0:0:0:0:0:0:0:0, ::",
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
    "'[fe80:0:0:0:0:0:0:1]', fe80::1",
  })
  void formatsLikeRfc5952(String text, String canonical) {
    assertThat(IpLiterals.normalize(text)).isEqualTo(canonical);
  }

  @ParameterizedTest
  @ValueSource(strings = {"example.org", "256.1.1.1", "1.2.3", "", "::g", "1.2.3.4.5"})
  void nonLiteralsAreNotParsed(String text) {
    assertThat(IpLiterals.parse(text)).isEmpty();
  }
}
