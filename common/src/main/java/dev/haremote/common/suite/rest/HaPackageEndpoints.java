package dev.haremote.common.suite.rest;

import dev.haremote.common.ha.HaPackageRenderer;
import dev.haremote.common.ha.HaRestResource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The contract's {@code GET ha/package}, once (#20): a Home Assistant package ({@code rest:}
 * resources with their sensors) that works when dropped into {@code packages/}. A service's
 * resource extends this and says only the package's name, its head comment, its resources
 * (common/ha's {@code *Package.resources(...)}) and, where docs/api.md says so, its media type
 * (reachability-service: {@code text/yaml}; the others {@code application/yaml}). The mounts
 * subclass it at a path.
 *
 * <p>Both media types are declared here because SmallRye takes an answer's media types from the
 * class that declares the method; each service's {@code StatusSchemaFilter} keeps its own in its
 * document ({@code packageMediaType()}), and the answer carries it.
 */
public abstract class HaPackageEndpoints {
  public static final String APPLICATION_YAML = "application/yaml";
  public static final String TEXT_YAML = "text/yaml";

  /** The package's name, {@code *Package.NAME}. */
  protected abstract String packageName();

  /** The comment at the head of the package, for whoever opens the file. */
  protected abstract String headerComment();

  /** The package's {@code rest:} resources, from the service's configuration. */
  protected abstract List<HaRestResource> resources();

  /** The answer's media type, as docs/api.md gives it for the service. */
  protected String mediaType() {
    return APPLICATION_YAML;
  }

  @GET
  @Produces({APPLICATION_YAML, TEXT_YAML})
  // The name Quarkus gave it from the resource class before the mounts (#20).
  @Tag(name = "Ha Package Resource")
  @Operation(
      summary = "A Home Assistant package for this service",
      description = "YAML with rest: resources, sensors and binary_sensors; drop into packages/.")
  @APIResponse(
      responseCode = "200",
      description = "the package",
      content = {
        @Content(
            mediaType = APPLICATION_YAML,
            schema =
                @Schema(
                    type = SchemaType.OBJECT,
                    description = "a Home Assistant package: rest: [] when nothing is configured",
                    requiredProperties = "rest",
                    properties = @SchemaProperty(name = "rest", type = SchemaType.ARRAY))),
        @Content(
            mediaType = TEXT_YAML,
            schema =
                @Schema(
                    type = SchemaType.OBJECT,
                    description = "a Home Assistant package: rest: [] when nothing is configured",
                    requiredProperties = "rest",
                    properties = @SchemaProperty(name = "rest", type = SchemaType.ARRAY)))
      })
  @APIResponse(
      responseCode = "401",
      description = "suite.protect-reads is on and the bearer token is missing or wrong",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ErrorBody.class)))
  public Response haPackage() {
    return Response.ok(
            HaPackageRenderer.render(packageName(), headerComment(), resources()),
            MediaType.valueOf(mediaType()).withCharset(StandardCharsets.UTF_8.name()))
        .build();
  }
}
