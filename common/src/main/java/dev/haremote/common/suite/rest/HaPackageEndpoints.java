package dev.haremote.common.suite.rest;

import dev.haremote.common.ha.HaPackageRenderer;
import dev.haremote.common.ha.HaRestResource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The contract's {@code GET ha/package} as {@code application/yaml}, once (#20): a Home Assistant
 * package ({@code rest:} resources with their sensors) that works when dropped into {@code
 * packages/}. A service's resource extends this and says only the package's name, its head comment
 * and its resources (common/ha's {@code *Package.resources(...)}); its class carries {@code @Path}
 * (and the one-process assembly subclasses it at a prefix). reachability-service serves {@code
 * text/yaml} (docs/api.md) and keeps its own method: SmallRye takes an answer's media type from the
 * class that declares the method, so a subclass's {@code @Produces} cannot change it here.
 */
public abstract class HaPackageEndpoints {
  /** The package's name, {@code *Package.NAME}. */
  protected abstract String packageName();

  /** The comment at the head of the package, for whoever opens the file. */
  protected abstract String headerComment();

  /** The package's {@code rest:} resources, from the service's configuration. */
  protected abstract List<HaRestResource> resources();

  @GET
  @Produces("application/yaml")
  // The name Quarkus gave it from the resource class before the mounts (#20).
  @Tag(name = "Ha Package Resource")
  @Operation(
      summary = "A Home Assistant package for this service",
      description = "YAML with rest: resources, sensors and binary_sensors; drop into packages/.")
  @APIResponse(
      responseCode = "200",
      description = "the package",
      content =
          @Content(
              mediaType = "application/yaml",
              schema =
                  @Schema(
                      type = SchemaType.OBJECT,
                      description = "a Home Assistant package: rest: [] when nothing is configured",
                      requiredProperties = "rest",
                      properties = @SchemaProperty(name = "rest", type = SchemaType.ARRAY))))
  @APIResponse(
      responseCode = "401",
      description = "suite.protect-reads is on and the bearer token is missing or wrong",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ErrorBody.class)))
  public String haPackage() {
    return HaPackageRenderer.render(packageName(), headerComment(), resources());
  }
}
