package dev.haremote.ddns.testing;

import dev.haremote.common.dns.DnsClient;
import dev.haremote.common.dns.SystemResolver;
import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.tls.TrustConfig;
import dev.haremote.ddns.discovery.HostAddresses;
import dev.haremote.ddns.service.DdnsEngine;
import dev.haremote.ddns.service.DdnsEngineFactory;
import dev.haremote.ddns.status.DdnsStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.FileReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The engine in a JVM of its own, so a test can kill -9 it: reads properties from the file named by
 * the first argument, runs a round every 200 ms and prints {@code ROUND in_sync} after each.
 */
public final class ChildEngineMain {
  private ChildEngineMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Properties props = new Properties();
    try (Reader r = new FileReader(args[0])) {
      props.load(r);
    }
    Map<String, String> map = new HashMap<>();
    props.forEach((k, v) -> map.put(k.toString(), v.toString()));
    DdnsEngine engine =
        new DdnsEngineFactory(
                new DnsClient(),
                new HttpProbe(TrustConfig.of(List.of())),
                new HostAddresses(new SystemResolver()),
                Clock.systemUTC())
            .create(TestConfigs.ddns(map), new SimpleMeterRegistry());
    System.out.println("STARTED");
    while (true) {
      DdnsStatus status = engine.runNow();
      System.out.println("ROUND " + status.inSync());
      System.out.flush();
      Thread.sleep(200);
    }
  }
}
