package dev.haremote.reachability.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.common.json.SerializedOnce;
import dev.haremote.reachability.service.ReachabilityService;
import dev.haremote.reachability.service.ReachabilityStatus;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The contract's status endpoints. Writes are guarded by common's bearer-token filter. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {
  private final SerializedOnce statusJson;
  private final ReachabilityService service;

  public StatusResource(ReachabilityService service, ObjectMapper mapper) {
    this.statusJson = new SerializedOnce(mapper);
    this.service = service;
  }

  /** From memory, written as JSON once per round (never waits on a probe, never blocks). */
  @GET
  @Path("/status")
  @NonBlocking
  public byte[] status() {
    return statusJson.json(service.status());
  }

  /** Runs a round now and answers the new status. */
  @POST
  @Path("/check")
  @Blocking
  public ReachabilityStatus check() {
    return service.runRound();
  }
}
