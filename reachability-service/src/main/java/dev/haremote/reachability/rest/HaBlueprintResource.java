package dev.haremote.reachability.rest;

import dev.haremote.common.ha.HaBlueprint;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/**
 * {@code GET /api/v1/ha/blueprint}: the automation blueprint that notifies when the verdict of this
 * service's package changes. Beside the package, since it reads that package's entities.
 */
@Path("/api/v1/ha/blueprint")
public class HaBlueprintResource {
  @GET
  @Produces("application/yaml")
  public String blueprint() {
    return HaBlueprint.verdictNotify();
  }
}
