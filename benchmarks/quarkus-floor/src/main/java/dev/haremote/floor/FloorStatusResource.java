package dev.haremote.floor;

import io.quarkus.scheduler.Scheduled;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The least a service does: a scheduled round and a JSON status. Everything else in the process is
 * the Quarkus stack the three services share, so its memory is their floor.
 */
@Path("/api/v1/status")
public class FloorStatusResource {
  private volatile Instant checkedAt = Instant.now();

  @GET
  public Map<String, Object> status() {
    return Map.of("checked_at", checkedAt.truncatedTo(ChronoUnit.SECONDS).toString());
  }

  @Scheduled(every = "10s")
  void round() {
    checkedAt = Instant.now();
  }
}
