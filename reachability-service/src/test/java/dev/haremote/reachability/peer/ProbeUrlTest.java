package dev.haremote.reachability.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProbeUrlTest {
  private final PeerAllowList allow =
      PeerAllowList.of(List.of("https://my-home.duckdns.org:8123", "http://127.0.0.1:18123/ha"));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://my-home.duckdns.org:8123",
        "https://my-home.duckdns.org:8123/",
        "HTTPS://MY-HOME.DUCKDNS.ORG:8123",
        "https://my-home.duckdns.org.:8123",
        "http://127.0.0.1:18123/ha",
        "http://127.0.0.1:18123/ha/"
      })
  void sameUrlInHarmlessSpellingsIsAdmitted(String url) {
    assertThat(allow.admit(url)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.1:18123/ha",
        "http://0x7f000001:18123/ha",
        "http://2130706433:18123/ha",
        "http://0177.0.0.1:18123/ha",
        "http://127.0.0.1.:18123/ha",
        "http://[::ffff:127.0.0.1]:18123/ha",
        "http://[::ffff:7f00:1]:18123/ha",
        "http://[::127.0.0.1]:18123/ha",
        "http://user@127.0.0.1:18123/ha",
        "http://127.0.0.1:18123@evil.example:18123/ha",
        "http://127.0.0.1:18123/ha?x=1",
        "http://127.0.0.1:18123/ha#x",
        "http://127.0.0.1:18123/ha/../q/metrics",
        "http://127.0.0.1:18123/h%61",
        "http://127.0.0.1:18124/ha",
        "http://127.0.0.1:18123/hab",
        "http://127.0.0.1:18123",
        "https://127.0.0.1:18123/ha",
        "https://my-home.duckdns.org:8124",
        "https://my-home.duckdns.org.evil.example:8123",
        "https://evil.example/my-home.duckdns.org:8123",
        "file:///etc/passwd",
        "gopher://127.0.0.1:18123/ha",
        "",
        "not a url"
      })
  void otherSpellingsAndTargetsAreRefused(String url) {
    assertThat(allow.admit(url)).as(url).isEmpty();
  }

  @Test
  void canonicalForm() {
    assertThat(ProbeUrl.parse("HTTP://Example.COM./a/").url().toString())
        .isEqualTo("http://example.com:80/a");
    assertThat(ProbeUrl.parse("https://[2001:DB8:0:0:0:0:0:1]/").url().toString())
        .isEqualTo("https://[2001:db8::1]:443");
    assertThat(ProbeUrl.parse("https://[::1]:8123").url().host()).isEqualTo("[::1]");
    assertThat(ProbeUrl.parse("http://256.0.0.1/").ok()).isFalse();
  }
}
