package dev.haremote.ddns.rest;

import dev.haremote.common.ha.DdnsPackage;
import dev.haremote.common.ha.HaPackageRenderer;
import dev.haremote.common.ha.HaRestResource;
import dev.haremote.common.net.IpFamily;
import dev.haremote.common.suite.PublicUrl;
import dev.haremote.common.suite.SuiteConfig;
import dev.haremote.common.suite.rest.HaPackageEndpoints;
import dev.haremote.ddns.config.DdnsConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/v1/ha/package} (common's {@link HaPackageEndpoints}): a package reading {@code
 * /api/v1/status} ({@link DdnsPackage}). Records are picked from the status by name and family, not
 * by position.
 */
// Mounted at its path by StandaloneMounts (own port) or the one-process assembly (prefix).
public class HaPackageResource extends HaPackageEndpoints {
  static final String SERVICE_NAME = "ddns-service";
  static final int DEFAULT_PORT = 8083;

  private final DdnsConfig config;
  private final SuiteConfig suite;

  public HaPackageResource(DdnsConfig config, SuiteConfig suite) {
    this.config = config;
    this.suite = suite;
  }

  @Override
  protected String packageName() {
    return DdnsPackage.NAME;
  }

  @Override
  protected String headerComment() {
    return "ha-remote-access ddns-service: public address, what the names say, drift and repairs."
        + " Drop into packages/ unchanged.";
  }

  @Override
  protected List<HaRestResource> resources() {
    List<DdnsPackage.Record> records = new ArrayList<>();
    for (DdnsConfig.Record r : config.records()) {
      for (IpFamily f : r.families().stream().map(IpFamily::parse).distinct().toList()) {
        records.add(new DdnsPackage.Record(r.name(), f));
      }
    }
    String url = PublicUrl.base(suite, SERVICE_NAME, DEFAULT_PORT) + "/api/v1/status";
    int scan = (int) Math.max(30, config.interval().toSeconds());
    return DdnsPackage.resources(
        url,
        scan,
        HaPackageRenderer.bearerSecretName(suite.protectReads()),
        !config.discovery().sources().isEmpty(),
        records,
        config.interval());
  }
}
