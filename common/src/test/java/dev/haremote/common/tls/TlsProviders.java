package dev.haremote.common.tls;

import java.util.ArrayList;
import java.util.List;

/**
 * The TLS implementations the TLS tests run under. On Linux x86_64 and aarch64, where Conscrypt's
 * jar carries its native library, Conscrypt must load: a break there fails the tests instead of
 * skipping them.
 */
public final class TlsProviders {
  private TlsProviders() {}

  public static boolean conscryptExpected() {
    return System.getProperty("os.name").toLowerCase().startsWith("linux")
        && List.of("amd64", "x86_64", "aarch64").contains(System.getProperty("os.arch"));
  }

  /** For {@code @MethodSource}: the JDK's provider and, where it loads, Conscrypt. */
  public static List<TlsProvider> all() {
    List<TlsProvider> providers = new ArrayList<>();
    providers.add(TlsProvider.jdk());
    if (conscryptExpected() && TlsProvider.conscrypt().isEmpty()) {
      throw new AssertionError(
          "Conscrypt's native library does not load on " + System.getProperty("os.arch"));
    }
    TlsProvider.conscrypt().ifPresent(providers::add);
    return providers;
  }
}
