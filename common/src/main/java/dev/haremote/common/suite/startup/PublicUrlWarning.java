package dev.haremote.common.suite.startup;

import dev.haremote.common.suite.SuiteConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * {@code suite.public-url} defaults to the Kubernetes service name ({@code
 * http://ddns-service:8083}), which Home Assistant cannot resolve when the service runs anywhere
 * else: a package downloaded then points nowhere, silently. Outside Kubernetes (no {@code
 * KUBERNETES_SERVICE_HOST}) an unset public URL is therefore logged as a warning at start-up.
 */
@ApplicationScoped
public class PublicUrlWarning {
  private static final Logger LOG = Logger.getLogger(PublicUrlWarning.class);

  void onStart(
      @Observes StartupEvent event,
      SuiteConfig suite,
      @ConfigProperty(name = "quarkus.application.name") String service) {
    warning(suite.publicUrl(), System.getenv(), service).ifPresent(LOG::warn);
  }

  static Optional<String> warning(
      Optional<String> publicUrl, Map<String, String> env, String service) {
    if (publicUrl.isPresent() || env.containsKey("KUBERNETES_SERVICE_HOST")) {
      return Optional.empty();
    }
    return Optional.of(
        "suite.public-url is not set: the Home Assistant package (GET /api/v1/ha/package) points at"
            + " http://"
            + service
            + ":PORT, a Kubernetes service name Home Assistant cannot resolve here. Set"
            + " suite.public-url (env SUITE_PUBLIC_URL) to the address Home Assistant reaches this"
            + " service at, e.g. http://192.168.1.2:8083");
  }
}
