package dev.haremote.ddns.service;

import static dev.haremote.ddns.testing.EngineLab.NAME;
import static dev.haremote.ddns.testing.EngineLab.NEW;
import static dev.haremote.ddns.testing.EngineLab.NEW6;
import static dev.haremote.ddns.testing.EngineLab.OLD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.ddns.discovery.AddressLiteral;
import dev.haremote.ddns.state.DdnsState;
import dev.haremote.ddns.state.StateStore;
import dev.haremote.ddns.status.DdnsStatus;
import dev.haremote.ddns.status.RecordStatus;
import dev.haremote.ddns.testing.EngineLab;
import dev.haremote.labkit.ddns.DuckDnsStandIn;
import dev.haremote.labkit.ddns.Dyndns2StandIn;
import dev.haremote.labkit.ddns.ProviderStandIn;
import dev.haremote.labkit.upnp.IgdStandIn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** Whole rounds against a real BIND and provider stand-ins on loopback. */
class DdnsEngineTest {
  private static final String TOKEN = "d7c1a0de-5eed-4bad-8c0f-000000000042";
  private EngineLab lab;

  @AfterEach
  void close() {
    if (lab != null) {
      lab.close();
    }
  }

  private Map<String, String> duckdns(EngineLab lab, DuckDnsStandIn duck, boolean ipv6) {
    Map<String, String> p = lab.properties(ipv6);
    p.put("ddns.records[0].provider", "duckdns");
    p.put("ddns.records[0].update", "true");
    p.put("ddns.records[0].duckdns.url", duck.updateUrl());
    p.put("ddns.records[0].duckdns.token-file", lab.secretFile(TOKEN).toString());
    return p;
  }

  @Test
  void watchOnlyReportsDriftAndChangesNothing() {
    lab = new EngineLab(2);
    Map<String, String> p = lab.properties(false);
    p.put("ddns.records[0].provider", "duckdns");
    DdnsEngine engine = lab.engine(p);

    DdnsStatus first = engine.runNow();
    lab.clock.advance(Duration.ofMinutes(1));
    DdnsStatus second = engine.runNow();

    RecordStatus r = second.records().get(0);
    assertThat(second.publicIpv4()).isEqualTo(NEW);
    assertThat(second.sourcesAgree()).isTrue();
    assertThat(r.expected()).isEqualTo(NEW);
    assertThat(r.published()).isEqualTo(OLD);
    assertThat(r.inSync()).isFalse();
    assertThat(second.inSync()).isFalse();
    assertThat(r.driftSince()).isEqualTo(first.records().get(0).driftSince()).isNotNull();
    assertThat(r.ttl()).isEqualTo(60L);
    // The resolvers agree with the authoritative servers, but on the old address: that is not
    // the home's address having propagated.
    assertThat(r.resolversAgree()).isTrue();
    assertThat(r.propagated()).isFalse();
    assertThat(r.advice()).contains(OLD).contains(NEW).contains("only watches");
    assertThat(second.advice()).isEqualTo(r.advice());
    assertThat(r.lastUpdate()).isNull();
    assertThat(lab.published(Type.A)).containsExactly(OLD);
    assertThat(lab.registry.scrape())
        .containsPattern(
            "ddns_record_propagated\\{family=\"ipv4\",name=\"" + NAME + "\",?\\} 0\\.0")
        .containsPattern("ddns_record_in_sync\\{family=\"ipv4\",name=\"" + NAME + "\",?\\} 0\\.0");
  }

  @Test
  void unknownIsNotShownAsNo() {
    lab = new EngineLab(2);
    DdnsEngine engine = lab.engine(lab.properties(false));

    DdnsStatus status = engine.runNow();

    // No UPnP source: nothing is known about NAT in front of the router.
    assertThat(status.cgnat()).isNull();
    assertThat(status.doubleNat()).isNull();
    assertThat(lab.registry.scrape()).contains("ddns_cgnat NaN").contains("ddns_double_nat NaN");
  }

  @Test
  void withoutAnySourceTheStatusSaysSo() {
    lab = new EngineLab(2);
    Map<String, String> p = lab.properties(false);
    p.keySet().removeIf(k -> k.startsWith("ddns.discovery.sources"));
    p.put("ddns.discovery.defaults", "false");
    DdnsEngine engine = lab.engine(p);

    DdnsStatus status = engine.runNow();

    assertThat(status.sources()).isEmpty();
    assertThat(status.publicIpv4()).isNull();
    assertThat(status.error()).contains("No public address sources");
    assertThat(status.advice()).contains("ddns.discovery.defaults");
    assertThat(status.records().get(0).inSync()).isNull();
    assertThat(status.records().get(0).advice()).contains("cannot compare");
  }

