package dev.haremote.reachability.probe;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The stages of a probe, as in the metric label {@code stage}. */
public enum Stage {
  DNS,
  TCP,
  TLS,
  HTTP,
  WEBSOCKET;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
