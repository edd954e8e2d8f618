package dev.haremote.common.suite;

/**
 * The base URL Home Assistant uses for a service's {@code resource:} lines: {@code
 * suite.public-url} when set, else {@code http://SERVICE-NAME:PORT} (the Kubernetes service name).
 * In the one-process assembly every service lives under {@code /SERVICE-NAME} of the one process,
 * whose default name and port are {@code ha-remote-access:8080}.
 */
public final class PublicUrl {
  private PublicUrl() {}

  public static String base(SuiteConfig config, String serviceName, int defaultPort) {
    if (SuiteAssembly.ONE_PROCESS.equals(config.assembly())) {
      String url = config.publicUrl().orElse(SuiteAssembly.ONE_PROCESS_DEFAULT_URL);
      return withoutTrailingSlash(url) + "/" + serviceName;
    }
    return withoutTrailingSlash(
        config.publicUrl().orElse("http://" + serviceName + ":" + defaultPort));
  }

  private static String withoutTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
