package dev.haremote.oneprocess;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.common.suite.SuiteConfig;
import dev.haremote.reachability.config.ReachabilityConfig;
import dev.haremote.reachability.peer.PeerProbeResource;
import dev.haremote.reachability.rest.HaBlueprintResource;
import dev.haremote.reachability.rest.HaPackageResource;
import dev.haremote.reachability.rest.StatusResource;
import dev.haremote.reachability.service.ReachabilityService;
import jakarta.ws.rs.Path;

/**
 * reachability-service's API under {@code /reachability-service}: the service's own resources,
 * inherited method by method (same contract, same OpenAPI annotations), at a prefixed path.
 */
final class ReachabilityMounts {
  static final String PREFIX = "/reachability-service";

  private ReachabilityMounts() {}

  @Path(PREFIX + "/api/v1")
  public static class Status extends StatusResource {
    public Status(ReachabilityService service, ObjectMapper mapper) {
      super(service, mapper);
    }
  }

  @Path(PREFIX + "/api/v1/ha/package")
  public static class Package extends HaPackageResource {
    public Package(ReachabilityService service, ReachabilityConfig config, SuiteConfig suite) {
      super(service, config, suite);
    }
  }

  @Path(PREFIX + "/api/v1/ha/blueprint")
  public static class Blueprint extends HaBlueprintResource {}

  @Path(PREFIX + "/api/v1/peer/probe")
  public static class Peer extends PeerProbeResource {
    public Peer(ReachabilityConfig config, ReachabilityService service) {
      super(config, service);
    }
  }
}
