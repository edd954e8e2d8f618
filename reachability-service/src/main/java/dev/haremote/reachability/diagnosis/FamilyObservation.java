package dev.haremote.reachability.diagnosis;

import dev.haremote.common.net.IpFamily;
import java.util.List;

/**
 * Everything seen for one target on one IP family.
 *
 * @param internalAddresses what the resolvers inside the home answer
 * @param publicAddresses what the public resolvers answer
 * @param dnsDetail why resolution failed (every resolver tried), or null
 * @param publicDnsFailure why the public resolvers gave no address, or null
 * @param insideDnsFailure why the resolvers inside the home gave no address, or null
 * @param chain the full probe on the address the app in the home uses
 * @param publicPath the public address from inside (hairpin); null when not checked
 * @param plainHttpExposed Home Assistant answers plain http on the public address; null unknown
 * @param expectedPublicAddress the home's public address per ddns-service, or null
 * @param drift ddns-service (or the comparison with it) says the name points elsewhere; null
 *     unknown
 * @param noRouteFromHere why this host has no route to the family's address (the way from inside
 *     was then not tried), or null
 */
public record FamilyObservation(
    IpFamily family,
    List<String> internalAddresses,
    List<String> publicAddresses,
    String dnsDetail,
    ChainObservation chain,
    PublicPathObservation publicPath,
    Boolean plainHttpExposed,
    String plainHttpAddress,
    String expectedPublicAddress,
    Boolean drift,
    DnsFailure publicDnsFailure,
    DnsFailure insideDnsFailure,
    String noRouteFromHere) {

  /** With a route from here. */
  public FamilyObservation(
      IpFamily family,
      List<String> internalAddresses,
      List<String> publicAddresses,
      String dnsDetail,
      ChainObservation chain,
      PublicPathObservation publicPath,
      Boolean plainHttpExposed,
      String plainHttpAddress,
      String expectedPublicAddress,
      Boolean drift,
      DnsFailure publicDnsFailure,
      DnsFailure insideDnsFailure) {
    this(
        family,
        internalAddresses,
        publicAddresses,
        dnsDetail,
        chain,
        publicPath,
        plainHttpExposed,
        plainHttpAddress,
        expectedPublicAddress,
        drift,
        publicDnsFailure,
        insideDnsFailure,
        null);
  }

  /** Without failure classes: an empty answer is then a missing record. */
  public FamilyObservation(
      IpFamily family,
      List<String> internalAddresses,
      List<String> publicAddresses,
      String dnsDetail,
      ChainObservation chain,
      PublicPathObservation publicPath,
      Boolean plainHttpExposed,
      String plainHttpAddress,
      String expectedPublicAddress,
      Boolean drift) {
    this(
        family,
        internalAddresses,
        publicAddresses,
        dnsDetail,
        chain,
        publicPath,
        plainHttpExposed,
        plainHttpAddress,
        expectedPublicAddress,
        drift,
        publicAddresses.isEmpty() ? DnsFailure.NO_DATA : null,
        internalAddresses.isEmpty() ? DnsFailure.NO_DATA : null);
  }

  /** The same, seen from a host without a route to the family's address: nothing was probed. */
  public FamilyObservation withoutRouteFromHere(String why) {
    return new FamilyObservation(
        family,
        internalAddresses,
        publicAddresses,
        dnsDetail,
        new ChainObservation(
            chain.address(),
            chain.addressIsPublic(),
            null,
            null,
            null,
            null,
            0,
            null,
            null,
            null,
            null,
            null),
        null,
        null,
        plainHttpAddress,
        expectedPublicAddress,
        drift,
        publicDnsFailure,
        insideDnsFailure,
        why);
  }

  /** Inside and outside get different answers (split-brain DNS). */
  public Boolean splitHorizon() {
    if (internalAddresses.isEmpty() || publicAddresses.isEmpty()) {
      return null;
    }
    return !internalAddresses.containsAll(publicAddresses)
        || !publicAddresses.containsAll(internalAddresses);
  }
}