  @Test
  void withNoSourcesConfiguredTheDefaultSetIsUsed() {
    Map<String, String> p = new java.util.HashMap<>();
    p.put("ddns.records[0].name", NAME);
    p.put("ddns.records[0].families", "ipv4,ipv6");
    List<dev.haremote.ddns.discovery.SourceSpec> specs =
        DdnsEngineFactory.sourceSpecs(dev.haremote.ddns.testing.TestConfigs.ddns(p));

    assertThat(specs)
        .isEqualTo(
            dev.haremote.ddns.discovery.DefaultSources.forFamilies(
                List.of(
                    dev.haremote.common.net.IpFamily.IPV4, dev.haremote.common.net.IpFamily.IPV6)));
    p.put("ddns.discovery.defaults", "false");
    assertThat(DdnsEngineFactory.sourceSpecs(dev.haremote.ddns.testing.TestConfigs.ddns(p)))
        .isEmpty();
  }

  @Test
  void repairsAfterTwoChecksConfirmsAndThenLeavesItAlone() {
    lab = new EngineLab(2);
    DuckDnsStandIn duck = lab.provider(new DuckDnsStandIn(TOKEN, "my-home"));
    DdnsEngine engine = lab.engine(duckdns(lab, duck, true));

    DdnsStatus first = engine.runNow();
    assertThat(duck.received()).isEmpty(); // drift seen once: not yet
    assertThat(first.records()).extracting(RecordStatus::inSync).containsExactly(false, false);

    lab.clock.advance(Duration.ofMinutes(1));
    DdnsStatus second = engine.runNow();

    assertThat(duck.received()).hasSize(1); // DuckDNS sets both families in one request
    String query = duck.received().get(0).pathAndQuery();
    assertThat(query)
        .contains("ip=" + NEW)
        .contains("ipv6=2001%3Adb8%3A%3A7")
        .contains("verbose=true");
    assertThat(lab.published(Type.A)).containsExactly(NEW);
    RecordStatus v4 = second.records().get(0);
    assertThat(v4.inSync()).isTrue();
    assertThat(v4.driftSince()).isNull();
    assertThat(v4.lastUpdate().result()).isEqualTo("success");
    assertThat(v4.lastUpdate().address()).isEqualTo(NEW);
    assertThat(second.records().get(1).published()).isEqualTo(NEW6);
    assertThat(lab.bind.query(NAME, Type.TXT))
        .singleElement()
        .asString()
        .contains("acme-challenge-stays");
    assertThat(lab.bind.query("neighbour.duckdns.org", Type.A)).containsExactly("198.51.100.200");

    assertThat(second.records().get(1).inSync()).isTrue();
    assertThat(lab.published(Type.AAAA))
        .extracting(AddressLiteral::canonical)
        .containsExactly(NEW6);

    lab.clock.advance(Duration.ofMinutes(10));
    DdnsStatus third = engine.runNow();
    assertThat(duck.received()).hasSize(1);
    assertThat(third.inSync()).isTrue();
    assertThat(lab.registry.scrape())
        .contains(
            "ddns_updates_total{name=\"my-home.duckdns.org\",provider=\"duckdns\",result=\"success\",} 1.0");
  }

  @Test
  void disagreeingSourcesNameTheOddOneAndNeverUpdate() {
    lab = new EngineLab(3);
    lab.echoes.get(1).say("198.51.100.99");
    DuckDnsStandIn duck = lab.provider(new DuckDnsStandIn(TOKEN, "my-home"));
    DdnsEngine engine = lab.engine(duckdns(lab, duck, false));

    DdnsStatus status = null;
    for (int i = 0; i < 3; i++) {
      status = engine.runNow();
      lab.clock.advance(Duration.ofMinutes(10));
    }

    assertThat(duck.received()).isEmpty();
    assertThat(status.sourcesAgree()).isFalse();
    assertThat(status.oddSources()).containsExactly("echo-1");
    assertThat(status.records().get(0).inSync()).isFalse();
    assertThat(lab.published(Type.A)).containsExactly(OLD);
    assertThat(lab.registry.scrape()).contains("ddns_source_agreement{family=\"ipv4\",} 0.0");
  }

