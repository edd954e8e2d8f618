package dev.haremote.common.suite.plumbing;

import dev.haremote.common.suite.OwnAuthentication;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Map;

/** Test-only endpoints under /api/ to exercise the shared filter, mapper and JSON conventions. */
@Path("/api/v1/suite-probe")
@Produces(MediaType.APPLICATION_JSON)
public class SuiteProbeResource {
  public record Sample(Instant checkedAt, String notKnown, boolean inSync) {}

  @GET
  public Sample read() {
    return new Sample(Instant.parse("2026-11-25T06:00:00Z"), null, true);
  }

  @POST
  public Map<String, String> write() {
    return Map.of("written", "yes");
  }

  @POST
  @Path("own")
  @OwnAuthentication
  public Map<String, String> ownAuthentication() {
    return Map.of("own", "yes");
  }

  @POST
  @Path("echo")
  @OwnAuthentication
  @Consumes(MediaType.APPLICATION_JSON)
  public Sample echo(Sample body) {
    return body;
  }

  @GET
  @Path("fail")
  public String fail() {
    throw new IllegalStateException(
        "boom at https://www.duckdns.org/update?domains=x&token=s3cr3t-t0ken");
  }
}
