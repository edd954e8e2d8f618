package dev.haremote.lab.matrix;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * An all-t-wise design: rows of factor levels such that every combination of levels of any {@code
 * strength} factors appears in some row. Greedy (each new row, out of random candidates, covers the
 * most combinations not yet covered), deterministic for a seed. Pairwise over the lab's nine
 * switches needs about a dozen rows instead of thousands.
 */
public final class CoveringArray {
  private static final int CANDIDATES = 60;

  private CoveringArray() {}

  /**
   * @param levels the number of levels of each factor
   * @param strength how many factors' combinations must all appear (2: all pairs)
   * @return rows of level indices, one per factor
   */
  public static List<int[]> generate(int[] levels, int strength, long seed) {
    List<int[]> factorSets = subsets(levels.length, strength);
    Set<String> uncovered = new HashSet<>();
    for (int[] set : factorSets) {
      for (int[] values : product(set, levels)) {
        uncovered.add(key(set, values));
      }
    }
    Random random = new Random(seed);
    List<int[]> rows = new ArrayList<>();
    while (!uncovered.isEmpty()) {
      int[] best = null;
      int bestGain = -1;
      for (int c = 0; c < CANDIDATES; c++) {
        int[] row = candidate(levels, uncovered, factorSets, random);
        int gain = gain(row, factorSets, uncovered);
        if (gain > bestGain) {
          best = row;
          bestGain = gain;
        }
      }
      for (int[] set : factorSets) {
        uncovered.remove(key(set, pick(best, set)));
      }
      rows.add(best);
    }
    return rows;
  }

  /** A random row that covers at least one uncovered combination. */
  private static int[] candidate(
      int[] levels, Set<String> uncovered, List<int[]> factorSets, Random random) {
    int[] row = new int[levels.length];
    for (int i = 0; i < row.length; i++) {
      row[i] = random.nextInt(levels[i]);
    }
    // Seed it with one uncovered combination so that every row makes progress.
    String target = uncovered.iterator().next();
    for (String part : target.split(";")) {
      String[] fv = part.split("=");
      row[Integer.parseInt(fv[0])] = Integer.parseInt(fv[1]);
    }
    return row;
  }

  private static int gain(int[] row, List<int[]> factorSets, Set<String> uncovered) {
    int gain = 0;
    for (int[] set : factorSets) {
      if (uncovered.contains(key(set, pick(row, set)))) {
        gain++;
      }
    }
    return gain;
  }

  private static int[] pick(int[] row, int[] set) {
    int[] values = new int[set.length];
    for (int i = 0; i < set.length; i++) {
      values[i] = row[set[i]];
    }
    return values;
  }

  private static String key(int[] set, int[] values) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < set.length; i++) {
      if (i > 0) {
        s.append(';');
      }
      s.append(set[i]).append('=').append(values[i]);
    }
    return s.toString();
  }

  static List<int[]> subsets(int n, int k) {
    List<int[]> out = new ArrayList<>();
    collect(n, k, 0, new int[k], 0, out);
    return out;
  }

  private static void collect(int n, int k, int from, int[] acc, int depth, List<int[]> out) {
    if (depth == k) {
      out.add(acc.clone());
      return;
    }
    for (int i = from; i < n; i++) {
      acc[depth] = i;
      collect(n, k, i + 1, acc, depth + 1, out);
    }
  }

  private static List<int[]> product(int[] set, int[] levels) {
    List<int[]> out = new ArrayList<>();
    out.add(new int[0]);
    for (int factor : set) {
      List<int[]> next = new ArrayList<>();
      for (int[] prefix : out) {
        for (int v = 0; v < levels[factor]; v++) {
          int[] longer = java.util.Arrays.copyOf(prefix, prefix.length + 1);
          longer[prefix.length] = v;
          next.add(longer);
        }
      }
      out = next;
    }
    return out;
  }
}
