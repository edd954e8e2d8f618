package dev.haremote.ddns.discovery;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.haremote.common.net.IpFamily;

/**
 * What one source said in one round.
 *
 * @param source the source's id as shown in the status
 * @param type http, dns, upnp or interface
 * @param said the address literal the source gave (canonical form), even when refused; else null
 * @param address {@code said} when it is acceptable as a public address, else null
 * @param error why there is no usable address, or null
 * @param routerWithoutPublicAddress a UPnP router answered an empty external address
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SourceReading(
    String source,
    String type,
    IpFamily family,
    String said,
    String address,
    String error,
    @JsonIgnore boolean routerWithoutPublicAddress) {

  public static SourceReading failed(AddressSource s, String error) {
    return new SourceReading(s.id(), s.type(), s.family(), null, null, error, false);
  }
}
