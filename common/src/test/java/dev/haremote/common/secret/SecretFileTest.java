package dev.haremote.common.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haremote.common.redact.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {
  @TempDir Path dir;

  @Test
  void readsTrimsAndRegistersTheSecret() throws Exception {
    Path file = Files.writeString(dir.resolve("duckdns"), "dd-token-0815\n");
    assertThat(SecretFile.read(file)).isEqualTo("dd-token-0815");
    assertThat(Redactor.redact("url?x=dd-token-0815")).isEqualTo("url?x=***");
  }

  @Test
  void aMissingFileNamesThePath() {
    Path missing = dir.resolve("nope");
    assertThatThrownBy(() -> SecretFile.read(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("secret file " + missing + " does not exist");
  }

  @Test
  void anEmptyFileIsAnErrorThatNamesThePath() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty"), " \n");
    assertThatThrownBy(() -> SecretFile.read(empty))
        .hasMessage("secret file " + empty + " is empty");
  }

  @Test
  void aDirectoryIsAnErrorWithoutContent() {
    assertThatThrownBy(() -> SecretFile.read(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("secret file " + dir + " cannot be read");
  }
}
