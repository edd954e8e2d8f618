package dev.haremote.ddns.rest;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Nothing configured at all. */
public class EmptyProfile implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("quarkus.http.test-port", "0", "ddns.interval", "1s");
  }
}
