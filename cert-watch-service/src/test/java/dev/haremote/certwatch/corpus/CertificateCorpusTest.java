package dev.haremote.certwatch.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.certwatch.check.Reason;
import dev.haremote.certwatch.service.CertificateStatus;
import dev.haremote.certwatch.testing.MonitorHarness;
import dev.haremote.common.tls.CertificateFacts;
import dev.haremote.labkit.nginx.NginxProcess;
import dev.haremote.labkit.nginx.RequireBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The certificate corpus (issue #15): every situation of {@link Corpus} is written to disk, served
 * by one real nginx (one server block per situation on its own loopback port; what nginx refuses to
 * load is recorded as its verdict), checked by cert-watch as a file and as an endpoint, and judged
 * by OpenSSL 3.0 ({@code openssl verify} for the file, {@code openssl s_client} for the endpoint).
 * cert-watch must agree with OpenSSL everywhere, except where {@link Situation#deviation} names the
 * newer rule that makes it differ, and must give the reason each situation expects.
 *
 * <p>With {@code -Dcertwatch.corpus.table=docs/certificates.md} the verdict table in that file
 * (between its corpus-table markers) is rewritten from this run.
 */
class CertificateCorpusTest {
  @TempDir static Path dir;

  private static Corpus corpus;
  private static NginxProcess nginx;
  private static MonitorHarness harness;
  private static final Map<String, Row> ROWS = new LinkedHashMap<>();
  private static Duration took;

  /** One situation's verdicts, side by side. */
  record Row(
      Situation situation,
      String nginxRefusal,
      CertificateStatus file,
      OpenSsl.Verdict fileOracle,
      CertificateStatus endpoint,
      OpenSsl.Verdict endpointOracle) {

    boolean fileAgrees() {
      String reason = file.error();
      if (nginxRefusal != null
          && !situation.certExtension.equals("der")
          && Agreement.agreesWithRefusal(reason, nginxRefusal)) {
        return true;
      }
      return Agreement.agrees(reason, fileOracle);
    }

    Boolean endpointAgrees() {
      return endpoint == null ? null : Agreement.agrees(endpoint.error(), endpointOracle);
    }
  }

  @BeforeAll
  static void runTheCorpus() throws Exception {
    RequireBinary.assumeNginx();
    RequireBinary.assumeInstalled(OpenSsl.BINARY, "openssl");
    long start = System.nanoTime();
    corpus = Corpus.build();
    Path trust = corpus.write(dir.resolve("corpus"));

    Map<String, String> refusals = new HashMap<>();
    StringBuilder servers = new StringBuilder();
    for (Situation s : corpus.situations) {
      String refusal =
          NginxTest.refusal(dir.resolve("nginx-t/" + s.id), s.servedCertPath, s.servedKeyPath);
      if (refusal != null) {
        refusals.put(s.id, refusal);
        continue;
      }
      servers
          .append("server {\n  listen 127.0.0.1:{{port:")
          .append(s.id)
          .append("}} ssl;\n  ssl_certificate ")
          .append(s.servedCertPath)
          .append(";\n  ssl_certificate_key ")
          .append(s.servedKeyPath)
          .append(";\n  location / { return 200 'ok'; }\n}\n");
    }
    nginx = startWithDistinctPorts(servers.toString(), corpus, refusals);

    Map<String, String> properties = new HashMap<>();
    properties.put("certwatch.timeouts.endpoint", "5s");
    properties.put("certwatch.file-watch", "false");
    int endpoints = 0;
    int files = 0;
    for (Situation s : corpus.situations) {
      String f = "certwatch.files[" + files++ + "]";
      properties.put(f + ".id", s.id);
      properties.put(f + ".path", s.certPath.toString());
      if (s.keyForCertWatch) {
        properties.put(f + ".key", s.keyPath.toString());
      }
      if (!refusals.containsKey(s.id)) {
        String e = "certwatch.endpoints[" + endpoints++ + "]";
        properties.put(e + ".id", s.id);
        properties.put(e + ".host", s.host);
        properties.put(e + ".address", "127.0.0.1");
        properties.put(e + ".port", Integer.toString(nginx.port(s.id)));
      }
    }
    harness = new MonitorHarness(properties, corpus.anchors());
    harness.monitor.checkAll();

    for (Situation s : corpus.situations) {
      String refusal = refusals.get(s.id);
      CertificateStatus endpoint =
          refusal == null ? harness.certificate("endpoint-" + s.id + "-ipv4") : null;
      OpenSsl.Verdict endpointOracle =
          refusal == null ? OpenSsl.sClient(trust, nginx.port(s.id), s.host) : null;
      ROWS.put(
          s.id,
          new Row(
              s,
              refusal,
              harness.certificate("file-" + s.id),
              OpenSsl.verify(trust, s.certPath),
              endpoint,
              endpointOracle));
    }
    took = Duration.ofNanos(System.nanoTime() - start);
    System.out.println(
        "corpus of " + ROWS.size() + " situations judged in " + took.toMillis() + " ms");
    ROWS.values().forEach(r -> System.out.println(CorpusTable.line(r)));
    String table = System.getProperty("certwatch.corpus.table");
    if (table != null && !table.isBlank()) {
      CorpusTable.writeInto(Path.of(table), ROWS.values());
    }
  }

  /**
   * NginxProcess finds each port by binding port 0 and releasing it, so with many server blocks two
   * may get the same port (nginx then serves both from the first block): start again if so.
   */
  private static NginxProcess startWithDistinctPorts(
      String servers, Corpus corpus, Map<String, String> refusals) throws Exception {
    for (int attempt = 0; ; attempt++) {
      NginxProcess started = NginxProcess.start(servers);
      long distinct =
          corpus.situations.stream()
              .filter(s -> !refusals.containsKey(s.id))
              .map(s -> started.port(s.id))
              .distinct()
              .count();
      if (distinct == corpus.situations.size() - refusals.size() || attempt == 4) {
        return started;
      }
      started.close();
    }
  }

  @AfterAll
  static void stop() {
    if (harness != null) {
      harness.close();
    }
    if (nginx != null) {
      nginx.close();
    }
  }

  @Test
  void theCorpusHasAtLeastFortySituationsAndNginxServesMostOfThem() {
    assertThat(ROWS).hasSizeGreaterThanOrEqualTo(40);
    assertThat(ROWS.values().stream().filter(r -> r.endpoint() != null).count())
        .isGreaterThanOrEqualTo(40);
    // Generating, serving and judging everything stays cheap enough for every CI run.
    assertThat(took).isLessThan(Duration.ofSeconds(90));
  }

  @Test
  void everyFileVerdictAgreesWithOpenSsl() {
    List<String> disagreements = new ArrayList<>();
    for (Row r : ROWS.values()) {
      if (!r.fileAgrees()) {
        disagreements.add(CorpusTable.line(r));
      }
    }
    assertThat(disagreements).isEmpty();
  }

  @Test
  void everyEndpointVerdictAgreesWithOpenSslOrNamesItsRule() {
    List<String> disagreements = new ArrayList<>();
    for (Row r : ROWS.values()) {
      if (r.endpoint() == null) {
        continue;
      }
      boolean agrees = r.endpointAgrees();
      if (r.situation().deviation != null) {
        // A documented deviation must really be one, or the documentation is wrong.
        if (agrees) {
          disagreements.add("documented deviation does not happen: " + CorpusTable.line(r));
        }
      } else if (!agrees) {
        disagreements.add(CorpusTable.line(r));
      }
    }
    assertThat(disagreements).isEmpty();
  }

  @Test
  void everySituationGetsItsOwnExpectedReason() {
    List<String> wrong = new ArrayList<>();
    for (Row r : ROWS.values()) {
      Situation s = r.situation();
      if (!java.util.Objects.equals(s.expectFile, r.file().error())) {
        wrong.add(s.id + " file: expected " + s.expectFile + ", got " + r.file().error());
      }
      // The file is judged by the situation's own leaf, wherever it stands in the file.
      String read = r.file().fingerprintSha256();
      if (read != null && !read.equals(CertificateFacts.fingerprintSha256(s.leaf))) {
        wrong.add(s.id + " file: judged by another certificate than the situation's leaf");
      }
      String served = r.endpoint() == null ? null : r.endpoint().fingerprintSha256();
      if (served != null && !served.equals(CertificateFacts.fingerprintSha256(s.leaf))) {
        wrong.add(s.id + " endpoint: nginx serves another certificate than the situation's");
      }
      if (r.endpoint() != null
          && !java.util.Objects.equals(s.expectEndpoint, r.endpoint().error())) {
        wrong.add(
            s.id + " endpoint: expected " + s.expectEndpoint + ", got " + r.endpoint().error());
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void aFileWrittenIntermediateFirstIsJudgedByItsRealLeaf() {
    Row r = ROWS.get("intermediate-first-expired");
    assertThat(r.nginxRefusal()).contains("key values mismatch");
    CertificateStatus file = r.file();
    assertThat(file.error()).isEqualTo(Reason.WRONG_ORDER);
    assertThat(file.notAfter()).isEqualTo(r.situation().leaf.getNotAfter().toInstant());
    assertThat(file.daysLeft()).isNegative();
    assertThat(file.chainValid()).isFalse();
    assertThat(file.keyMatches()).isTrue();
    assertThat(file.advice()).contains("first");
    // Without a key the leaf is found by its relations alone.
    CertificateStatus noKey = ROWS.get("intermediate-first-no-key").file();
    assertThat(noKey.fingerprintSha256())
        .isEqualTo(ROWS.get("intermediate-first").file().fingerprintSha256());
    assertThat(noKey.keyMatches()).isNull();
  }

  @Test
  void chainCompleteIsFalseExactlyWhenTheLeafsIssuerIsMissing() {
    for (Row r : ROWS.values()) {
      for (CertificateStatus c : new CertificateStatus[] {r.file(), r.endpoint()}) {
        // No chain at all (the handshake failed) is neither complete nor incomplete.
        if (c != null && c.fingerprintSha256() != null) {
          assertThat(c.chainComplete())
              .as(c.key() + " (" + c.error() + ")")
              .isEqualTo(!Reason.INCOMPLETE_CHAIN.equals(c.error()));
        }
      }
    }
    assertThat(ROWS.get("self-signed").endpoint().chainComplete()).isTrue();
    assertThat(ROWS.get("untrusted-root-fullchain").endpoint().chainComplete()).isTrue();
    assertThat(ROWS.get("missing-intermediate").endpoint().chainComplete()).isFalse();
  }

  @Test
  void edwardsKeysMatchAndTheirEndpointsHandshake() {
    for (String id : List.of("ed25519", "ed448")) {
      Row r = ROWS.get(id);
      assertThat(r.file().keyMatches()).as(id).isTrue();
      assertThat(r.endpoint()).as(id + " served").isNotNull();
      assertThat(r.endpoint().error()).as(id).isNull();
      assertThat(r.endpoint().fingerprintSha256()).isEqualTo(r.file().fingerprintSha256());
    }
    assertThat(ROWS.get("ed25519-key-mismatch").file().keyMatches()).isFalse();
  }

  @Test
  void adviceFitsTheFailure() {
    assertThat(ROWS.get("expired-intermediate").endpoint().advice())
        .contains("intermediate")
        .doesNotContain("renew it");
    for (String id :
        List.of(
            "name-constraints-violated",
            "critical-extension-leaf",
            "eku-client-leaf",
            "issuer-not-ca")) {
      assertThat(ROWS.get(id).endpoint().advice()).as(id).doesNotContain("extra-ca-file");
    }
    assertThat(ROWS.get("untrusted-root-fullchain").endpoint().advice())
        .contains("extra-ca-file")
        .doesNotContain("fullchain.pem, not cert.pem");
    assertThat(ROWS.get("self-signed").endpoint().advice()).contains("self-signed");
  }

  @Test
  void writingTheTableNeedsOnlyThisRun() throws Exception {
    Path doc =
        Files.writeString(
            dir.resolve("doc.md"),
            "intro\n" + CorpusTable.START + "\nold\n" + CorpusTable.END + "\nrest\n");
    CorpusTable.writeInto(doc, ROWS.values());
    String written = Files.readString(doc);
    assertThat(written).startsWith("intro\n").endsWith("rest\n").doesNotContain("\nold\n");
    assertThat(written).contains("| `intermediate-first` |").contains("| `cn-only` |");
  }
}
