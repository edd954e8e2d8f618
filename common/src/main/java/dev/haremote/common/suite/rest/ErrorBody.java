package dev.haremote.common.suite.rest;

import dev.haremote.common.redact.Redactor;

/** Every error answer of the suite: {@code {"error": "..."}}, always redacted. */
public record ErrorBody(String error) {
  public static ErrorBody of(String message) {
    return new ErrorBody(Redactor.redact(message));
  }
}
