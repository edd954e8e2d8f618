package dev.haremote.ddns.rest;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** One watched DuckDNS record in a lab on loopback, and an API token. */
public class ConfiguredProfile implements QuarkusTestProfile {
  static final String API_TOKEN = "api-token-for-tests-6d0f";

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("suite.api-token", API_TOKEN, "quarkus.http.test-port", "0");
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(DdnsLabResource.class));
  }
}
