package dev.haremote.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.haremote.lab.matrix.CoveringArray;
import dev.haremote.lab.matrix.GuideOracle;
import dev.haremote.lab.matrix.HomeSetup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The combination matrix: the lab's switches set together in an all-pairs design (every pair of
 * levels of any two switches appears in some home), each home diagnosed by the services running in
 * it and compared per IP family with {@link GuideOracle}, which knows only the switches. CI runs
 * all pairs after 40 healthy rounds; {@code -Dlab.matrix.strength=3} runs all triples and {@code
 * -Dlab.matrix.healthy-rounds=120} the long healthy run (docs/lab.md gives the command).
 */
@Tag("lab")
@ExtendWith(SharedLab.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabMatrixTest {
  private static final String WAN_V4 = Lab.WAN_V4;
  private static final String CGN_PUBLIC_V4 = "198.51.100.130";
  private static final String OLD_V4 = "203.0.113.99";
  private static final int HEALTHY_ROUNDS = Integer.getInteger("lab.matrix.healthy-rounds", 40);

  private Lab lab;
  private final Map<String, String> applied = new HashMap<>();
  private String publishedA = WAN_V4;

  @BeforeAll
  void matrixLab(Lab lab) {
    this.lab = lab;
    lab.startServicesOrSkip();
    lab.sh("baseline");
    // Watch only: a stale record must stay stale while the home is diagnosed.
    lab.sh("ddns-update", "off");
    lab.sh("pinhole6", "open");
    applied.putAll(HomeSetup.healthy().switches());
    publishedA = WAN_V4;
  }

  @AfterAll
  void backToTheHealthyHome() {
    lab.sh("baseline");
  }

  @Test
  @Order(1)
  void theHealthyHomeStaysOkRoundAfterRound() {
    apply(HomeSetup.healthy());
    lab.check("ddns");
    List<String> notOk = new ArrayList<>();
    for (int i = 1; i <= HEALTHY_ROUNDS; i++) {
      JsonNode target = lab.check("reach").get("targets").get(0);
      for (String field : List.of("verdict", "ipv4", "ipv6")) {
        JsonNode node = field.equals("verdict") ? target : target.get(field);
        String verdict = node.get("verdict").asText();
        if (!verdict.equals("ok")) {
          notOk.add("round " + i + " " + field + ": " + verdict + " " + target.get("advice"));
        }
      }
    }
    assertThat(notOk).as("non-ok verdicts in " + HEALTHY_ROUNDS + " healthy rounds").isEmpty();
  }

  @Test
  @Order(2)
  void everyCombinationIsDiagnosedAsTheGuideSays() throws IOException {
    int strength = Integer.getInteger("lab.matrix.strength", 2);
    // The full run first sets every fault alone (each verdict on its own; LabScenariosTest has
    // them in CI), then the covering design's combinations.
    List<int[]> rows = strength > 2 ? singleFaults() : new ArrayList<>();
    rows.addAll(CoveringArray.generate(HomeSetup.levelCounts(), strength, 20261202L));
    List<String> table = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    int n = 0;
    for (int[] row : rows) {
      n++;
      HomeSetup setup = HomeSetup.of(row);
      GuideOracle.Expected expected = GuideOracle.expect(setup);
      apply(setup);
      lab.check("ddns");
      long t0 = System.nanoTime();
      JsonNode target = lab.check("reach").get("targets").get(0);
      double seconds = (System.nanoTime() - t0) / 1e9;
      String v4 = target.get("ipv4").get("verdict").asText();
      String v6 = target.get("ipv6").get("verdict").asText();
      String whole = target.get("verdict").asText();
      boolean right =
          v4.equals(expected.ipv4())
              && v6.equals(expected.ipv6())
              && whole.equals(expected.target());
      table.add(
          String.format(
              "| %d | %s | %s / %s / %s | %s / %s / %s | %.1f s | %s |",
              n,
              setup.faults(),
              expected.ipv4(),
              expected.ipv6(),
              expected.target(),
              v4,
              v6,
              whole,
              seconds,
              right ? "right" : "**WRONG**"));
      if (!right) {
        wrong.add("#" + n + " " + setup.faults() + ": expected " + expected + ", got " + target);
      }
    }
    writeReport(strength, rows.size(), table);
    assertThat(wrong).as("homes diagnosed against the guide").isEmpty();
  }

  /** The healthy home with one switch at one of its other levels, for every switch and level. */
  private static List<int[]> singleFaults() {
    List<int[]> rows = new ArrayList<>();
    int[] levels = HomeSetup.levelCounts();
    for (int factor = 0; factor < levels.length; factor++) {
      for (int level = 1; level < levels[factor]; level++) {
        int[] row = new int[levels.length];
        row[factor] = level;
        rows.add(row);
      }
    }
    return rows;
  }

  /** Sets the lab's switches to {@code s}, touching only what differs from what is set. */
  private void apply(HomeSetup s) {
    Map<String, String> want = s.switches();
    change("trusted", want, v -> lab.sh("ha", v));
    change(
        "carrier",
        want,
        v -> {
          lab.sh("cgnat", v.equals("cgnat") ? "on" : "off");
          // The router's UPnP answer is the CG-NAT evidence; Debian's miniupnpd answers an empty
          // address for any reserved WAN, the lab's documentation-range "public" one too, so it is
          // a source only while the router really sits behind the carrier's NAT (docs/lab.md).
          lab.sh("ddns-upnp", v.equals("cgnat") ? "on" : "off");
        });
    String a = s.recordStale() ? OLD_V4 : s.cgnat() ? CGN_PUBLIC_V4 : WAN_V4;
    if (!a.equals(publishedA)) {
      lab.sh("dns-set", "A", a);
      lab.sh("flush-resolver");
      publishedA = a;
    }
    applied.put("record", want.get("record"));
    change("forward4", want, v -> lab.sh("forward443", v));
    change("hairpin", want, v -> lab.sh("hairpin", v));
    change("pinhole6", want, v -> lab.sh("pinhole6", v));
    change("rewrite", want, v -> lab.sh("rewrite", v));
    change("cert", want, v -> lab.sh("cert", v));
    change("websocket", want, v -> lab.sh("proxy", v));
  }

  private void change(
      String factor, Map<String, String> want, java.util.function.Consumer<String> set) {
    String value = want.get(factor);
    if (!value.equals(applied.get(factor))) {
      set.accept(value);
      applied.put(factor, value);
    }
  }

  private void writeReport(int strength, int count, List<String> table) throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("All-")
        .append(strength == 2 ? "pairs" : strength + "-wise")
        .append(" design over ")
        .append(HomeSetup.FACTORS.size())
        .append(strength > 2 ? " switches, after each fault alone: " : " switches: ")
        .append(count)
        .append(" homes. Verdicts: ipv4 / ipv6 / target.\n\n")
        .append("| # | faults (switches not healthy) | expected (oracle) | observed | time to")
        .append(" verdict | |\n|---|---|---|---|---|---|\n");
    table.forEach(line -> md.append(line).append('\n'));
    Path out = lab.repo.resolve("lab/target/lab-matrix-" + strength + ".md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
    System.out.println(md);
  }
}
