package dev.haremote.ddns.testing;

import dev.haremote.labkit.bind.BindServer;
import org.junit.jupiter.api.Assumptions;

/** Shared test preconditions. */
public final class Lab {
  private Lab() {}

  /** In CI a missing named is a failure; elsewhere the test is skipped with a clear message. */
  public static void requireNamed() {
    if (!BindServer.available()) {
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException("CI: /usr/sbin/named (Debian bind9) is required");
      }
      Assumptions.abort("skipped: /usr/sbin/named (Debian bind9) is not installed");
    }
  }
}
