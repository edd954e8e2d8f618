package dev.haremote.reachability.outside;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.reachability.diagnosis.VerdictCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One probe's result (as the Globalping spec's FinishedHttpTestResult / FailedTestResult shape it,
 * with the real probe's error texts) to the suite's verdict, and the agreement over probes.
 */
class ProbeReadingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MANIFEST =
      "{\"name\":\"Home Assistant\",\"short_name\":\"Assistant\",\"start_url\":\"/?homescreen=1\"}";

  static JsonNode finished(int status, String body, String tls) throws Exception {
    return JSON.readTree(
        "{\"status\":\"finished\",\"resolvedAddress\":\"203.0.113.7\",\"headers\":{\"content-type\":"
            + "\"application/json\",\"server\":\"Python/3.13 aiohttp/3.11\"},\"rawHeaders\":\"Server:"
            + " x\",\"rawBody\":"
            + JSON.writeValueAsString(body)
            + ",\"truncated\":false,\"statusCode\":"
            + status
            + ",\"statusCodeName\":\"OK\",\"timings\":{\"total\":40,\"dns\":1,\"tcp\":10,"
            + "\"tls\":10,\"firstByte\":10,\"download\":1},\"tls\":"
            + tls
            + ",\"rawOutput\":\"HTTP/1.1 200\"}");
  }

  static String tls(boolean authorized, String error) {
    return "{\"authorized\":"
        + authorized
        + (error == null ? "" : ",\"error\":\"" + error + "\"")
        + ",\"protocol\":\"TLSv1.3\",\"cipherName\":\"TLS_AES_256_GCM_SHA384\",\"createdAt\":"
        + "\"2026-10-01T00:00:00.000Z\",\"expiresAt\":\"2026-12-30T00:00:00.000Z\",\"subject\":"
        + "{\"CN\":\"my-home.duckdns.org\",\"alt\":\"DNS:my-home.duckdns.org\"},\"issuer\":{\"C\":"
        + "\"US\",\"O\":\"Let's Encrypt\",\"CN\":\"R11\"},\"keyType\":\"EC\",\"keyBits\":256,"
        + "\"serialNumber\":\"04:A1\",\"fingerprint256\":\"AB:CD\",\"publicKey\":null}";
  }

  static JsonNode failed(String rawOutput) throws Exception {
    return JSON.readTree(
        "{\"status\":\"failed\",\"rawOutput\":" + JSON.writeValueAsString(rawOutput) + "}");
  }

  @Test
  void homeAssistantsManifestIsReached() throws Exception {
    ProbeReading r = ProbeReading.of(finished(200, MANIFEST, tls(true, null)));
    assertThat(r.reachable()).isTrue();
    assertThat(r.verdict()).isEqualTo(VerdictCode.OK);
  }

  @Test
  void aRouterPageIsNotHomeAssistantEvenWithABadCertificate() throws Exception {
    ProbeReading r =
        ProbeReading.of(
            finished(
                200,
                "<html><title>FRITZ!Box</title></html>",
                tls(false, "DEPTH_ZERO_SELF_SIGNED_CERT")));
    assertThat(r.reachable()).isFalse();
    assertThat(r.verdict()).isEqualTo(VerdictCode.NOT_HOME_ASSISTANT);
    assertThat(r.detail()).contains("FRITZ!Box");
  }

  @ParameterizedTest
  @CsvSource({
    "CERT_HAS_EXPIRED, cert_expired",
    "ERR_TLS_CERT_ALTNAME_INVALID, cert_name_mismatch",
    "DEPTH_ZERO_SELF_SIGNED_CERT, cert_untrusted",
    "SELF_SIGNED_CERT_IN_CHAIN, cert_untrusted",
    "UNABLE_TO_VERIFY_LEAF_SIGNATURE, cert_untrusted",
    "CERT_NOT_YET_VALID, cert_untrusted",
  })
  void homeAssistantBehindACertificateTheProbeRejects(String nodeError, String verdict)
      throws Exception {
    ProbeReading r = ProbeReading.of(finished(200, MANIFEST, tls(false, nodeError)));
    assertThat(r.reachable()).isFalse();
    assertThat(r.verdict().code()).isEqualTo(verdict);
    assertThat(r.detail()).isEqualTo("certificate: " + nodeError);
  }

  @Test
  void olderProbesSentTheErrorAsAnObject() throws Exception {
    JsonNode r =
        finished(200, MANIFEST, "{\"authorized\":false,\"error\":{\"code\":\"CERT_HAS_EXPIRED\"}}");
    assertThat(ProbeReading.of(r).verdict()).isEqualTo(VerdictCode.CERT_EXPIRED);
  }

  @Test
  void aiohttpsBareBadRequestIsAnUntrustedProxy() throws Exception {
    ProbeReading r = ProbeReading.of(finished(400, "400: Bad Request", "null"));
    assertThat(r.verdict()).isEqualTo(VerdictCode.PROXY_UNTRUSTED);
    assertThat(r.reachable()).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "connect ECONNREFUSED 203.0.113.7:8123 | false | port_closed",
        "Request timeout. | false | port_closed",
        "connect ETIMEDOUT 203.0.113.7:8123 | false | port_closed",
        "connect EHOSTUNREACH 2001:db8::7:8123 | false | port_closed",
        "Client network socket disconnected before secure TLS connection was established | false"
            + " | tls_error",
        "read ECONNRESET | false | tls_error",
        "Parse Error: Expected HTTP/ | false | not_home_assistant",
        "getaddrinfo ENOTFOUND my-home.duckdns.org | | ",
        "queryA ENODATA my-home.duckdns.org | | ",
        "something new | | ",
      })
  void failedTests(String rawOutput, Boolean reachable, String verdict) throws Exception {
    ProbeReading r = ProbeReading.of(failed(rawOutput));
    assertThat(r.reachable()).as(rawOutput).isEqualTo(reachable);
    assertThat(r.verdict() == null ? null : r.verdict().code()).as(rawOutput).isEqualTo(verdict);
  }

  @Test
  void offlineAndUnfinishedProbesDoNotVote() throws Exception {
    assertThat(
            ProbeReading.of(JSON.readTree("{\"status\":\"offline\",\"rawOutput\":\"\"}"))
                .reachable())
        .isNull();
    assertThat(
            ProbeReading.of(JSON.readTree("{\"status\":\"in-progress\",\"rawOutput\":\"\"}"))
                .reachable())
        .isNull();
  }

  @Test
  void detailsAreBoundedAndPrintable() throws Exception {
    ProbeReading r =
        ProbeReading.of(failed("connect ECONNREFUSED \u0000\u001b[31m" + "x".repeat(500)));
    assertThat(r.detail()).hasSizeLessThanOrEqualTo(120).doesNotContain("\u0000", "\u001b");
  }

  private static ProbeReading up() {
    return new ProbeReading(true, VerdictCode.OK, "Home Assistant answered");
  }

  private static ProbeReading down(VerdictCode v) {
    return new ProbeReading(false, v, v.code());
  }

  private static ProbeReading none() {
    return ProbeReading.unknown("probe offline");
  }

  @Test
  void agreementDecidesOnlyWithEnoughProbes() {
    FamilyReading all = FamilyReading.decide(List.of(up(), up(), up()), 2);
    assertThat(all.state()).isEqualTo("reachable");
    assertThat(all.answer().reachable()).isTrue();
    assertThat(all.reachedHomeAssistant()).isEqualTo(3);

    FamilyReading twoOfThree =
        FamilyReading.decide(List.of(up(), up(), down(VerdictCode.PORT_CLOSED)), 2);
    assertThat(twoOfThree.state()).isEqualTo("reachable");
    assertThat(twoOfThree.failed()).isEqualTo(Map.of(VerdictCode.PORT_CLOSED, 1));

    FamilyReading closed =
        FamilyReading.decide(
            List.of(down(VerdictCode.PORT_CLOSED), down(VerdictCode.PORT_CLOSED), none()), 2);
    assertThat(closed.state()).isEqualTo("unreachable");
    assertThat(closed.answer())
        .isEqualTo(
            new dev.haremote.reachability.diagnosis.ExternalView.FamilyAnswer(
                false, VerdictCode.PORT_CLOSED));

    FamilyReading lonely = FamilyReading.decide(List.of(up(), none(), none()), 2);
    assertThat(lonely.state()).isEqualTo("unknown");
    assertThat(lonely.answer().reachable()).isNull();
    assertThat(lonely.detail()).contains("fewer than 2 probes agree");

    FamilyReading split = FamilyReading.decide(List.of(up(), down(VerdictCode.PORT_CLOSED)), 2);
    assertThat(split.state()).as("shown, not hidden").isEqualTo("disagree");
    assertThat(split.answer().reachable()).isNull();
    assertThat(split.detail()).isEqualTo("1 probe(s) reached Home Assistant, 1 did not");

    FamilyReading evenSplit =
        FamilyReading.decide(
            List.of(up(), up(), down(VerdictCode.PORT_CLOSED), down(VerdictCode.PORT_CLOSED)), 2);
    assertThat(evenSplit.state()).isEqualTo("disagree");

    assertThat(FamilyReading.decide(List.of(), 2).state()).isEqualTo("unknown");
  }

  @Test
  void theMostFrequentFailureWinsATieGoesToTheEarlierLink() {
    FamilyReading r =
        FamilyReading.decide(
            List.of(
                down(VerdictCode.CERT_EXPIRED),
                down(VerdictCode.CERT_EXPIRED),
                down(VerdictCode.PORT_CLOSED)),
            2);
    assertThat(r.verdict()).isEqualTo(VerdictCode.CERT_EXPIRED);
    FamilyReading tie =
        FamilyReading.decide(
            List.of(down(VerdictCode.CERT_EXPIRED), down(VerdictCode.PORT_CLOSED)), 2);
    assertThat(tie.verdict()).isEqualTo(VerdictCode.PORT_CLOSED);
  }
}
