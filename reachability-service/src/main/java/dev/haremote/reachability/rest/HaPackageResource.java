package dev.haremote.reachability.rest;

import dev.haremote.common.ha.HaPackageRenderer;
import dev.haremote.common.ha.ReachabilityPackage;
import dev.haremote.common.suite.PublicUrl;
import dev.haremote.common.suite.SuiteConfig;
import dev.haremote.reachability.config.ReachabilityConfig;
import dev.haremote.reachability.service.ReachabilityService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** {@code GET /api/v1/ha/package}: a package that works when dropped into {@code packages/}. */
@Path("/api/v1/ha/package")
public class HaPackageResource {
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

  @GET
  @Produces("text/yaml")
  public String ha() {
    int scan = (int) Math.max(30, config.interval().toSeconds());
    return HaPackageRenderer.render(
        ReachabilityPackage.NAME,
        "Home Assistant remote access: reachability-service. Drop into packages/.",
        HaPackageBuilder.resources(
            PublicUrl.base(suite, SERVICE_NAME, DEFAULT_PORT),
            scan,
            suite.protectReads(),
            service.targets()));
  }
}
