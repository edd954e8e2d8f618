package dev.haremote.common.suite.plumbing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A configured API token; reads stay open. */
public class TokenProfile implements QuarkusTestProfile {
  static final String TOKEN = "test-token-4711";

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("suite.api-token", TOKEN);
  }
}
