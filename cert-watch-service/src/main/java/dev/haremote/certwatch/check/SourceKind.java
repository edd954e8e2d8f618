package dev.haremote.certwatch.check;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a certificate was seen: served by an endpoint, or stored in a file. */
public enum SourceKind {
  ENDPOINT,
  FILE;

  @JsonValue
  public String key() {
    return this == ENDPOINT ? "endpoint" : "file";
  }
}