  @Test
  void aFatalAnswerStopsUpdatesAcrossRestartsUntilTheConfigChanges() throws Exception {
    lab = new EngineLab(2);
    Dyndns2StandIn dyn = lab.provider(new Dyndns2StandIn("me", "right-password", NAME));
    Map<String, String> p = lab.properties(false);
    p.put("ddns.records[0].provider", "dyndns2");
    p.put("ddns.records[0].update", "true");
    p.put("ddns.records[0].dyndns2.url", dyn.updateUrl());
    p.put("ddns.records[0].dyndns2.username", "me");
    p.put("ddns.records[0].dyndns2.password-file", lab.secretFile("wrong-password").toString());
    DdnsEngine engine = lab.engine(p);

    for (int i = 0; i < 4; i++) {
      engine.runNow();
      lab.clock.advance(Duration.ofHours(1));
    }
    DdnsStatus status = engine.latest();
    assertThat(dyn.received()).hasSize(1);
    assertThat(status.records().get(0).updatesStopped()).contains("badauth");
    assertThat(status.records().get(0).lastUpdate().result()).isEqualTo("fatal");

    DdnsEngine restarted = lab.engine(p);
    restarted.runNow();
    lab.clock.advance(Duration.ofHours(1));
    restarted.runNow();
    assertThat(dyn.received()).hasSize(1);
    assertThat(restarted.latest().records().get(0).updatesStopped()).isNotNull();

    p.put("ddns.records[0].dyndns2.password-file", lab.secretFile("right-password").toString());
    DdnsEngine fixed = lab.engine(p);
    fixed.runNow();
    lab.clock.advance(Duration.ofMinutes(1));
    DdnsStatus after = fixed.runNow();
    assertThat(dyn.received()).hasSize(2);
    assertThat(after.records().get(0).inSync()).isTrue();
    assertThat(after.records().get(0).updatesStopped()).isNull();
  }

  @Test
  void driftSinceSurvivesARestart() {
    lab = new EngineLab(2);
    Map<String, String> p = lab.properties(false);
    DdnsStatus before = lab.engine(p).runNow();
    lab.clock.advance(Duration.ofMinutes(30));

    DdnsStatus after = lab.engine(p).runNow();

    assertThat(after.records().get(0).driftSince())
        .isEqualTo(before.records().get(0).driftSince())
        .isNotNull();
    DdnsState saved = new StateStore(lab.stateDir).load();
    assertThat(saved.records.get("my-home.duckdns.org/ipv4").driftSince).isNotNull();
  }

  @Test
  void aFailedUpdateBacksOffAndHonoursRetryAfter() {
    lab = new EngineLab(2);
    DuckDnsStandIn duck = lab.provider(new DuckDnsStandIn(TOKEN, "my-home"));
    duck.answer(429, "slow down", Map.of("Retry-After", "3600"));
    Map<String, String> p = duckdns(lab, duck, false);
    p.put("ddns.cooldown", "0s");
    DdnsEngine engine = lab.engine(p);

    engine.runNow();
    lab.clock.advance(Duration.ofMinutes(1));
    DdnsStatus limited = engine.runNow();
    assertThat(duck.received()).hasSize(1);
    assertThat(limited.records().get(0).lastUpdate().result()).isEqualTo("rate_limited");
    assertThat(limited.records().get(0).nextUpdateNotBefore())
        .isEqualTo(lab.clock.instant().plus(Duration.ofHours(1)));

    lab.clock.advance(Duration.ofMinutes(30));
    engine.runNow();
    assertThat(duck.received()).hasSize(1);

    duck.normal();
    lab.clock.advance(Duration.ofMinutes(31));
    DdnsStatus repaired = engine.runNow();
    assertThat(duck.received()).hasSize(2);
    assertThat(repaired.records().get(0).inSync()).isTrue();
  }

