package dev.haremote.lab;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** Where the lab cannot run: a skip with the reason on a developer machine, a failure in CI. */
class LabPreconditionsTest {

  @Test
  void nothingMissingLetsTheLabRunEverywhere() {
    assertThatCode(() -> LabPreconditions.require(List.of(), true)).doesNotThrowAnyException();
    assertThatCode(() -> LabPreconditions.require(List.of(), false)).doesNotThrowAnyException();
  }

  @Test
  void aMissingLabSkipsWithTheReasonOutsideCi() {
    assertThatThrownBy(() -> LabPreconditions.require(List.of("not root"), false))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("not root");
  }

  @Test
  void aMissingLabFailsInCi() {
    assertThatThrownBy(() -> LabPreconditions.require(List.of("no `named` on PATH"), true))
        .isInstanceOf(AssertionError.class)
        .isNotInstanceOf(TestAbortedException.class)
        .hasMessageContaining("no `named` on PATH")
        .hasMessageContaining("CI=true");
  }
}
