package dev.haremote.reachability.rest;

import dev.haremote.common.ha.HaRestResource;
import dev.haremote.common.ha.ReachabilityPackage;
import dev.haremote.common.suite.PublicUrl;
import dev.haremote.common.suite.SuiteConfig;
import dev.haremote.common.suite.rest.HaPackageEndpoints;
import dev.haremote.reachability.config.ReachabilityConfig;
import dev.haremote.reachability.service.ReachabilityService;
import java.util.List;

/**
 * {@code GET /api/v1/ha/package} (common's {@link HaPackageEndpoints}) as {@code text/yaml}
 * (docs/api.md): a package that works when dropped into {@code packages/}.
 */
// Mounted at its path by StandaloneMounts (own port) or the one-process assembly (prefix).
public class HaPackageResource extends HaPackageEndpoints {
  static final String SERVICE_NAME = "reachability-service";
  static final int DEFAULT_PORT = 8081;

  private final ReachabilityService service;
  private final ReachabilityConfig config;
  private final SuiteConfig suite;

  public HaPackageResource(
      ReachabilityService service, ReachabilityConfig config, SuiteConfig suite) {
    this.service = service;
    this.config = config;
    this.suite = suite;
  }

  @Override
  protected String packageName() {
    return ReachabilityPackage.NAME;
  }

  @Override
  protected String headerComment() {
    return "Home Assistant remote access: reachability-service. Drop into packages/.";
  }

  @Override
  protected List<HaRestResource> resources() {
    int scan = (int) Math.max(30, config.interval().toSeconds());
    return HaPackageBuilder.resources(
        PublicUrl.base(suite, SERVICE_NAME, DEFAULT_PORT),
        scan,
        suite.protectReads(),
        service.targets());
  }

  @Override
  protected String mediaType() {
    return TEXT_YAML;
  }
}
