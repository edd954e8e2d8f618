package dev.haremote.ddns.update;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.dns.DnsServer;
import dev.haremote.common.net.IpFamily;
import dev.haremote.ddns.discovery.AddressLiteral;
import dev.haremote.labkit.bind.BindServer;
import dev.haremote.labkit.bind.ForgedUpdateResponder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/** RFC 2136 against a real BIND 9: repairs A and AAAA, refuses to trust what it must not. */
class Rfc2136ProviderBindTest {
  private static final String NAME = "home.example.test";
  private static final List<String> NAMES =
      List.of("example.test", NAME, "other.example.test", "www.example.test");
  private static final int[] TYPES = {
    Type.A, Type.AAAA, Type.TXT, Type.MX, Type.CNAME, Type.NS, Type.SOA
  };
  private static BindServer bind;

  @BeforeAll
  static void startBind() {
    requireNamed();
    bind =
        BindServer.builder("example.test")
            .record("home 60 IN A 192.0.2.1")
            .record("home 60 IN AAAA 2001:db8::1")
            .record("home 60 IN TXT \"keep me\"")
            .record("home 60 IN MX 10 mail.example.test.")
            .record("other 60 IN A 192.0.2.50")
            .record("www 60 IN CNAME home")
            .start();
  }

  static void requireNamed() {
    if (!BindServer.available()) {
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException("CI: /usr/sbin/named (Debian bind9) is required");
      }
      Assumptions.abort("skipped: /usr/sbin/named (Debian bind9) is not installed");
    }
  }

  @AfterAll
  static void stopBind() {
    if (bind != null) {
      bind.close();
    }
  }

  @BeforeEach
  void reset() {
    bind.replace(NAME, Type.A, 60, "192.0.2.1");
    bind.replace(NAME, Type.AAAA, 60, "2001:db8::1");
  }

  private Rfc2136Provider provider(TsigAlgorithm algorithm, String secret, int port) {
    return new Rfc2136Provider(
        new DnsServer("127.0.0.1", port),
        "example.test.",
        bind.keyName(),
        algorithm,
        secret,
        60,
        Duration.ofSeconds(3));
  }

  private static UpdateRequest request(IpFamily family, String address) {
    return new UpdateRequest(NAME, family, address, Map.of());
  }

  private List<String> everythingBut(int type) {
    List<String> all = bind.allRecords(NAMES, TYPES);
    String marker = " " + Type.string(type) + " ";
    return all.stream().filter(l -> !(l.startsWith(NAME + ". ") && l.contains(marker))).toList();
  }

  private List<String> soaFree(List<String> records) {
    return records.stream()
        .filter(l -> !l.contains(" SOA "))
        .toList(); // the serial moves on updates
  }

  @Test
  void repairsTheARecordAndNothingElse() {
    List<String> before = soaFree(everythingBut(Type.A));

    UpdateOutcome outcome =
        provider(TsigAlgorithm.HMAC_SHA256, bind.secret(), bind.port())
            .update(request(IpFamily.IPV4, "198.51.100.7"));

    assertThat(outcome.result()).as(outcome.detail()).isEqualTo(UpdateResult.SUCCESS);
    assertThat(bind.query(NAME, Type.A)).containsExactly("198.51.100.7");
    assertThat(soaFree(everythingBut(Type.A))).isEqualTo(before);
  }

  @Test
  void repairsTheAaaaRecordAndNothingElse() {
    List<String> before = soaFree(everythingBut(Type.AAAA));

    UpdateOutcome outcome =
        provider(TsigAlgorithm.HMAC_SHA256, bind.secret(), bind.port())
            .update(request(IpFamily.IPV6, "2001:db8::99"));

    assertThat(outcome.result()).as(outcome.detail()).isEqualTo(UpdateResult.SUCCESS);
    assertThat(bind.query(NAME, Type.AAAA))
        .extracting(AddressLiteral::canonical)
        .containsExactly("2001:db8::99");
    assertThat(soaFree(everythingBut(Type.AAAA))).isEqualTo(before);
  }

  @Test
  void aWrongKeyIsFatalAndChangesNothing() {
    List<String> before = bind.allRecords(NAMES, TYPES);

    UpdateOutcome outcome =
        provider(TsigAlgorithm.HMAC_SHA256, BindServer.randomSecret(), bind.port())
            .update(request(IpFamily.IPV4, "198.51.100.7"));

    assertThat(outcome.result()).isEqualTo(UpdateResult.FATAL);
    assertThat(outcome.detail()).isEqualTo("rfc2136: the server rejected the TSIG key (BADSIG)");
    assertThat(outcome.secretRuledOut()).isFalse();
    assertThat(bind.allRecords(NAMES, TYPES)).isEqualTo(before);
  }

  @Test
  void notauthForAZoneTheServerDoesNotServeIsNotAKeyProblem() {
    List<String> before = bind.allRecords(NAMES, TYPES);
    Rfc2136Provider elsewhere =
        new Rfc2136Provider(
            new DnsServer("127.0.0.1", bind.port()),
            "example.org.", // BIND here serves example.test only
            bind.keyName(),
            TsigAlgorithm.HMAC_SHA256,
            bind.secret(),
            60,
            Duration.ofSeconds(3));

    UpdateOutcome outcome =
        elsewhere.update(
            new UpdateRequest("home.example.org", IpFamily.IPV4, "198.51.100.7", Map.of()));

    // BIND signs its NOTAUTH with the right key (no TSIG error): RFC 2136 2.2's "not
    // authoritative".
    assertThat(outcome.result()).isEqualTo(UpdateResult.FATAL);
    assertThat(outcome.detail())
        .isEqualTo(
            "rfc2136: NOTAUTH: 127.0.0.1:"
                + bind.port()
                + " is not authoritative for the zone example.org. (RFC 2136 2.2; the TSIG key was"
                + " not refused). Check the zone name, and send updates to the zone's primary"
                + " server (the MNAME of its SOA record)");
    assertThat(outcome.secretRuledOut()).isTrue();
    assertThat(bind.allRecords(NAMES, TYPES)).isEqualTo(before);
  }

  @Test
  void aWrongAlgorithmIsFatalAndChangesNothing() {
    List<String> before = bind.allRecords(NAMES, TYPES);

    UpdateOutcome outcome =
        provider(TsigAlgorithm.HMAC_SHA512, bind.secret(), bind.port())
            .update(request(IpFamily.IPV4, "198.51.100.7"));

    assertThat(outcome.result()).isEqualTo(UpdateResult.FATAL);
    assertThat(bind.allRecords(NAMES, TYPES)).isEqualTo(before);
  }

  @Test
  void anUnsignedNoerrorAnswerIsAFailure() throws Exception {
    List<String> before = bind.allRecords(NAMES, TYPES);
    try (ForgedUpdateResponder forged = new ForgedUpdateResponder(null)) {
      UpdateOutcome outcome =
          provider(TsigAlgorithm.HMAC_SHA256, bind.secret(), forged.port())
              .update(request(IpFamily.IPV4, "198.51.100.7"));

      assertThat(forged.requests()).isEqualTo(1);
      assertThat(outcome.result()).isEqualTo(UpdateResult.FAILED);
      assertThat(outcome.detail()).contains("missing");
    }
    assertThat(bind.allRecords(NAMES, TYPES)).isEqualTo(before);
  }

  @Test
  void aNoerrorAnswerSignedWithAnotherKeyIsAFailure() throws Exception {
    TSIG other =
        new TSIG(
            TSIG.HMAC_SHA256,
            Name.fromString(bind.keyName() + "."),
            java.util.Base64.getDecoder().decode(BindServer.randomSecret()));
    try (ForgedUpdateResponder forged = new ForgedUpdateResponder(other)) {
      UpdateOutcome outcome =
          provider(TsigAlgorithm.HMAC_SHA256, bind.secret(), forged.port())
              .update(request(IpFamily.IPV4, "198.51.100.7"));

      assertThat(outcome.result()).isNotIn(UpdateResult.SUCCESS, UpdateResult.NOCHG);
    }
  }

  @Test
  void noServerIsARetryableFailure() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    UpdateOutcome outcome =
        provider(TsigAlgorithm.HMAC_SHA256, bind.secret(), closedPort)
            .update(request(IpFamily.IPV4, "198.51.100.7"));

    assertThat(outcome.result()).isEqualTo(UpdateResult.FAILED);
    assertThat(outcome.detail()).doesNotContain(bind.secret());
  }
}