  @Test
  void aRouterWithoutAPublicAddressIsCgnat() {
    lab = new EngineLab(2);
    try (IgdStandIn router = new IgdStandIn("100.64.12.34")) {
      Map<String, String> p = lab.properties(false);
      p.put("ddns.discovery.sources[2].type", "upnp");
      p.put("ddns.discovery.sources[2].id", "router");
      p.put("ddns.discovery.sources[2].ssdp-address", router.ssdpAddress());
      p.put("ddns.discovery.sources[2].router", "127.0.0.1");

      DdnsStatus status = lab.engine(p).runNow();

      assertThat(status.cgnat()).isTrue();
      assertThat(status.routerWanAddress()).isEqualTo("100.64.12.34");
      assertThat(status.cgnatAdvice()).contains("Ask the ISP for a public IPv4 address");
      assertThat(status.publicIpv4()).isEqualTo(NEW);
      assertThat(status.sourcesAgree()).isTrue(); // a refused address is no vote
      assertThat(lab.registry.scrape()).contains("ddns_cgnat 1.0");
    }
  }

  @Test
  void threeKoInARowStopDuckdnsUpdates() {
    lab = new EngineLab(2);
    DuckDnsStandIn duck = lab.provider(new DuckDnsStandIn("the-real-token", "my-home"));
    Map<String, String> p = duckdns(lab, duck, false); // configured with another token: KO
    p.put("ddns.cooldown", "0s");
    DdnsEngine engine = lab.engine(p);

    for (int i = 0; i < 8; i++) {
      engine.runNow();
      lab.clock.advance(Duration.ofDays(1));
    }

    assertThat(duck.received()).hasSize(3);
    RecordStatus r = engine.latest().records().get(0);
    assertThat(r.updatesStopped()).contains("KO 3 times");
    assertThat(r.updateAttempts()).isEqualTo(3);
    assertThat(lab.registry.scrape())
        .contains("ddns_updates_stopped{name=\"my-home.duckdns.org\",} 1.0")
        .contains(
            "ddns_updates_total{name=\"my-home.duckdns.org\",provider=\"duckdns\",result=\"failed\",} 3.0");
  }

  /** Runs rounds a day apart until one more update is sent (drift is seen on two checks first). */
  private void oneMoreUpdate(DdnsEngine engine, ProviderStandIn provider) {
    int before = provider.received().size();
    for (int i = 0; i < 3 && provider.received().size() == before; i++) {
      engine.runNow();
      lab.clock.advance(Duration.ofDays(1));
    }
    assertThat(provider.received()).hasSize(before + 1);
  }

  @Test
  void koCountsOnlyKoInARowServerErrorsBetweenDoNot() {
    lab = new EngineLab(2);
    DuckDnsStandIn duck = lab.provider(new DuckDnsStandIn("the-real-token", "my-home"));
    Map<String, String> p = duckdns(lab, duck, false); // configured with another token: KO
    p.put("ddns.cooldown", "0s");
    DdnsEngine engine = lab.engine(p);

    duck.answer(503, "busy", Map.of());
    oneMoreUpdate(engine, duck);
    oneMoreUpdate(engine, duck);
    duck.normal();
    oneMoreUpdate(engine, duck); // KO after two 503: the first KO, not the third failure
    oneMoreUpdate(engine, duck);
    assertThat(engine.latest().records().get(0).updatesStopped()).isNull();
    duck.answer(503, "busy", Map.of()); // ends the run of KO
    oneMoreUpdate(engine, duck);
    duck.normal();
    oneMoreUpdate(engine, duck);
    oneMoreUpdate(engine, duck);
    assertThat(engine.latest().records().get(0).updatesStopped()).isNull();

    DdnsEngine restarted = lab.engine(p); // the run is kept in the state file
    oneMoreUpdate(restarted, duck);
    for (int i = 0; i < 4; i++) {
      restarted.runNow();
      lab.clock.advance(Duration.ofDays(1));
    }

    assertThat(duck.received()).hasSize(8);
    assertThat(restarted.latest().records().get(0).updatesStopped())
        .startsWith("duckdns answered KO 3 times in a row; to resume, correct the secret file ");
  }

