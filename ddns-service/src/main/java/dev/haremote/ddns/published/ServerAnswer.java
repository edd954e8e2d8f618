package dev.haremote.ddns.published;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * One server's answer for one name and type.
 *
 * @param addresses the addresses (empty for NXDOMAIN or no record), null when it did not answer
 * @param ttl the smallest TTL of the records, or null
 * @param error why there is no answer, or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ServerAnswer(String server, List<String> addresses, Long ttl, String error) {

  public boolean answered() {
    return addresses != null;
  }
}
