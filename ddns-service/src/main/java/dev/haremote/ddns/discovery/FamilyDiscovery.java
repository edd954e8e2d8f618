package dev.haremote.ddns.discovery;

import dev.haremote.common.net.IpFamily;
import java.util.List;

/**
 * The verdict on one family's public address after asking every source of that family.
 *
 * @param address the address at least {@code quorum} sources gave, or null
 * @param sourcesAgree true when every source that gave an address gave the same one and the quorum
 *     is met; false when they differ; null when there is nothing to compare
 * @param oddSources sources whose address differs from the agreed one (all of them when no address
 *     reached the quorum)
 */
public record FamilyDiscovery(
    IpFamily family,
    String address,
    Boolean sourcesAgree,
    int quorum,
    List<String> oddSources,
    List<SourceReading> readings) {

  /** Trusted enough to change a record: quorum met and no source dissents. */
  public boolean trusted() {
    return address != null && Boolean.TRUE.equals(sourcesAgree);
  }
}
