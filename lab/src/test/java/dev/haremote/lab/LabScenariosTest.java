package dev.haremote.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every situation of the guide, built in the lab and diagnosed end to end by the three services
 * running inside it (and the outside peer in {@code internet}). Each scenario starts from the
 * healthy home ({@code lab.sh baseline}), breaks one link, runs the checks ({@code POST
 * /api/v1/check}: ddns first, whose facts reachability reads, then cert-watch, then reachability)
 * and asserts the status JSON the contract defines.
 *
 * <p>As three processes by default; {@code -Dlab.assembly=one-process} runs every scenario against
 * the one-process assembly ({@link LabOneProcessTest} runs two of them that way in every lab run).
 */
@Tag("lab")
@ExtendWith(SharedLab.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabScenariosTest {

  /** What the services' probes send as User-Agent (common's HttpProbe.USER_AGENT). */
  private static final String SUITE_USER_AGENT = "ha-remote-access";

  private Lab lab;

  @BeforeAll
  void servicesInTheLab(Lab lab) {
    this.lab = lab;
    lab.startServicesOrSkip();
  }

  @BeforeEach
  void healthyHome() {
    lab.sh("baseline");
  }

  /**
   * The real Home Assistant must never take the suite's checks for failed logins: it would raise a
   * "Login attempt failed" notification each time and, with {@code login_attempts_threshold} (3 in
   * the lab), ban the address the checks come from.
   */
  @AfterEach
  void noFailedLoginFromTheSuite() throws IOException {
    List<String> failedLogins =
        haLog().stream()
            .filter(line -> line.contains("invalid authentication"))
            .filter(line -> line.contains("(" + SUITE_USER_AGENT))
            .toList();
    assertThat(failedLogins).as("failed logins by the suite in HA's log").isEmpty();
  }

  @Test
  @Order(1)
  void healthy() {
    JsonNode ddns = lab.check("ddns");
    assertThat(ddns.get("in_sync").asBoolean()).as(pretty(ddns)).isTrue();
    assertThat(ddns.get("public_ipv4").asText()).isEqualTo(Lab.WAN_V4);
    assertThat(ddns.get("public_ipv6").asText()).isEqualTo(Lab.HOME_V6);
    assertThat(ddns.get("cgnat").asBoolean(false)).isFalse();
    JsonNode v4 = record(ddns, "ipv4");
    assertThat(v4.get("published").toString()).contains(Lab.WAN_V4);
    assertThat(v4.get("in_sync").asBoolean()).isTrue();

    JsonNode certs = checkCertificatesUntil(c -> c.get("ok").asBoolean());
    assertThat(certs.get("ok").asBoolean()).as(pretty(certs)).isTrue();
    JsonNode served = certificate(certs, "home", "ipv4");
    assertThat(served.get("hostname_match").asBoolean()).isTrue();
    assertThat(served.get("chain_valid").asBoolean()).isTrue();
    assertThat(served.get("days_left").asDouble()).isGreaterThan(30);
    assertThat(certificate(certs, "served", null).get("served_matches_file").asBoolean()).isTrue();

    JsonNode reach = lab.check("reach");
    JsonNode target = target(reach);
    assertThat(target.get("reachable").asBoolean()).as(pretty(reach)).isTrue();
    assertThat(target.get("ipv4").get("verdict").asText()).isEqualTo("ok");
    assertThat(target.get("hairpin").asBoolean()).isTrue();
    assertThat(target.get("dns_drift").asBoolean()).isFalse();
    for (String family : List.of("ipv4", "ipv6")) {
      JsonNode f = target.get(family);
      assertThat(f.get("reachable").asBoolean()).as(family + " " + pretty(f)).isTrue();
      assertThat(f.get("home_assistant").asBoolean()).isTrue();
      assertThat(f.get("websocket").asBoolean()).isTrue();
    }
    assertThat(target.get("external").get("reachable").asBoolean())
        .as("the outside peer: " + pretty(target.get("external")))
        .isTrue();
    // Home Assistant's own External URL is the one that works (read with the owner's token).
    JsonNode urls = target.get("ha_urls");
    assertThat(urls.get("checked").asBoolean()).as(pretty(urls)).isTrue();
    assertThat(urls.get("external_url").asText()).isEqualTo("https://" + Lab.NAME);
    assertThat(urls.get("problem").isNull()).isTrue();
  }

  @Test
  @Order(1)
  void healthyHomeGetsTheVerdictOk() throws IOException {
    lab.check("ddns");
    long mark = haLogLines();
    JsonNode reach = checkReachUntil("ok");
    assertVerdict(reach, "ok");
    // With the owner's token (ha-token-file) the WebSocket check ends with auth_ok, and HA logs
    // nothing about the inside checks (it warns about every connection closed in the auth phase).
    for (String family : List.of("ipv4", "ipv6")) {
      assertThat(target(reach).get(family).get("websocket_auth").asText())
          .as(family + " " + pretty(target(reach)))
          .isEqualTo("ok");
    }
    List<String> authPhaseWarnings =
        haLog().stream()
            .skip(mark)
            .filter(line -> line.contains("(" + SUITE_USER_AGENT + "): Disconnected"))
            .filter(line -> line.contains("from 192.0.2.") || line.contains("from 2001:db8:2:"))
            .toList();
    assertThat(authPhaseWarnings).as("HA's warnings about the inside checks").isEmpty();
  }

  @Test
  @Order(2)
  void hairpinOffThenSplitBrainDns() {
    lab.sh("hairpin", "off");
    lab.check("ddns");
    JsonNode reach = checkReachUntil("hairpin_unsupported");
    assertVerdict(reach, "hairpin_unsupported");
    assertThat(target(reach).get("advice").asText().toLowerCase(Locale.ROOT))
        .as("the guide's answer: split-brain DNS")
        .containsAnyOf("split-brain", "split brain", "split-horizon", "split horizon");
    assertThat(target(reach).get("hairpin").asBoolean(true)).isFalse();

    // The AdGuard-style rewrite on the internal resolver: inside, the name is the internal address.
    lab.sh("rewrite", "on");
    reach = lab.check("reach");
    assertThat(target(reach).get("ipv4").get("verdict").asText()).as(pretty(reach)).isEqualTo("ok");
    assertThat(target(reach).get("reachable").asBoolean()).isTrue();
    assertThat(target(reach).get("split_horizon").asBoolean()).isTrue();
    assertThat(target(reach).get("verdict").asText()).isNotEqualTo("hairpin_unsupported");
  }

  @Test
  @Order(3)
  void wanAddressChangesDriftIsSeenThenRepairedOverRfc2136() {
    String newWan = "203.0.113.11";
    lab.sh("wan", newWan);

    JsonNode ddns = lab.check("ddns");
    JsonNode v4 = record(ddns, "ipv4");
    assertThat(v4.get("in_sync").asBoolean()).as(pretty(v4)).isFalse();
    assertThat(v4.get("expected").asText()).isEqualTo(newWan);
    assertThat(v4.get("published").toString()).contains(Lab.WAN_V4);
    assertThat(v4.get("drift_since").isNull()).isFalse();
    assertThat(ddns.get("in_sync").asBoolean()).isFalse();
    // The resolvers agree with the authoritative servers, on the old address: not propagated.
    assertThat(v4.get("resolvers_agree").asBoolean()).as(pretty(v4)).isTrue();
    assertThat(v4.get("propagated").asBoolean(true)).isFalse();
    assertThat(v4.get("advice").asText()).contains(newWan).contains(Lab.WAN_V4);
    assertVerdict(checkReachUntil("dns_drift"), "dns_drift");

    // The public resolver caches the old answer for the record's TTL (10 s) from now on.
    assertThat(lab.dig("internet", Lab.NAME, "A")).isEqualTo(Lab.WAN_V4);

    // Drift seen on the second check too: with update: true the record is repaired.
    JsonNode repaired =
        lab.checkUntil(
            "ddns", Duration.ofSeconds(30), s -> record(s, "ipv4").get("in_sync").asBoolean());
    JsonNode after = record(repaired, "ipv4");
    assertThat(after.get("in_sync").asBoolean()).as(pretty(after)).isTrue();
    assertThat(after.get("propagated").asBoolean(true))
        .as("right after the update the public resolver still has the old answer cached")
        .isFalse();
    assertThat(after.get("last_update").get("address").asText()).isEqualTo(newWan);
    assertThat(lab.dig("internet", "+norec", "@" + Lab.AUTH_V4, Lab.NAME, "A"))
        .as("confirmed at the authoritative server")
        .isEqualTo(newWan);
    assertThat(lab.dig("internet", "+norec", "@" + Lab.AUTH_V4, "other.dyn.example.net", "A"))
        .as("the neighbour record is untouched")
        .isEqualTo("198.51.100.200");

    // The public resolver's cached answer expires after the record's TTL: then it has propagated.
    JsonNode propagated =
        lab.checkUntil(
            "ddns", Duration.ofSeconds(30), s -> record(s, "ipv4").get("propagated").asBoolean());
    assertThat(record(propagated, "ipv4").get("propagated").asBoolean())
        .as(pretty(propagated))
        .isTrue();
    assertThat(lab.dig("internet", Lab.NAME, "A")).isEqualTo(newWan);
    JsonNode reach = lab.check("reach");
    assertThat(target(reach).get("dns_drift").asBoolean()).as(pretty(reach)).isFalse();
    assertThat(target(reach).get("ipv4").get("verdict").asText()).isEqualTo("ok");
  }

  @Test
  @Order(4)
  void carrierGradeNat() {
    // The router's UPnP answer is the CG-NAT evidence; see lab.sh (upnp_source_line).
    lab.sh("ddns-upnp", "on");
    lab.sh("cgnat", "on");
    JsonNode ddns = lab.check("ddns");
    assertThat(ddns.get("cgnat").asBoolean(false)).as(pretty(ddns)).isTrue();
    assertThat(ddns.get("public_ipv4").asText()).isEqualTo("198.51.100.130");
    assertVerdict(checkReachUntil("cgnat"), "cgnat");
  }

  @Test
  @Order(5)
  void portForwardMissing() {
    lab.sh("forward443", "off");
    lab.check("ddns");
    JsonNode reach = checkReachUntil("port_closed");
    assertVerdict(reach, "port_closed");
    JsonNode external = target(reach).get("external");
    assertThat(external.get("reachable").asBoolean(true))
        .as("seen by the outside peer: " + pretty(external))
        .isFalse();
  }

  @Test
  @Order(6)
  void expiredCertificate() {
    lab.sh("cert", "expired");
    JsonNode certs =
        checkCertificatesUntil(c -> certificate(c, "home", "ipv4").hasNonNull("not_after"));
    assertThat(certs.get("ok").asBoolean()).isFalse();
    JsonNode served = certificate(certs, "home", "ipv4");
    assertThat(served.get("days_left").asDouble()).as(pretty(served)).isNegative();
    assertThat(served.get("error").isNull()).isFalse();
    assertVerdict(checkReachUntil("cert_expired"), "cert_expired");
  }

  @Test
  @Order(7)
  void certificateForAnotherName() {
    lab.sh("cert", "wrongname");
    JsonNode certs =
        checkCertificatesUntil(c -> certificate(c, "home", "ipv4").hasNonNull("not_after"));
    assertThat(certs.get("ok").asBoolean()).isFalse();
    JsonNode served = certificate(certs, "home", "ipv4");
    assertThat(served.get("hostname_match").asBoolean()).as(pretty(served)).isFalse();
    assertVerdict(checkReachUntil("cert_name_mismatch"), "cert_name_mismatch");
  }

  @Test
  @Order(8)
  void proxyWithoutWebSocketSupport() {
    lab.sh("proxy", "nows");
    JsonNode reach = checkReachUntil("websocket_failed");
    assertVerdict(reach, "websocket_failed");
    JsonNode v4 = target(reach).get("ipv4");
    assertThat(v4.get("http_status").asInt()).as("HTTP itself works").isEqualTo(200);
    assertThat(v4.get("websocket").asBoolean(true)).isFalse();
  }

  @Test
  @Order(9)
  void proxyNotInTrustedProxies() {
    lab.sh("ha", "untrusted");
    JsonNode reach = checkReachUntil("proxy_untrusted");
    assertVerdict(reach, "proxy_untrusted");
    assertThat(target(reach).get("ipv4").get("http_status").asInt()).isEqualTo(400);
  }

  @Test
  @Order(10)
  void ipv6PointsAtTheHostWhileIpv4ForwardsAnotherPort() {
    // The guide's IPv6 addendum: the router forwards 443 to HA's 8123 over IPv4; the AAAA record
    // points at the host itself, where nothing listens on 443.
    lab.sh("proxy", "off");
    lab.sh("ha", "tls");
    lab.sh("forward443", "ha");
    JsonNode reach = checkReachUntil("ipv6_port_mismatch");
    assertVerdict(reach, "ipv6_port_mismatch");
    JsonNode target = target(reach);
    assertThat(target.get("ipv4").get("reachable").asBoolean()).isTrue();
    assertThat(target.get("ipv6").get("reachable").asBoolean()).isFalse();
  }

  @Test
  @Order(11)
  void homeAssistantsPlainPortForwarded() {
    lab.sh("forward8123", "on");
    lab.check("ddns");
    JsonNode reach = checkReachUntil("plain_http_exposed");
    assertVerdict(reach, "plain_http_exposed");
    assertThat(target(reach).get("plain_http_exposed").asBoolean()).isTrue();
  }

  @Test
  @Order(12)
  void renewedCertificateOnDiskButNotServed() {
    lab.sh("renew-file");
    JsonNode certs = lab.check("certwatch");
    JsonNode file = certificate(certs, "served", null);
    assertThat(file.get("served_matches_file").asBoolean(true)).as(pretty(file)).isFalse();
    assertThat(file.get("days_left").asDouble()).as("the file itself is fine").isGreaterThan(80);
  }

  @Test
  @Order(13)
  void failedLoginsThroughHairpinBanTheWholeHome() {
    // A phone at home with a stale token: through hairpin NAT HA sees the router's address.
    String logins = lab.sh("bad-logins", "3");
    assertThat(logins).contains("failed login 3: HTTP 401");
    JsonNode reach = checkReachUntil("ip_banned");
    assertVerdict(reach, "ip_banned");
    JsonNode target = target(reach);
    assertThat(target.get("ipv4").get("http_status").asInt()).as(pretty(target)).isEqualTo(403);
    assertThat(target.get("advice").asText()).contains("ip_bans.yaml");
    assertThat(target.get("ipv6").get("verdict").asText())
        .as("over IPv6 the home keeps its own address, which is not banned")
        .isEqualTo("ok");
    assertThat(target.get("external").get("reachable").asBoolean())
        .as("the outside is not banned: " + pretty(target.get("external")))
        .isTrue();
  }

  /**
   * Home Assistant's own URL settings (Settings > System > Network) against the way that works,
   * read by reachability-service with the owner's token over the verified path: each mistake of the
   * guide's "Setting up the iOS app" and NGINX sections, in the real Home Assistant.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("urlSettings")
  @Order(14)
  void homeAssistantsOwnUrlsMustPointAtTheWayThatWorks(
      String situation, String external, String internal, String verdict, String adviceHas)
      throws IOException {
    lab.sh("ha-urls", external, internal);
    JsonNode reach = checkReachUntil(verdict);
    assertVerdict(reach, verdict);
    JsonNode target = target(reach);
    assertThat(target.get("advice").asText()).as(pretty(target)).contains(adviceHas);
    JsonNode urls = target.get("ha_urls");
    assertThat(urls.get("checked").asBoolean()).as(pretty(urls)).isTrue();
    assertThat(urls.get("problem").asText()).isEqualTo(verdict);
    assertThat(pretty(reach))
        .as("the owner's token never shows")
        .doesNotContain(Files.readString(lab.run.resolve("services/ha-token")).trim());
  }

  static java.util.stream.Stream<Arguments> urlSettings() {
    String name = Lab.NAME;
    return java.util.stream.Stream.of(
        Arguments.of(
            "http where only https works",
            "http://" + name,
            "-",
            "ha_external_url_wrong",
            "uses http:// where https:// works"),
        Arguments.of(
            ":8123 after the move behind nginx on 443",
            "https://" + name + ":8123",
            "-",
            "ha_external_url_wrong",
            "port 8123 where port 443 works"),
        Arguments.of(
            "an old DuckDNS name",
            "https://old-home.duckdns.org",
            "-",
            "ha_external_url_wrong",
            "names old-home.duckdns.org"),
        Arguments.of(
            "no External URL at all",
            "-",
            "-",
            "ha_external_url_missing",
            "set External URL to https://" + name),
        Arguments.of(
            "the Internal URL is the public name: at home only hairpin NAT brings it back",
            "https://" + name,
            "https://" + name,
            "ha_internal_url_needs_hairpin",
            "split-brain DNS"));
  }

  private List<String> haLog() throws IOException {
    return Files.readAllLines(lab.run.resolve("logs/ha.log"));
  }

  private long haLogLines() throws IOException {
    return haLog().size();
  }

  // ------------------------------------------------------------------ status JSON helpers

  /**
   * cert-watch-service also re-checks on its own when the served file changes (its file watch),
   * which may overlap the lab's check: ask again until the endpoint's handshake is in the answer.
   */
  private JsonNode checkReachUntil(String verdict) {
    return lab.checkUntil(
        "reach", Duration.ofSeconds(20), r -> verdict.equals(r.path("verdict").asText()));
  }

  private JsonNode checkCertificatesUntil(Predicate<JsonNode> condition) {
    return lab.checkUntil("certwatch", Duration.ofSeconds(30), condition);
  }

  private static void assertVerdict(JsonNode reach, String verdict) {
    JsonNode target = target(reach);
    assertThat(target.get("verdict").asText()).as(pretty(reach)).isEqualTo(verdict);
    assertThat(reach.get("verdict").asText()).as("overall verdict").isEqualTo(verdict);
    if (!verdict.equals("ok")) {
      assertThat(target.get("advice").asText()).as("advice for " + verdict).isNotBlank();
    }
  }

  private static JsonNode target(JsonNode reach) {
    return find(
        reach.get("targets"), t -> t.get("id").asText().equals("home"), "target home", reach);
  }

  private static JsonNode record(JsonNode ddns, String family) {
    return find(
        ddns.get("records"),
        r -> r.get("name").asText().equals(Lab.NAME) && r.get("family").asText().equals(family),
        "record " + family,
        ddns);
  }

  private static JsonNode certificate(JsonNode certs, String id, String family) {
    return find(
        certs.get("certificates"),
        c ->
            c.get("id").asText().equals(id)
                && (family == null || family.equals(c.path("family").asText())),
        "certificate " + id + " " + family,
        certs);
  }

  private static JsonNode find(
      JsonNode array, Predicate<JsonNode> match, String what, JsonNode all) {
    List<JsonNode> hits = new ArrayList<>();
    if (array != null) {
      array.forEach(
          node -> {
            if (match.test(node)) {
              hits.add(node);
            }
          });
    }
    assertThat(hits).as("exactly one " + what + " in " + pretty(all)).hasSize(1);
    return hits.get(0);
  }

  private static String pretty(JsonNode node) {
    return node == null ? "null" : node.toPrettyString();
  }
}
