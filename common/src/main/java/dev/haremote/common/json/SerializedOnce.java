package dev.haremote.common.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The JSON bytes of the latest status, made once per status object rather than once per request.
 * Home Assistant, Prometheus and dashboards read the status far more often than a round replaces
 * it, and serialising a 100-target status on every GET cost 72 % of the read path's CPU
 * (docs/benchmarks.md, figure 4). Status objects are immutable and replaced whole, so identity says
 * whether the bytes are still current.
 */
public final class SerializedOnce {
  private final ObjectMapper mapper;
  private final AtomicReference<Entry> latest = new AtomicReference<>();

  public SerializedOnce(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public byte[] json(Object status) {
    Entry entry = latest.get();
    if (entry != null && entry.source == status) {
      return entry.bytes;
    }
    try {
      byte[] bytes = mapper.writeValueAsBytes(status);
      latest.set(new Entry(status, bytes));
      return bytes;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("status cannot be written as JSON", e);
    }
  }

  private record Entry(Object source, byte[] bytes) {}
}
