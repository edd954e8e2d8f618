package dev.haremote.common.suite.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every failure of a request ends as {@code {"error": "..."}} with a redacted message and never a
 * stack trace: clients (Home Assistant templates, curl) get something they can show, and no secret
 * that happened to be in an exception message leaves the process.
 */
public class JsonErrorMapper {
  private static final Logger LOG = Logger.getLogger(JsonErrorMapper.class);

  @ServerExceptionMapper
  public RestResponse<ErrorBody> webApplication(WebApplicationException e) {
    Response response = e.getResponse();
    int status = response == null ? 500 : response.getStatus();
    String message = e.getMessage();
    // The framework's own texts ("HTTP 404 Not Found", "Unable to find matching target resource
    // method") say less than the reason phrase; a resource's own message is kept.
    if (message == null
        || message.isBlank()
        || message.matches("HTTP \\d{3}( .*)?")
        || message.startsWith("Unable to find matching target resource method")) {
      message =
          Response.Status.fromStatusCode(status) == null
              ? "HTTP " + status
              : Response.Status.fromStatusCode(status).getReasonPhrase();
    }
    return RestResponse.ResponseBuilder.<ErrorBody>create(status)
        .entity(ErrorBody.of(message))
        .type(MediaType.APPLICATION_JSON_TYPE)
        .build();
  }

  /**
   * A request body that is not the JSON the endpoint reads (found by schemathesis: Quarkus answered
   * such a body with an empty 400, which a client cannot show). The parser's message is not passed
   * on: it quotes the body.
   */
  @ServerExceptionMapper
  public RestResponse<ErrorBody> badJson(JsonProcessingException e) {
    return badBody(e);
  }

  /** Quarkus REST's own mapper for this type answers an empty 400; a mapper of the type wins. */
  @ServerExceptionMapper
  public RestResponse<ErrorBody> mismatchedJson(MismatchedInputException e) {
    return badBody(e);
  }

  private static RestResponse<ErrorBody> badBody(JsonProcessingException e) {
    String where =
        e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()
            ? " at " + fieldPath(mismatch)
            : "";
    return RestResponse.ResponseBuilder.create(
            RestResponse.Status.BAD_REQUEST,
            ErrorBody.of("the request body is not the JSON this endpoint reads" + where))
        .type(MediaType.APPLICATION_JSON_TYPE)
        .build();
  }

  private static String fieldPath(MismatchedInputException e) {
    StringBuilder out = new StringBuilder();
    for (var ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        out.append(out.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  @ServerExceptionMapper
  public RestResponse<ErrorBody> unexpected(Exception e) {
    // A bug, not an expected failure: keep the trace in the (redacted) log, not in the answer.
    LOG.error("request failed", e);
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return RestResponse.ResponseBuilder.create(
            RestResponse.Status.INTERNAL_SERVER_ERROR, ErrorBody.of("internal error: " + message))
        .type(MediaType.APPLICATION_JSON_TYPE)
        .build();
  }
}
