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
 * @param reason {@link #NO_ROUTE_FROM_HERE} when the source cannot work from where the service runs
 *     (an IPv6 echo from an IPv4-only pod): no fault of the home, never a vote; else null
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
    String reason,
    @JsonIgnore boolean routerWithoutPublicAddress) {

  /** The reason code of a source that cannot work from here, as reachability-service's verdict. */
  public static final String NO_ROUTE_FROM_HERE = "no_route_from_here";

  public SourceReading {
    if (reason != null) {
      address = null; // a source that cannot work from here never votes
    }
  }

  public SourceReading(
      String source,
      String type,
      IpFamily family,
      String said,
      String address,
      String error,
      boolean routerWithoutPublicAddress) {
    this(source, type, family, said, address, error, null, routerWithoutPublicAddress);
  }

  public static SourceReading failed(AddressSource s, String error) {
    return new SourceReading(s.id(), s.type(), s.family(), null, null, error, false);
  }

  /**
   * This host has no way to the source (no route for its family): what it would answer says nothing
   * about the home, so the reading is no vote and no disagreement.
   */
  public static SourceReading cannotWorkFromHere(AddressSource s, String why) {
    return new SourceReading(
        s.id(), s.type(), s.family(), null, null, why, NO_ROUTE_FROM_HERE, false);
  }

  /** The source cannot work from where the service runs. */
  public boolean cannotWorkHere() {
    return NO_ROUTE_FROM_HERE.equals(reason);
  }
}
