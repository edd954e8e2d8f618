package dev.haremote.common.tls;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Chooses the probes' TLS implementation at start-up, so the log line that names it ({@link
 * TlsProvider#preferred()}) comes with the service's start and not with its first probe.
 */
@ApplicationScoped
public class TlsProviderAnnouncement {
  void onStart(@Observes StartupEvent event) {
    TlsProvider.preferred();
  }
}
