package dev.haremote.lab.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The design covers what it promises, checked by brute force. */
class CoveringArrayTest {

  @Test
  void everyPairOfLevelsOfEveryTwoFactorsAppears() {
    int[] levels = HomeSetup.levelCounts();
    List<int[]> rows = CoveringArray.generate(levels, 2, 20261202L);

    assertCovers(rows, levels, 2);
    // Far fewer homes than all combinations (3*2*2*2*3*2*2*3*2 = 5184).
    assertThat(rows.size()).isBetween(9, 20);
  }

  @Test
  void everyTripleAppearsAtStrengthThree() {
    int[] levels = HomeSetup.levelCounts();
    List<int[]> rows = CoveringArray.generate(levels, 3, 20261202L);

    assertCovers(rows, levels, 3);
    assertThat(rows.size()).isLessThan(120);
  }

  @Test
  void theSameSeedGivesTheSameDesign() {
    int[] levels = {3, 2, 2};
    assertThat(CoveringArray.generate(levels, 2, 7L))
        .usingRecursiveComparison()
        .isEqualTo(CoveringArray.generate(levels, 2, 7L));
  }

  private static void assertCovers(List<int[]> rows, int[] levels, int strength) {
    for (int[] set : CoveringArray.subsets(levels.length, strength)) {
      int combinations = 1;
      for (int f : set) {
        combinations *= levels[f];
      }
      for (int c = 0; c < combinations; c++) {
        int[] values = new int[set.length];
        int rest = c;
        for (int i = set.length - 1; i >= 0; i--) {
          values[i] = rest % levels[set[i]];
          rest /= levels[set[i]];
        }
        boolean found =
            rows.stream()
                .anyMatch(
                    row -> {
                      for (int i = 0; i < set.length; i++) {
                        if (row[set[i]] != values[i]) {
                          return false;
                        }
                      }
                      return true;
                    });
        assertThat(found)
            .as(
                "levels %s of factors %s",
                java.util.Arrays.toString(values), java.util.Arrays.toString(set))
            .isTrue();
      }
    }
  }
}
