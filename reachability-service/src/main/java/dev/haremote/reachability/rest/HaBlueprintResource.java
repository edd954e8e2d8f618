package dev.haremote.reachability.rest;

import dev.haremote.common.ha.HaBlueprint;
import dev.haremote.common.suite.SuiteAssembly;
import io.quarkus.arc.properties.UnlessBuildProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/**
 * {@code GET /api/v1/ha/blueprint}: the automation blueprint that notifies when the verdict of this
 * service's package changes. Beside the package, since it reads that package's entities.
 */
// Served under a path prefix by the one-process assembly instead (one-process module).
@UnlessBuildProperty(
    name = SuiteAssembly.PROPERTY,
    stringValue = SuiteAssembly.ONE_PROCESS,
    enableIfMissing = true)
@Path("/api/v1/ha/blueprint")
public class HaBlueprintResource {
  @GET
  @Produces("application/yaml")
  public String blueprint() {
    return HaBlueprint.verdictNotify();
  }
}
