package dev.haremote.common.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

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
    return mapper;
  }
}
