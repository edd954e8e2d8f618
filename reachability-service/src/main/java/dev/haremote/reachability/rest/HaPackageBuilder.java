package dev.haremote.reachability.rest;

import dev.haremote.common.ha.HaPackageRenderer;
import dev.haremote.common.ha.HaRestResource;
import dev.haremote.common.ha.ReachabilityPackage;
import dev.haremote.reachability.probe.TargetSpec;
import java.util.List;

/**
 * The configured targets as {@link ReachabilityPackage} takes them: entities are bound to each
 * target's id, and their unique_ids are the slugs of their names (see {@code HaNames}).
 */
public final class HaPackageBuilder {
  static final String SECRET_NAME = HaPackageRenderer.AUTH_SECRET_NAME;

  private HaPackageBuilder() {}

  public static List<HaRestResource> resources(
      String baseUrl, int scanIntervalSeconds, boolean protectReads, List<TargetSpec> targets) {
    return ReachabilityPackage.resources(
        baseUrl + "/api/v1/status",
        scanIntervalSeconds,
        protectReads ? SECRET_NAME : null,
        targets.stream()
            .map(t -> new ReachabilityPackage.Target(t.id(), List.copyOf(t.families())))
            .toList());
  }
}
