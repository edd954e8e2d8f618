package dev.haremote.certwatch.rest;

import dev.haremote.certwatch.service.CertWatchService;
import dev.haremote.certwatch.service.CertWatchStatus;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The status API. Reads come from memory; {@code POST /check} runs a round now (common's filter
 * requires the bearer token for every POST under /api).
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {
  private final CertWatchService service;

  public StatusResource(CertWatchService service) {
    this.service = service;
  }

  @GET
  @Path("/status")
  public CertWatchStatus status() {
    return service.status();
  }

  @POST
  @Path("/check")
  public CertWatchStatus check() {
    return service.checkAll();
  }
}
