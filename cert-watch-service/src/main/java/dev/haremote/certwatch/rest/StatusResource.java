package dev.haremote.certwatch.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.certwatch.service.CertWatchService;
import dev.haremote.certwatch.service.CertWatchStatus;
import dev.haremote.common.json.SerializedOnce;
import io.smallrye.common.annotation.NonBlocking;
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
  private final SerializedOnce statusJson;
  private final CertWatchService service;

  public StatusResource(CertWatchService service, ObjectMapper mapper) {
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

  @POST
  @Path("/check")
  public CertWatchStatus check() {
    return service.checkAll();
  }
}