  @Test
  void dyndns2911WaitsHalfAnHourAndGood127StopsWithoutBlamingThePassword() {
    lab = new EngineLab(2);
    Dyndns2StandIn dyn = lab.provider(new Dyndns2StandIn("me", "pw", NAME));
    dyn.answer(200, "911", Map.of());
    Map<String, String> p = lab.properties(false);
    p.put("ddns.cooldown", "0s");
    p.put("ddns.records[0].provider", "dyndns2");
    p.put("ddns.records[0].update", "true");
    p.put("ddns.records[0].dyndns2.url", dyn.updateUrl());
    p.put("ddns.records[0].dyndns2.username", "me");
    p.put("ddns.records[0].dyndns2.password-file", lab.secretFile("pw").toString());
    DdnsEngine engine = lab.engine(p);

    engine.runNow();
    lab.clock.advance(Duration.ofMinutes(1));
    DdnsStatus after911 = engine.runNow();
    assertThat(dyn.received()).hasSize(1);
    assertThat(after911.records().get(0).nextUpdateNotBefore())
        .isEqualTo(lab.clock.instant().plus(Duration.ofMinutes(30)));
    lab.clock.advance(Duration.ofMinutes(1));
    engine.runNow();
    lab.clock.advance(Duration.ofMinutes(28));
    DdnsStatus waiting = engine.runNow(); // drift confirmed again, but 29 minutes after the 911
    assertThat(dyn.received()).hasSize(1);
    assertThat(waiting.records().get(0).repairWaits()).startsWith("waiting until ");

    dyn.answer(200, "good 127.0.0.1", Map.of());
    lab.clock.advance(Duration.ofMinutes(1));
    engine.runNow();
    lab.clock.advance(Duration.ofDays(1));
    engine.runNow();
    lab.clock.advance(Duration.ofDays(1));
    DdnsStatus refused = engine.runNow();
    assertThat(dyn.received()).hasSize(2);
    RecordStatus r = refused.records().get(0);
    assertThat(r.lastUpdate().result()).isEqualTo("fatal");
    assertThat(r.updatesStopped())
        .isEqualTo(
            "dyndns2 answered good 127.0.0.1: the provider ignored the request (it refuses this"
                + " client, like badagent); nothing was changed; to resume, correct the"
                + " configuration of "
                + NAME
                + " and restart");
    assertThat(lab.published(Type.A)).containsExactly(OLD);
  }

  @Test
  void rfc2136AtAServerNotAuthoritativeForTheZoneSaysSoAndNotTheSecret() {
    lab = new EngineLab(2);
    Map<String, String> p = lab.rfc2136(false);
    p.put("ddns.records[0].rfc2136.zone", "example.org."); // BIND here serves duckdns.org
    DdnsEngine engine = lab.engine(p);

    for (int i = 0; i < 3; i++) {
      engine.runNow();
      lab.clock.advance(Duration.ofHours(1));
    }

    RecordStatus r = engine.latest().records().get(0);
    assertThat(r.updateAttempts()).isEqualTo(1);
    assertThat(r.updatesStopped())
        .startsWith("rfc2136: NOTAUTH: " + lab.bind.hostPort() + " is not authoritative")
        .contains("the MNAME of its SOA record")
        .endsWith("; to resume, correct the configuration of " + NAME + " and restart")
        .doesNotContain("secret");
    assertThat(r.advice()).doesNotContain("secret");
    assertThat(lab.published(Type.A)).containsExactly(OLD);
  }

  @Test
  void aWatchedCnameIsAnAliasNeverDriftAndNeverUpdated() {
    lab = new EngineLab(2);
    lab.bind.replace("ha.duckdns.org", Type.CNAME, 60, "my-home.example.net.");
    Map<String, String> p = lab.rfc2136(false);
    p.put("ddns.records[0].name", "ha.duckdns.org");
    DdnsEngine engine = lab.engine(p);

    for (int i = 0; i < 3; i++) {
      engine.runNow();
      lab.clock.advance(Duration.ofHours(1));
    }

    DdnsStatus status = engine.latest();
    RecordStatus r = status.records().get(0);
    assertThat(r.inSync()).isNull();
    assertThat(status.inSync()).isNull();
    assertThat(r.published()).isNull();
    assertThat(r.driftSince()).isNull();
    assertThat(r.updateAttempts()).isZero();
    assertThat(r.lastUpdate()).isNull();
    assertThat(r.error()).startsWith("alias: ha.duckdns.org is a CNAME of my-home.example.net ");
    assertThat(r.advice())
        .isEqualTo(
            "ha.duckdns.org (ipv4) is an alias (CNAME) of my-home.example.net: its address is"
                + " whatever my-home.example.net has, so it is not compared with the home's public"
                + " address, and this service never updates it (an update belongs to"
                + " my-home.example.net): configure my-home.example.net in ddns.records with"
                + " update: true instead.");
    assertThat(lab.bind.query("ha.duckdns.org", Type.CNAME))
        .containsExactly("my-home.example.net.");
    assertThat(lab.bind.query("ha.duckdns.org", Type.A)).isEmpty();
  }

