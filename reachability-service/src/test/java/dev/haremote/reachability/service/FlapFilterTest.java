package dev.haremote.reachability.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.reachability.diagnosis.Verdict;
import dev.haremote.reachability.diagnosis.VerdictCode;
import org.junit.jupiter.api.Test;

class FlapFilterTest {
  private static final Verdict OK = new Verdict(VerdictCode.OK, "ok", null);
  private static final Verdict CLOSED = new Verdict(VerdictCode.PORT_CLOSED, "closed", null);
  private static final Verdict TLS = new Verdict(VerdictCode.TLS_ERROR, "tls", null);
  private static final Verdict PLAIN = new Verdict(VerdictCode.PLAIN_HTTP_EXPOSED, "warn", null);

  @Test
  void turnsUnreachableOnlyAfterFailureThresholdInARow() {
    FlapFilter f = new FlapFilter(3, 2);
    assertThat(f.update(OK)).isEqualTo(OK);
    assertThat(f.update(CLOSED)).isEqualTo(OK);
    assertThat(f.update(CLOSED)).isEqualTo(OK);
    assertThat(f.update(OK)).isEqualTo(OK); // streak broken
    assertThat(f.update(CLOSED)).isEqualTo(OK);
    assertThat(f.update(TLS)).isEqualTo(OK); // different failures still count as failures
    assertThat(f.update(CLOSED)).isEqualTo(CLOSED);
    assertThat(f.update(TLS)).isEqualTo(TLS); // a failing target shows the latest failure
  }

  @Test
  void turnsReachableAfterSuccessThreshold() {
    FlapFilter f = new FlapFilter(1, 2);
    assertThat(f.update(CLOSED)).isEqualTo(CLOSED);
    assertThat(f.update(OK)).isEqualTo(CLOSED);
    assertThat(f.update(CLOSED)).isEqualTo(CLOSED);
    assertThat(f.update(OK)).isEqualTo(CLOSED);
    assertThat(f.update(PLAIN)).isEqualTo(PLAIN); // a warning is reachable
    assertThat(f.update(OK)).isEqualTo(OK);
  }

  @Test
  void aRoundWithoutRouteIsShownButNeitherCountsNorBreaksAStreak() {
    Verdict noRoute = new Verdict(VerdictCode.NO_ROUTE_FROM_HERE, "no route", null);
    FlapFilter f = new FlapFilter(3, 2);
    assertThat(f.update(OK)).isEqualTo(OK);
    assertThat(f.update(CLOSED)).isEqualTo(OK);
    assertThat(f.update(noRoute)).isEqualTo(noRoute); // shown as it is: not a flap
    assertThat(f.update(CLOSED)).isEqualTo(OK); // the streak goes on: 2 of 3
    assertThat(f.update(noRoute)).isEqualTo(noRoute);
    assertThat(f.update(CLOSED)).isEqualTo(CLOSED); // 3 failing rounds, the unknown ones skipped
    assertThat(f.update(noRoute)).isEqualTo(noRoute);
    assertThat(f.update(OK)).isEqualTo(CLOSED); // 1 of 2 good rounds
    assertThat(f.update(OK)).isEqualTo(OK);
  }

  @Test
  void thresholdOfOneFollowsEveryRound() {
    FlapFilter f = new FlapFilter(1, 1);
    assertThat(f.update(OK)).isEqualTo(OK);
    assertThat(f.update(CLOSED)).isEqualTo(CLOSED);
    assertThat(f.update(OK)).isEqualTo(OK);
  }
}
