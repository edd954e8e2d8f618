package dev.haremote.common.suite;

/**
 * The base URL Home Assistant uses for a service's {@code resource:} lines: {@code
 * suite.public-url} when set, else {@code http://SERVICE-NAME:PORT} (the Kubernetes service name).
 */
public final class PublicUrl {
  private PublicUrl() {}

  public static String base(SuiteConfig config, String serviceName, int defaultPort) {
    String url = config.publicUrl().orElse("http://" + serviceName + ":" + defaultPort);
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
