package dev.haremote.ddns.rest;

import dev.haremote.ddns.testing.EngineLab;
import dev.haremote.labkit.ddns.DuckDnsStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/** BIND, two echo sources and a DuckDNS stand-in for the Quarkus tests, on OS-chosen ports. */
public class DdnsLabResource implements QuarkusTestResourceLifecycleManager {
  static final String TOKEN = "duck-token-for-quarkus-test-81c2";
  private EngineLab lab;

  /** The running lab, for tests that count what its stand-ins were asked. */
  static volatile EngineLab current;

  @Override
  public Map<String, String> start() {
    lab = new EngineLab(2);
    current = lab;
    DuckDnsStandIn duck = lab.provider(new DuckDnsStandIn(TOKEN, "my-home"));
    Map<String, String> p = new HashMap<>(lab.properties(false));
    p.put("ddns.records[0].provider", "duckdns");
    p.put("ddns.records[0].update", "false");
    p.put("ddns.records[0].duckdns.url", duck.updateUrl());
    p.put("ddns.records[0].duckdns.token-file", lab.secretFile(TOKEN).toString());
    p.put("ddns.interval", "1h"); // the test drives rounds with POST /api/v1/check
    return p;
  }

  @Override
  public void stop() {
    if (lab != null) {
      lab.close();
    }
  }
}
