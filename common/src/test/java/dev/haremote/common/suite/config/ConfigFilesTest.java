package dev.haremote.common.suite.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {
  @TempDir Path dir;

  @Test
  void listsTheExistingFilesStrongestFirst() throws Exception {
    Path work = Files.createDirectories(dir.resolve("work/config")).getParent();
    Path jarDir = Files.createDirectories(dir.resolve("app"));
    Path named = Files.writeString(dir.resolve("ddns.yaml"), "a: 1\n");
    Files.writeString(work.resolve("config/application.yaml"), "a: 2\n");
    Files.writeString(work.resolve("application.yaml"), "a: 3\n");
    Files.writeString(jarDir.resolve("application.yaml"), "a: 4\n");

    ConfigFiles files =
        ConfigFiles.of(Map.of("QUARKUS_CONFIG_LOCATIONS", named.toString()), work, jarDir);

    assertThat(files.existing())
        .extracting(ConfigFiles.ConfigFile::path)
        .containsExactly(
            named,
            work.resolve("config/application.yaml"),
            work.resolve("application.yaml"),
            jarDir.resolve("application.yaml"));
  }

  @Test
  void theWorkingDirectoryBesideTheJarIsReadOnce() throws Exception {
    Files.writeString(dir.resolve("application.yaml"), "a: 1\n");
    ConfigFiles files = ConfigFiles.of(Map.of(), dir, dir);
    assertThat(files.besideJarYaml()).isEmpty();
    assertThat(files.existing()).hasSize(1);
  }

  @Test
  void theJarDirectoryIsKnownOnlyWhenStartedFromOneJar() {
    assertThat(ConfigFiles.jarDir("/deployments/quarkus-run.jar"))
        .contains(Path.of("/deployments"));
    assertThat(ConfigFiles.jarDir("/a/classes:/b/x.jar")).isEmpty();
    assertThat(ConfigFiles.jarDir("/a/classes")).isEqualTo(Optional.empty());
  }
}
