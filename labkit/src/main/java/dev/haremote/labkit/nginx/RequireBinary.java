package dev.haremote.labkit.nginx;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * For tests that need a Debian binary: in CI ({@code CI=true}, where .ci/run installs the packages)
 * a missing binary fails the test; elsewhere the test is skipped with a message naming the package.
 * Needs JUnit on the classpath (labkit declares it optional).
 */
public final class RequireBinary {
  private RequireBinary() {}

  public static void assumeInstalled(Path binary, String debianPackage) {
    if (Files.isExecutable(binary)) {
      return;
    }
    String message = binary + " is missing: install the Debian package " + debianPackage;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(message);
    }
    Assumptions.abort(message);
  }

  public static void assumeNginx() {
    assumeInstalled(NginxProcess.BINARY, "nginx-light");
  }
}
