package dev.haremote.reachability.e2e;

import dev.haremote.labkit.dns.TestDnsServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An outage: every resolver, inside and outside, takes the question and never answers (the home's
 * uplink is down, or the resolvers are). Two public resolvers, so that a report naming only the
 * first is caught.
 */
public class OutageHome implements QuarkusTestResourceLifecycleManager {
  static final String API_TOKEN = "suite-token-for-outage-tests-0123";
  static final List<String> PUBLIC = new ArrayList<>();

  private final HomeResources running = new HomeResources();

  @Override
  public Map<String, String> start() {
    try {
      TestDnsServer inside = keep(TestDnsServer.start().mode(TestDnsServer.Mode.SILENT));
      TestDnsServer first = keep(TestDnsServer.start().mode(TestDnsServer.Mode.SILENT));
      TestDnsServer second = keep(TestDnsServer.start().mode(TestDnsServer.Mode.SILENT));
      PUBLIC.add(first.hostPort());
      PUBLIC.add(second.hostPort());
      Map<String, String> config = new LinkedHashMap<>();
      config.put("quarkus.http.test-port", "0");
      config.put("suite.api-token", API_TOKEN);
      config.put("reachability.interval", "1h");
      config.put("reachability.timeout", "2s");
      config.put("reachability.failure-threshold", "1");
      config.put("reachability.resolvers.internal", inside.hostPort());
      config.put("reachability.resolvers.public", String.join(",", PUBLIC));
      config.put("reachability.targets[0].id", "home");
      config.put("reachability.targets[0].url", "https://home.ha.test:8123");
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private <T extends AutoCloseable> T keep(T resource) {
    return running.keep(resource);
  }

  @Override
  public void stop() {
    running.closeAll();
    PUBLIC.clear();
  }
}
