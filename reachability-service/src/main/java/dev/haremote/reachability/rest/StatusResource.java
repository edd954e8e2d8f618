package dev.haremote.reachability.rest;

import dev.haremote.reachability.service.ReachabilityService;
import dev.haremote.reachability.service.ReachabilityStatus;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The contract's status endpoints. Writes are guarded by common's bearer-token filter. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {
  private final ReachabilityService service;

  public StatusResource(ReachabilityService service) {
    this.service = service;
  }

  /** The latest results, from memory. */
  @GET
  @Path("/status")
  public ReachabilityStatus status() {
    return service.status();
  }

  /** Runs a round now and answers the new status. */
  @POST
  @Path("/check")
  @Blocking
  public ReachabilityStatus check() {
    return service.runRound();
  }
}
