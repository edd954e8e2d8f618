package dev.haremote.common.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SerializedOnceTest {
  record Status(String verdict) {}

  /** Counts how often Jackson is asked to write. */
  static final class CountingMapper extends ObjectMapper {
    final AtomicInteger writes = new AtomicInteger();

    @Override
    public byte[] writeValueAsBytes(Object value)
        throws com.fasterxml.jackson.core.JsonProcessingException {
      writes.incrementAndGet();
      return super.writeValueAsBytes(value);
    }
  }

  @Test
  void theSameStatusIsWrittenOnceAndANewOneAgain() {
    CountingMapper mapper = new CountingMapper();
    SerializedOnce once = new SerializedOnce(mapper);
    Status first = new Status("ok");

    byte[] a = once.json(first);
    byte[] b = once.json(first);
    assertThat(b).isSameAs(a);
    assertThat(mapper.writes).hasValue(1);

    // An equal but new object is a new round: written again, with its own content.
    byte[] c = once.json(new Status("dns_drift"));
    assertThat(mapper.writes).hasValue(2);
    assertThat(new String(c, StandardCharsets.UTF_8)).contains("dns_drift");
  }
}
