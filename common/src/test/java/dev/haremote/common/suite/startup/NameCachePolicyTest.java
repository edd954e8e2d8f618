package dev.haremote.common.suite.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Security;
import org.junit.jupiter.api.Test;

class NameCachePolicyTest {

  @Test
  void nameLookupsAreCachedForOneSecondAndFailuresNotAtAll() {
    NameCachePolicy.apply();

    assertThat(Security.getProperty("networkaddress.cache.ttl")).isEqualTo("1");
    assertThat(Security.getProperty("networkaddress.cache.negative.ttl")).isEqualTo("0");
  }
}
