package dev.haremote.common.suite.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlKeyLinesTest {
  @TempDir Path dir;

  @Test
  void findsTheLineOfEveryKeyFlattenedAsSmallRyeDoes() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("a.yaml"),
            """
            ddns:
              interval: 60s
              records:
                - name: a.example.org
                  provider: none
              "odd.key": 1
            """);
    YamlKeyLines lines = YamlKeyLines.read(file);

    assertThat(lines.syntaxError()).isNull();
    assertThat(lines.line("ddns.interval")).contains(2);
    assertThat(lines.line("ddns.records[0]")).contains(4);
    assertThat(lines.line("ddns.records[0].provider")).contains(5);
    assertThat(lines.line("ddns.\"odd.key\"")).contains(6);
    assertThat(lines.line("ddns.records[0].update")).isEmpty();
    assertThat(lines.lineOfKeyOrParent("ddns.records[0].update")).contains(4);
    assertThat(lines.lineOfKeyOrParent("reachability.interval")).isEmpty();
  }

  @Test
  void anIndentationErrorSaysWhereWithoutTheParsersTrace() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("a.yaml"), "ddns:\n  records:\n    - name: a\n     provider: none\n");
    assertThat(YamlKeyLines.read(file).syntaxError())
        .isEqualTo(
            "4:6: not valid YAML: expected <block end>, but found '<block mapping start>' (while"
                + " parsing a block collection that starts at line 3; check the indentation)");
  }

  @Test
  void parentOfAKey() {
    assertThat(YamlKeyLines.parent("a.b[0].c")).isEqualTo("a.b[0]");
    assertThat(YamlKeyLines.parent("a.b[0]")).isEqualTo("a.b");
    assertThat(YamlKeyLines.parent("a.\"b.c\"")).isEqualTo("a");
    assertThat(YamlKeyLines.parent("a")).isEmpty();
  }
}
