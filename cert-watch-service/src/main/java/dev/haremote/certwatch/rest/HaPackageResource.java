package dev.haremote.certwatch.rest;

import dev.haremote.certwatch.check.Observation;
import dev.haremote.certwatch.check.SourceKind;
import dev.haremote.certwatch.config.CertWatchConfig;
import dev.haremote.common.ha.CertWatchPackage;
import dev.haremote.common.ha.HaPackageRenderer;
import dev.haremote.common.ha.HaRestResource;
import dev.haremote.common.net.IpFamily;
import dev.haremote.common.suite.PublicUrl;
import dev.haremote.common.suite.SuiteConfig;
import dev.haremote.common.suite.rest.HaPackageEndpoints;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/v1/ha/package} (common's {@link HaPackageEndpoints}): a Home Assistant package
 * for every configured certificate ({@link CertWatchPackage}): each certificate is picked from the
 * status by its key (source, id, family), not by position.
 */
// Mounted at its path by StandaloneMounts (own port) or the one-process assembly (prefix).
public class HaPackageResource extends HaPackageEndpoints {
  static final String SERVICE_NAME = "cert-watch-service";
  static final int DEFAULT_PORT = 8082;

  private final CertWatchConfig config;
  private final SuiteConfig suite;

  public HaPackageResource(CertWatchConfig config, SuiteConfig suite) {
    this.config = config;
    this.suite = suite;
  }

  @Override
  protected String packageName() {
    return CertWatchPackage.NAME;
  }

  @Override
  protected String headerComment() {
    return "Certificates watched by cert-watch-service: drop into packages/ as is.";
  }

  @Override
  protected List<HaRestResource> resources() {
    List<CertWatchPackage.Certificate> certificates = new ArrayList<>();
    for (CertWatchConfig.Endpoint endpoint : config.endpoints().orElse(List.of())) {
      for (IpFamily family : endpoint.families()) {
        certificates.add(
            new CertWatchPackage.Certificate(
                Observation.key(SourceKind.ENDPOINT, endpoint.id(), family),
                "Certificate "
                    + endpoint.id()
                    + " "
                    + (family == IpFamily.IPV4 ? "IPv4" : "IPv6")));
      }
    }
    for (CertWatchConfig.CertificateFile file : config.files().orElse(List.of())) {
      certificates.add(
          new CertWatchPackage.Certificate(
              Observation.key(SourceKind.FILE, file.id(), null), "Certificate file " + file.id()));
    }
    String url = PublicUrl.base(suite, SERVICE_NAME, DEFAULT_PORT) + "/api/v1/status";
    int scan = (int) Math.max(30, Math.min(300, config.interval().toSeconds()));
    return CertWatchPackage.resources(
        url,
        scan,
        HaPackageRenderer.bearerSecretName(suite.protectReads()),
        certificates,
        config.interval());
  }
}
