package dev.haremote.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The lab's fast subset against the one-process assembly (#20), in every lab run: the suite in
 * {@code home} switched to one JVM on port 9080 ({@code lab.sh assembly one-process}, each service
 * under {@code /SERVICE-NAME}), then two of {@link LabScenariosTest}'s scenarios, called as they
 * are written there: the healthy home (every service, the outside peer, hairpin, IPv6) and the WAN
 * change that ddns sees and repairs over RFC 2136 while reachability reads ddns's facts through its
 * mount. Afterwards the lab goes back to its default assembly.
 *
 * <p>Every scenario against one process: {@code -Dlab.assembly=one-process} (docs/lab.md).
 */
@Tag("lab")
@ExtendWith(SharedLab.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabOneProcessTest {
  private final LabScenariosTest scenarios = new LabScenariosTest();
  private Lab lab;

  @BeforeAll
  void theSuiteAsOneProcess(Lab lab) {
    this.lab = lab;
    scenarios.servicesInTheLab(lab);
    lab.useAssembly(Lab.ONE_PROCESS);
  }

  @AfterAll
  void backToTheDefaultAssembly() {
    if (lab != null) {
      lab.useAssembly(Lab.DEFAULT_ASSEMBLY);
    }
  }

  @BeforeEach
  void healthyHome() {
    scenarios.healthyHome();
  }

  @AfterEach
  void noFailedLoginFromTheSuite() throws IOException {
    scenarios.noFailedLoginFromTheSuite();
  }

  @Test
  void healthyHomeFromTheOneProcess() {
    // The three processes' ports are closed: every answer below comes from the one process.
    for (int port : Lab.SERVICE_PORTS.values()) {
      Lab.Result closed =
          lab.in(
              "home",
              "curl",
              "-s",
              "-m",
              "2",
              "-o",
              "/dev/null",
              "-w",
              "%{http_code}",
              "http://127.0.0.1:" + port + "/q/health/ready");
      assertThat(closed.output().trim()).as("port " + port).isEqualTo("000");
    }
    assertThat(lab.serviceBase("ddns")).isEqualTo("http://127.0.0.1:9080/ddns-service");
    scenarios.healthy();
  }

  @Test
  void wanChangeIsSeenAndRepairedWhileReachabilityReadsDdnsUnderItsMount() {
    scenarios.wanAddressChangesDriftIsSeenThenRepairedOverRfc2136();
  }
}
