package dev.haremote.common.suite.auth;

import dev.haremote.common.suite.OwnAuthentication;
import dev.haremote.common.suite.SuiteConfig;
import dev.haremote.common.suite.rest.ErrorBody;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Guards every endpoint under {@code /api/}: writes need {@code Authorization: Bearer <token>},
 * reads too when {@code suite.protect-reads=true}. Without a configured token, writes answer 403
 * (nobody can be allowed), a missing or wrong token 401.
 */
public class BearerTokenFilter {
  static final String CHALLENGE = "Bearer realm=\"ha-remote-access\"";
  private static final String PREFIX = "Bearer ";

  private final ApiToken apiToken;
  private final SuiteConfig config;

  public BearerTokenFilter(ApiToken apiToken, SuiteConfig config) {
    this.apiToken = apiToken;
    this.config = config;
  }

  @ServerRequestFilter
  public Optional<Response> requireToken(ContainerRequestContext request, ResourceInfo resource) {
    String path = request.getUriInfo().getPath();
    if (!isApiPath(path) || ownAuthentication(resource)) {
      return Optional.empty();
    }
    boolean read =
        HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod());
    if (read && !config.protectReads()) {
      return Optional.empty();
    }
    if (!apiToken.isConfigured()) {
      return Optional.of(
          error(
              Response.Status.FORBIDDEN,
              "no API token is configured (suite.api-token, SUITE_API_TOKEN or"
                  + " suite.api-token-file): this endpoint is disabled"));
    }
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return Optional.of(unauthorized("missing bearer token (Authorization: Bearer <token>)"));
    }
    if (!apiToken.matches(header.substring(PREFIX.length()).strip())) {
      return Optional.of(unauthorized("wrong bearer token"));
    }
    return Optional.empty();
  }

  /**
   * {@code /api/...}, or {@code /SERVICE-NAME/api/...} where the one-process assembly mounts a
   * service (SuiteAssembly): both are guarded the same way.
   */
  public static boolean isApiPath(String path) {
    if (path.startsWith("/api/")) {
      return true;
    }
    int second = path.indexOf('/', 1);
    return path.startsWith("/") && second > 1 && path.startsWith("/api/", second);
  }

  private static boolean ownAuthentication(ResourceInfo resource) {
    if (resource == null) {
      return false;
    }
    Method method = resource.getResourceMethod();
    Class<?> type = resource.getResourceClass();
    return (method != null && method.isAnnotationPresent(OwnAuthentication.class))
        || (type != null && type.isAnnotationPresent(OwnAuthentication.class));
  }

  private static Response unauthorized(String message) {
    return Response.status(Response.Status.UNAUTHORIZED)
        .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(ErrorBody.of(message))
        .build();
  }

  private static Response error(Response.Status status, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(ErrorBody.of(message))
        .build();
  }
}
