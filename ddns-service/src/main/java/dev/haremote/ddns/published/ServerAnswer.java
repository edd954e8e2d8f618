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
 * @param addressCount how many addresses it answered ({@code addresses} shows at most {@link
 *     AddressListCap#LIMIT}); null when it did not answer
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ServerAnswer(
    String server, List<String> addresses, Long ttl, String error, Integer addressCount) {

  public ServerAnswer(String server, List<String> addresses, Long ttl, String error) {
    this(server, addresses, ttl, error, addresses == null ? null : addresses.size());
  }

  public boolean answered() {
    return addresses != null;
  }
}
