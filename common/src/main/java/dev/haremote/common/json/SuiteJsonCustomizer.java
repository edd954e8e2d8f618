package dev.haremote.common.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The JSON conventions Home Assistant templates rely on, applied to every service's ObjectMapper:
 * snake_case keys, ISO-8601 instants ({@code 2026-11-25T06:00:00Z}) and nulls written, because an
 * unknown value is {@code null}, never absent (a template reading a missing key breaks).
 */
@Singleton
public class SuiteJsonCustomizer implements ObjectMapperCustomizer {

  @Override
  public void customize(ObjectMapper mapper) {
    applyConventions(mapper);
  }

  /** A mapper with the same conventions, for code outside CDI (tests, tools). */
  public static ObjectMapper newMapper() {
    return applyConventions(new ObjectMapper().findAndRegisterModules());
  }

  static ObjectMapper applyConventions(ObjectMapper mapper) {
    mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    mapper.disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    mapper.setDefaultPropertyInclusion(
        JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS));
    mapper.registerModule(new SimpleModule("suite-instants").addSerializer(new WholeSeconds()));
    return mapper;
  }

  /**
   * Every service writes instants the same way, to the second: HA shows attributes as they come,
   * and nanosecond fractions ({@code 07:59:48.643073573Z}) only clutter them.
   */
  static final class WholeSeconds extends StdSerializer<Instant> {
    WholeSeconds() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(DateTimeFormatter.ISO_INSTANT.format(value.truncatedTo(ChronoUnit.SECONDS)));
    }
  }
}
