package dev.haremote.reachability.peer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.common.net.IpFamily;
import dev.haremote.reachability.diagnosis.ExternalView;
import dev.haremote.reachability.diagnosis.VerdictCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A peer that cannot check a family from where it runs (no IPv6 route from its pod) answers that
 * family with {@code reachable: null, verdict: no_route_from_here}: no vote for that family, and
 * its answer for the whole target (reachable over IPv4) must not stand in for it.
 */
class PeerFamilyAnswersTest {
  @Test
  void aFamilyThePeerCannotCheckIsNoVote() throws Exception {
    var root =
        new ObjectMapper()
            .readTree(
                "{\"reachable\": true, \"verdict\": \"ok\","
                    + " \"ipv4\": {\"reachable\": true, \"verdict\": \"ok\"},"
                    + " \"ipv6\": {\"reachable\": null, \"verdict\": \"no_route_from_here\"}}");
    Map<IpFamily, ExternalView.FamilyAnswer> answers =
        PeerClient.familyAnswers(root, List.of(IpFamily.IPV4, IpFamily.IPV6));
    assertThat(answers)
        .containsEntry(IpFamily.IPV4, new ExternalView.FamilyAnswer(true, VerdictCode.OK))
        .containsEntry(
            IpFamily.IPV6, new ExternalView.FamilyAnswer(null, VerdictCode.NO_ROUTE_FROM_HERE));

    ExternalView view =
        ExternalView.decide(
            List.of(new ExternalView.PeerOutcome("peer0", true, VerdictCode.OK, null, answers)));
    assertThat(view.on(IpFamily.IPV4).state()).isEqualTo(ExternalView.State.REACHABLE);
    assertThat(view.on(IpFamily.IPV6).state()).isEqualTo(ExternalView.State.UNKNOWN);
  }
}
