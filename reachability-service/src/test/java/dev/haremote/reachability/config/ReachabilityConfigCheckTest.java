package dev.haremote.reachability.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.suite.ConfigProblem;
import dev.haremote.reachability.peer.ProbeUrl;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReachabilityConfigCheckTest {

  static List<String> problems(Map<String, String> props) {
    Map<String, String> all = new HashMap<>(props);
    all.putIfAbsent("reachability.resolvers.public", "127.0.0.1");
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(ReachabilityConfig.class)
            .withConverter(Duration.class, 200, new DurationConverter())
            .withSources(new PropertiesConfigSource(all, "test", 500))
            .build();
    return ReachabilityConfigCheck.problems(config.getConfigMapping(ReachabilityConfig.class))
        .stream()
        .map(ConfigProblem::toString)
        .toList();
  }

  @Test
  void nothingConfiguredIsValid() {
    assertThat(problems(Map.of())).isEmpty();
  }

  @Test
  void problemsNameTheKeyWithItsIndex() {
    Map<String, String> p = new HashMap<>();
    p.put("reachability.failure-threshold", "0");
    p.put("reachability.interval", "0s");
    p.put("reachability.targets[0].id", "home");
    p.put("reachability.targets[0].url", "https://my-home.duckdns.org:8123");
    p.put("reachability.targets[1].id", "Bad Id");
    p.put("reachability.targets[1].url", "ftp://x");
    p.put("reachability.targets[1].families", "ipv4,ipv5");
    p.put("reachability.targets[2].id", "home");
    p.put("reachability.targets[2].url", "https://user:pw@example.net");
    p.put("reachability.ddns-url", "nope");
    p.put("reachability.peers[0].url", "https://vps.example.net:8081");
    p.put("reachability.peers[0].token-file", "/nonexistent/peer-token");
    p.put("reachability.peer.enabled", "true");
    p.put("reachability.peer.allow-list", "https://ok.example.net:8123,http://127.1:8123");
    assertThat(problems(p))
        .containsExactlyInAnyOrder(
            "reachability.interval: must be 1s to 1d, not 0s",
            "reachability.failure-threshold: must be at least 1, not 0",
            "reachability.targets[1].id: must be lower-case letters, digits, '-' or '_', not 'Bad Id'",
            "reachability.targets[1].url: must be an http:// or https:// URL",
            "reachability.targets[1].families[1]: must be ipv4 or ipv6, not 'ipv5'",
            "reachability.targets[2].id: 'home' is used by another target",
            "reachability.targets[2].url: must not contain user:password@ (use the *-file keys)",
            "reachability.ddns-url: must be an http:// or https:// URL",
            "reachability.peers[0].token-file: cannot read /nonexistent/peer-token",
            "reachability.peer.token-file: is required when reachability.peer.enabled=true",
            "reachability.peer.allow-list[1]: host is not a canonical name or address");
  }

  /** One URL rule: what start-up accepts as a target a peer accepts too, and the reverse. */
  @Test
  void aTargetUrlThatAPeerWouldRefuseIsRefusedAtStartUp() {
    String[] urls = {
      "https://h.example.net:8123/?x",
      "https://h.example.net/#frag",
      "https://h.example.net/a/../b",
      "https://h.example.net:8123",
      "http://192.168.1.10:8123/",
      "https://[2001:db8::1]:8443"
    };
    for (String url : urls) {
      Map<String, String> p = new HashMap<>();
      p.put("reachability.targets[0].id", "home");
      p.put("reachability.targets[0].url", url);
      p.put("reachability.targets[0].internal-url", url);
      ProbeUrl.Result peer = ProbeUrl.parse(url);
      if (peer.ok()) {
        assertThat(problems(p)).as(url).isEmpty();
      } else {
        assertThat(problems(p))
            .as(url)
            .containsExactlyInAnyOrder(
                "reachability.targets[0].url: is not a URL a peer can probe: " + peer.refusal(),
                "reachability.targets[0].internal-url: is not a URL a peer can probe: "
                    + peer.refusal());
      }
    }
    assertThat(ProbeUrl.parse(urls[0]).ok()).isFalse();
    assertThat(ProbeUrl.parse(urls[3]).ok()).isTrue();
  }

  @Test
  void valuesThatCannotWorkAreRefusedAtStartUpNotInEveryRound() {
    Map<String, String> p = new HashMap<>();
    p.put("reachability.plain-http-port", "99999");
    p.put("reachability.timeout", "110000d");
    assertThat(problems(p))
        .containsExactlyInAnyOrder(
            "reachability.timeout: must be 100ms to 5m, not 110000d",
            "reachability.plain-http-port: must be a port 1..65535, not 99999");
  }
}