  @Test
  void rfc2136RepairsBothFamiliesAtBindAndConfirmsThere() {
    lab = new EngineLab(2);
    Map<String, String> p = lab.properties(true);
    p.put("ddns.records[0].provider", "rfc2136");
    p.put("ddns.records[0].update", "true");
    p.put("ddns.records[0].rfc2136.server", lab.bind.hostPort());
    p.put("ddns.records[0].rfc2136.zone", "duckdns.org.");
    p.put("ddns.records[0].rfc2136.key-name", lab.bind.keyName());
    p.put("ddns.records[0].rfc2136.secret-file", lab.secretFile(lab.bind.secret()).toString());
    DdnsEngine engine = lab.engine(p);

    engine.runNow();
    lab.clock.advance(Duration.ofMinutes(1));
    DdnsStatus status = engine.runNow();

    assertThat(status.records()).extracting(RecordStatus::inSync).containsExactly(true, true);
    assertThat(status.records())
        .extracting(r -> r.lastUpdate().result())
        .containsExactly("success", "success");
    assertThat(lab.published(Type.A)).containsExactly(NEW);
    assertThat(lab.published(Type.AAAA))
        .extracting(AddressLiteral::canonical)
        .containsExactly(NEW6);
    assertThat(lab.bind.query(NAME, Type.TXT))
        .singleElement()
        .asString()
        .contains("acme-challenge-stays");
    assertThat(lab.bind.query("neighbour.duckdns.org", Type.A)).containsExactly("198.51.100.200");
  }

  @Test
  void rfc2136WithAWrongKeyStopsAndLeavesTheZoneAlone() {
    lab = new EngineLab(2);
    Map<String, String> p = lab.properties(false);
    p.put("ddns.records[0].provider", "rfc2136");
    p.put("ddns.records[0].update", "true");
    p.put("ddns.records[0].rfc2136.server", lab.bind.hostPort());
    p.put("ddns.records[0].rfc2136.zone", "duckdns.org.");
    p.put("ddns.records[0].rfc2136.key-name", lab.bind.keyName());
    String wrong = dev.haremote.labkit.bind.BindServer.randomSecret();
    p.put("ddns.records[0].rfc2136.secret-file", lab.secretFile(wrong).toString());
    DdnsEngine engine = lab.engine(p);

    for (int i = 0; i < 4; i++) {
      engine.runNow();
      lab.clock.advance(Duration.ofHours(1));
    }

    RecordStatus r = engine.latest().records().get(0);
    assertThat(r.updateAttempts()).isEqualTo(1);
    assertThat(r.updatesStopped())
        .startsWith(
            "rfc2136: the server rejected the TSIG key (BADSIG); to resume, correct the"
                + " secret file ");
    assertThat(lab.published(Type.A)).containsExactly(OLD);
    assertThat(r.toString()).doesNotContain(wrong).doesNotContain(lab.bind.secret());
  }

  @Test
  void repeatedNochgWhileTheNameSaysOtherwiseStopsDyndns2BeforeItCountsAsAbuse() {
    lab = new EngineLab(2);
    Dyndns2StandIn dyn = lab.provider(new Dyndns2StandIn("me", "pw", NAME));
    dyn.answer(200, "nochg " + NEW, Map.of()); // claims it is set, but the name says OLD
    Map<String, String> p = lab.properties(false);
    p.put("ddns.cooldown", "0s");
    p.put("ddns.confirm-timeout", "500ms");
    p.put("ddns.records[0].provider", "dyndns2");
    p.put("ddns.records[0].update", "true");
    p.put("ddns.records[0].dyndns2.url", dyn.updateUrl());
    p.put("ddns.records[0].dyndns2.username", "me");
    p.put("ddns.records[0].dyndns2.password-file", lab.secretFile("pw").toString());
    DdnsEngine engine = lab.engine(p);

    for (int i = 0; i < 8; i++) {
      engine.runNow();
      lab.clock.advance(Duration.ofDays(1));
    }

    assertThat(dyn.received()).hasSize(2);
    assertThat(engine.latest().records().get(0).updatesStopped()).contains("nochg repeatedly");
  }
}
