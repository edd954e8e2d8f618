package dev.haremote.ddns.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.haremote.common.suite.ConfigProblem;
import dev.haremote.ddns.config.DdnsConfigCheck;
import dev.haremote.ddns.testing.EngineLab;
import dev.haremote.ddns.testing.TestConfigs;
import dev.haremote.labkit.ddns.CloudflareStandIn;
import dev.haremote.labkit.ddns.DuckDnsStandIn;
import dev.haremote.labkit.ddns.Dyndns2StandIn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs every provider through success, KO, badauth, rate limits, hangs and hostile bodies that echo
 * the secret back, and looks for the secrets in everything that leaves the process: log records
 * (message, parameters, thrown), the metrics text, the status JSON and exception messages.
 */
class TokenNeverLeaksTest {
  private static final String DUCK_TOKEN = "duck-9c41e7d2b8a3f605";
  private static final String DYN_PASSWORD = "dyn-pass-71f0a2c4d9e8";
  private static final String CF_TOKEN = "cf-tok-b3d8e1f6a2c9704";
  private static final List<String> SECRETS = List.of(DUCK_TOKEN, DYN_PASSWORD, CF_TOKEN);

  private final List<String> captured = new ArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          if (r.getLoggerName() != null && r.getLoggerName().startsWith("com.sun.net.httpserver")) {
            return; // the stand-ins' own server: in real life that is the provider's side
          }
          StringBuilder sb = new StringBuilder(String.valueOf(r.getMessage()));
          if (r.getParameters() != null) {
            for (Object p : r.getParameters()) {
              sb.append(' ').append(p);
            }
          }
          for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
            sb.append(' ').append(t);
          }
          synchronized (captured) {
            captured.add(sb.toString());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private Level rootLevel;
  private EngineLab lab;

  @BeforeEach
  void captureLogs() {
    Logger root = Logger.getLogger("");
    rootLevel = root.getLevel();
    root.setLevel(Level.ALL);
    root.addHandler(handler);
  }

  @AfterEach
  void release() {
    Logger root = Logger.getLogger("");
    root.removeHandler(handler);
    root.setLevel(rootLevel);
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void noSecretInLogsMetricsJsonOrExceptions() throws Exception {
    lab = new EngineLab(2);
    DuckDnsStandIn duck = lab.provider(new DuckDnsStandIn(DUCK_TOKEN, "my-home"));
    Dyndns2StandIn dyn = lab.provider(new Dyndns2StandIn("me", DYN_PASSWORD, "dyn.duckdns.org"));
    CloudflareStandIn cf = lab.provider(new CloudflareStandIn(CF_TOKEN, "zone1"));
    Map<String, String> p = lab.properties(false);
    p.put("ddns.cooldown", "0s");
    p.put("ddns.backoff-initial", "1s");
    p.put("ddns.timeout", "1s");
    p.put("ddns.confirm-timeout", "1s");
    p.put("ddns.records[0].provider", "duckdns");
    p.put("ddns.records[0].update", "true");
    p.put("ddns.records[0].duckdns.url", duck.updateUrl());
    p.put("ddns.records[0].duckdns.token-file", lab.secretFile(DUCK_TOKEN).toString());
    p.put("ddns.records[1].name", "dyn.duckdns.org");
    p.put("ddns.records[1].provider", "dyndns2");
    p.put("ddns.records[1].update", "true");
    p.put("ddns.records[1].dyndns2.url", dyn.updateUrl());
    p.put("ddns.records[1].dyndns2.username", "me");
    p.put("ddns.records[1].dyndns2.password-file", lab.secretFile(DYN_PASSWORD).toString());
    p.put("ddns.records[2].name", "cf.duckdns.org");
    p.put("ddns.records[2].provider", "cloudflare");
    p.put("ddns.records[2].update", "true");
    p.put("ddns.records[2].cloudflare.zone-id", "zone1");
    p.put("ddns.records[2].cloudflare.url", cf.apiUrl());
    p.put("ddns.records[2].cloudflare.api-token-file", lab.secretFile(CF_TOKEN).toString());
    List<ConfigProblem> problems = new DdnsConfigCheck(TestConfigs.ddns(p)).problems();
    assertThat(problems).isEmpty();
    DdnsEngine engine = lab.engine(p);

    List<Runnable> behaviours =
        List.of(
            () ->
                all(
                    duck,
                    dyn,
                    cf,
                    200,
                    "OK\n" + DUCK_TOKEN + "\nUPDATED " + DYN_PASSWORD + " " + CF_TOKEN),
            () -> all(duck, dyn, cf, 200, "KO"),
            () -> all(duck, dyn, cf, 401, "badauth " + DUCK_TOKEN),
            () ->
                all(
                    duck,
                    dyn,
                    cf,
                    429,
                    "{\"errors\":[{\"code\":971,\"message\":\"" + CF_TOKEN + "\"}]}"),
            () ->
                all(
                    duck,
                    dyn,
                    cf,
                    500,
                    "\u0000\u0001garbage " + DUCK_TOKEN + DYN_PASSWORD + CF_TOKEN),
            () -> {
              duck.hang();
              dyn.hang();
              cf.hang();
            },
            () -> {
              duck.normal();
              dyn.normal();
              cf.normal();
            });
    List<String> statuses = new ArrayList<>();
    for (Runnable behaviour : behaviours) {
      behaviour.run();
      for (int i = 0; i < 2; i++) {
        statuses.add(json.writeValueAsString(engine.runNow()));
        lab.clock.advance(Duration.ofDays(2)); // past any backoff or Retry-After
      }
    }
    assertThat(duck.received().size() + dyn.received().size() + cf.received().size())
        .as("the providers were really called")
        .isGreaterThan(6);

    List<String> everything = new ArrayList<>();
    synchronized (captured) {
      everything.addAll(captured);
    }
    assertThat(everything).as("log records were captured").isNotEmpty();
    everything.add(lab.registry.scrape());
    everything.addAll(statuses);
    problems.forEach(x -> everything.add(x.toString()));
    for (String text : everything) {
      for (String secret : SECRETS) {
        assertThat(text).doesNotContain(secret);
      }
    }
  }

  private static void all(
      DuckDnsStandIn duck, Dyndns2StandIn dyn, CloudflareStandIn cf, int status, String body) {
    duck.answer(status, body, Map.of());
    dyn.answer(status, body, Map.of());
    cf.answer(status, body, Map.of());
  }
}
