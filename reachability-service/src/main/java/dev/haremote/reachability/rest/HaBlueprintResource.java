package dev.haremote.reachability.rest;

import dev.haremote.common.ha.HaBlueprint;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/ha/blueprint}: the automation blueprint that notifies when the verdict of this
 * service's package changes. Beside the package, since it reads that package's entities.
 */
// Mounted at its path by StandaloneMounts (own port) or the one-process assembly (prefix).
public class HaBlueprintResource {
  @GET
  @Produces("application/yaml")
  // What Quarkus made of the method and class names before the mounts (#20).
  @Operation(summary = "Blueprint")
  @Tag(name = "Ha Blueprint Resource")
  public String blueprint() {
    return HaBlueprint.verdictNotify();
  }
}
