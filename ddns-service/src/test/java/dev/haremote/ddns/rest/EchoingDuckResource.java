package dev.haremote.ddns.rest;

import dev.haremote.ddns.testing.EngineLab;
import dev.haremote.labkit.ddns.DuckDnsStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * The lab of {@link DdnsLabResource} with updates on and fast retries, so that every few seconds
 * the DuckDNS stand-in is asked again and can echo the token in another form.
 */
public class EchoingDuckResource implements QuarkusTestResourceLifecycleManager {
  /** Holds characters every encoding changes: / + = and a space. */
  static final String TOKEN = "duck/Tok+en=9c41 e7d2b8a3";

  static volatile DuckDnsStandIn duck;
  private EngineLab lab;

  @Override
  public Map<String, String> start() {
    lab = new EngineLab(2);
    duck = lab.provider(new DuckDnsStandIn(TOKEN, "my-home"));
    duck.answer(200, "ERR-start", Map.of()); // never applied: the drift stays, updates repeat
    Map<String, String> p = new HashMap<>(lab.properties(false));
    p.put("ddns.records[0].provider", "duckdns");
    p.put("ddns.records[0].update", "true");
    p.put("ddns.records[0].duckdns.url", duck.updateUrl());
    p.put("ddns.records[0].duckdns.token-file", lab.secretFile(TOKEN).toString());
    p.put("ddns.interval", "1s");
    p.put("ddns.cooldown", "0s");
    p.put("ddns.backoff-initial", "1s");
    p.put("ddns.backoff-max", "1s");
    p.put("ddns.confirm-timeout", "1s");
    return p;
  }

  @Override
  public void stop() {
    if (lab != null) {
      lab.close();
    }
  }
}
