package dev.haremote.reachability.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code reachability.outside.globalping.*}: off by default, checked only when enabled (its
 * duration bounds always).
 */
class GlobalpingConfigCheckTest {

  private static Map<String, String> home() {
    Map<String, String> p = new HashMap<>();
    p.put("reachability.targets[0].id", "home");
    p.put("reachability.targets[0].url", "https://my-home.duckdns.org:8123");
    p.put("reachability.targets[0].families", "ipv4,ipv6");
    return p;
  }

  @Test
  void offByDefaultAndTheDefaultsAreValidWhenEnabled() {
    assertThat(ReachabilityConfigCheckTest.problems(home())).isEmpty();
    Map<String, String> p = home();
    p.put("reachability.outside.globalping.enabled", "true");
    assertThat(ReachabilityConfigCheckTest.problems(p)).isEmpty();
  }

  @Test
  void disabledSettingsAreNotChecked() {
    Map<String, String> p = home();
    p.put("reachability.outside.globalping.limit", "0");
    assertThat(ReachabilityConfigCheckTest.problems(p)).isEmpty();
  }

  @Test
  void durationBoundsHoldWhileDisabled() {
    Map<String, String> p = home();
    p.put("reachability.outside.globalping.interval", "110000d");
    assertThat(ReachabilityConfigCheckTest.problems(p))
        .containsExactly("reachability.outside.globalping.interval: must be 1s to 1d, not 110000d");
  }

  @Test
  void problemsNameTheKey() {
    Map<String, String> p = home();
    p.put("reachability.outside.globalping.enabled", "true");
    p.put("reachability.outside.globalping.url", "ftp://api.globalping.io");
    p.put("reachability.outside.globalping.token-file", "/nonexistent/gp-token");
    p.put("reachability.outside.globalping.limit", "3");
    p.put("reachability.outside.globalping.min-agreeing", "4");
    p.put("reachability.outside.globalping.timeout", "0s");
    assertThat(ReachabilityConfigCheckTest.problems(p))
        .containsExactlyInAnyOrder(
            "reachability.outside.globalping.url: must be an http:// or https:// URL",
            "reachability.outside.globalping.token-file: cannot read /nonexistent/gp-token",
            "reachability.outside.globalping.timeout: must be 100ms to 5m, not 0s",
            "reachability.outside.globalping.min-agreeing: must be between 1 and"
                + " reachability.outside.globalping.limit (3), not 4");
  }

  @Test
  void aCadenceOverGlobalpingsHourlyLimitIsRefused() {
    Map<String, String> p = home();
    p.put("reachability.outside.globalping.enabled", "true");
    p.put("reachability.outside.globalping.interval", "1m");
    // 2 families x 3 probes x 60 per hour = 360 tests, over the 250 allowed without a token.
    assertThat(ReachabilityConfigCheckTest.problems(p))
        .containsExactly(
            "reachability.outside.globalping.interval: PT1M with limit 3 for 2 measurement(s)"
                + " uses 360 tests per hour, over Globalping's 250 without a token");
  }
}
