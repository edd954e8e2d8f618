package dev.haremote.ddns.testing;

import dev.haremote.common.dns.DnsClient;
import dev.haremote.common.dns.SystemResolver;
import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.tls.TrustConfig;
import dev.haremote.ddns.discovery.HostAddresses;
import dev.haremote.ddns.service.DdnsEngine;
import dev.haremote.ddns.service.DdnsEngineFactory;
import dev.haremote.ddns.status.DdnsStatus;
import dev.haremote.ddns.status.RecordStatus;
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
 * the first argument, runs a round every 200 ms and prints {@code ROUND in_sync result=R skew=S
 * stopped=B} after each (the record's last update result, the status' clock_skew_seconds, updates
 * stopped).
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
      RecordStatus r = status.records().isEmpty() ? null : status.records().get(0);
      System.out.println(
          "ROUND "
              + status.inSync()
              + " result="
              + (r == null || r.lastUpdate() == null ? null : r.lastUpdate().result())
              + " skew="
              + status.clockSkewSeconds()
              + " stopped="
              + (r != null && r.updatesStopped() != null));
      System.out.flush();
      Thread.sleep(200);
    }
  }
}
