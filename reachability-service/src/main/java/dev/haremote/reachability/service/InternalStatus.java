package dev.haremote.reachability.service;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The configured internal URL, probed the way the app at home uses it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InternalStatus(
    String url,
    Boolean reachable,
    String address,
    Boolean tcp,
    Boolean tls,
    Integer httpStatus,
    Boolean homeAssistant,
    Boolean websocket,
    Double durationSeconds) {}
