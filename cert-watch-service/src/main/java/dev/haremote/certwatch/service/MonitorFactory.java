package dev.haremote.certwatch.service;

import dev.haremote.certwatch.clock.ClockReference;
import dev.haremote.certwatch.clock.ClockSanity;
import dev.haremote.certwatch.clock.TrustedClock;
import dev.haremote.certwatch.config.CertWatchConfig;
import dev.haremote.certwatch.endpoint.EndpointChecker;
import dev.haremote.certwatch.file.FileChecker;
import dev.haremote.certwatch.renewal.AriClient;
import dev.haremote.common.dns.SystemResolver;
import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.tls.ChainVerifier;
import dev.haremote.common.tls.TlsInspector;
import dev.haremote.common.tls.TrustConfig;
import java.time.Clock;
import java.util.concurrent.ExecutorService;

/** Wires a {@link CertificateMonitor} from the configuration (the service and tests alike). */
public final class MonitorFactory {
  private MonitorFactory() {}

  public static CertificateMonitor build(
      CertWatchConfig config,
      TrustConfig trust,
      Clock clock,
      ClockSanity sanity,
      CertificateMonitor.Listener listener,
      ExecutorService probes,
      ExecutorService fileReaders) {
    ChainVerifier verifier = new ChainVerifier(trust);
    TrustedClock time = trustedClock(config, trust, clock, sanity);
    EndpointChecker endpoints =
        new EndpointChecker(
            new TlsInspector(trust),
            new SystemResolver(),
            config.timeouts().endpoint(),
            clock,
            verifier,
            time::verificationTime);
    FileChecker files =
        new FileChecker(
            verifier,
            fileReaders,
            config.timeouts().file(),
            config.limits().maxFileBytes(),
            config.limits().maxCertificates(),
            clock,
            time::verificationTime);
    AriClient ari =
        config.ari().enabled() && !config.ari().directories().isEmpty()
            ? new AriClient(
                new HttpProbe(trust),
                config.ari().directories(),
                config.timeouts().ari(),
                config.ari().defaultRetryAfter(),
                config.ari().errorBackoff(),
                clock)
            : null;
    return new CertificateMonitor(config, endpoints, files, ari, clock, time, probes, listener);
  }

  static TrustedClock trustedClock(
      CertWatchConfig config, TrustConfig trust, Clock clock, ClockSanity sanity) {
    ClockReference reference =
        config
            .clock()
            .referenceUrl()
            .map(url -> new ClockReference(new HttpProbe(trust), url, config.clock().timeout()))
            .orElse(null);
    return new TrustedClock(clock, sanity, reference, config.clock().tolerance());
  }
}
