package dev.haremote.ddns.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.common.json.SerializedOnce;
import dev.haremote.ddns.service.DdnsService;
import dev.haremote.ddns.status.DdnsStatus;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/status} from memory; {@code POST /api/v1/check} runs a round now. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {
  private final SerializedOnce statusJson;
  private final DdnsService service;

  public StatusResource(DdnsService service, ObjectMapper mapper) {
    this.statusJson = new SerializedOnce(mapper);
    this.service = service;
  }

  /** From memory, written as JSON once per round (never waits on a probe, never blocks). */
  @GET
  @Path("/status")
  @NonBlocking
  public byte[] status() {
    return statusJson.json(service.latest());
  }

  /** The bearer token is enforced by common's filter for every POST /api/**. */
  @POST
  @Path("/check")
  public DdnsStatus check() {
    return service.checkNow();
  }
}
