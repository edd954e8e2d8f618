package dev.haremote.hatests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The golden files under {@code src/test/resources/golden}: compared, or rewritten with {@code
 * -Dgolden.update=true} (GoldenAnswersTest says when that is right).
 */
final class GoldenFiles {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  private GoldenFiles() {}

  static void compare(String file, String actual, List<String> differences) throws IOException {
    Path golden = GOLDEN.resolve(file);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.exists(golden)) {
      differences.add(file + ": no golden file (run with -Dgolden.update=true)");
      return;
    }
    String expected = Files.readString(golden, StandardCharsets.UTF_8);
    if (!expected.equals(actual)) {
      differences.add(file + ":\n" + firstDifference(expected, actual));
    }
  }

  /** The first differing line with its number, enough to find the field. */
  private static String firstDifference(String expected, String actual) {
    String[] want = expected.split("\n", -1);
    String[] got = actual.split("\n", -1);
    for (int i = 0; i < Math.max(want.length, got.length); i++) {
      String w = i < want.length ? want[i] : "<end>";
      String g = i < got.length ? got[i] : "<end>";
      if (!w.equals(g)) {
        return "  line " + (i + 1) + "\n  golden: " + w + "\n  now:    " + g;
      }
    }
    return "  (same lines)";
  }
}
