package dev.haremote.ddns.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.net.IpFamily;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuorumVoteTest {
  private static SourceReading said(String source, String address) {
    return new SourceReading(source, "http", IpFamily.IPV4, address, address, null, false);
  }

  private static SourceReading failed(String source) {
    return new SourceReading(source, "dns", IpFamily.IPV4, null, null, "dns timeout", false);
  }

  @Test
  void twoAgreeingSourcesMeetAQuorumOfTwo() {
    FamilyDiscovery d =
        QuorumVote.decide(
            IpFamily.IPV4, 2, List.of(said("a", "198.51.100.7"), said("b", "198.51.100.7")));

    assertThat(d.address()).isEqualTo("198.51.100.7");
    assertThat(d.sourcesAgree()).isTrue();
    assertThat(d.trusted()).isTrue();
    assertThat(d.oddSources()).isEmpty();
  }

  @Test
  void theOddSourceOutIsNamedAndTheAddressIsNotTrustedForUpdates() {
    FamilyDiscovery d =
        QuorumVote.decide(
            IpFamily.IPV4,
            2,
            List.of(
                said("a", "198.51.100.7"), said("odd", "203.0.113.9"), said("c", "198.51.100.7")));

    assertThat(d.address()).isEqualTo("198.51.100.7");
    assertThat(d.sourcesAgree()).isFalse();
    assertThat(d.oddSources()).containsExactly("odd");
    assertThat(d.trusted()).isFalse();
  }

  @Test
  void aTieGivesNoAddressAndNamesBothSides() {
    FamilyDiscovery d =
        QuorumVote.decide(
            IpFamily.IPV4, 1, List.of(said("a", "198.51.100.7"), said("b", "203.0.113.9")));

    assertThat(d.address()).isNull();
    assertThat(d.sourcesAgree()).isFalse();
    assertThat(d.oddSources()).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void tooFewAnsweringSourcesMissTheQuorumWithoutBlamingAnyone() {
    FamilyDiscovery d =
        QuorumVote.decide(IpFamily.IPV4, 2, List.of(said("a", "198.51.100.7"), failed("b")));

    assertThat(d.address()).isNull();
    assertThat(d.sourcesAgree()).isNull();
    assertThat(d.oddSources()).isEmpty();
    assertThat(d.readings()).hasSize(2);
  }

  @Test
  void nothingAnsweredMeansUnknown() {
    FamilyDiscovery d = QuorumVote.decide(IpFamily.IPV6, 1, List.of(failed("a")));

    assertThat(d.address()).isNull();
    assertThat(d.sourcesAgree()).isNull();
  }
}
