package dev.haremote.common.suite.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * Keeps {@code /q/metrics} clean for {@code promtool check metrics}: framework meters registered
 * without a description (Netty, Vert.x) get a HELP text, and the meters promtool rejects by name or
 * shape ({@code process_cpu_time_ns_total}, {@code system_cpu_count}, the long-task timer {@code
 * http_server_connections_seconds}, whose sub-series carry no HELP) are left out. The services' own
 * meters must still carry {@code .description()} themselves.
 */
public class LintCleanMeters {
  private static final Set<String> REJECTED_BY_PROMTOOL =
      Set.of("process.cpu.time", "system.cpu.count", "http.server.connections");

  @Produces
  @Singleton
  public MeterFilter lintCleanMeters() {
    return new MeterFilter() {
      @Override
      public io.micrometer.core.instrument.config.MeterFilterReply accept(Meter.Id id) {
        return REJECTED_BY_PROMTOOL.contains(id.getName())
            ? io.micrometer.core.instrument.config.MeterFilterReply.DENY
            : io.micrometer.core.instrument.config.MeterFilterReply.NEUTRAL;
      }

      @Override
      public Meter.Id map(Meter.Id id) {
        String description = id.getDescription();
        if (description != null && !description.isBlank()) {
          // The registry escapes quotes in HELP as \", which promtool 2.42 (Debian) rejects.
          return description.indexOf('"') < 0
              ? id
              : new Meter.Id(
                  id.getName(),
                  io.micrometer.core.instrument.Tags.of(id.getTagsAsIterable()),
                  id.getBaseUnit(),
                  description.replace('"', '\''),
                  id.getType());
        }
        return new Meter.Id(
            id.getName(),
            io.micrometer.core.instrument.Tags.of(id.getTagsAsIterable()),
            id.getBaseUnit(),
            id.getName() + " (framework meter)",
            id.getType());
      }
    };
  }
}
