package dev.haremote.reachability.service;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One peer's answer in the status JSON. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PeerStatus(String peer, Boolean reachable, String verdict, String error) {}
