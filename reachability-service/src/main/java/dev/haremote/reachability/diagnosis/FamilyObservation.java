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

  /** An observation of {@code family} built part by part ({@link Builder}). */
  public static Builder of(IpFamily family) {
    return new Builder(family);
  }

  /** The same, seen from a host without a route to the family's address: nothing was probed. */
  public FamilyObservation withoutRouteFromHere(String why) {
    return of(family)
        .internalAddresses(internalAddresses)
        .publicAddresses(publicAddresses)
        .dnsDetail(dnsDetail)
        .chain(ChainObservation.notConnected(chain.address(), chain.addressIsPublic()))
        .plainHttp(null, plainHttpAddress)
        .ddns(expectedPublicAddress, drift)
        .dnsFailures(publicDnsFailure, insideDnsFailure)
        .noRouteFromHere(why)
        .build();
  }

  /**
   * The parts of a {@link FamilyObservation} by name. A part not given is null (no addresses: an
   * empty list); the DNS failure classes not given are derived from the answers: no address is then
   * a missing record ({@link DnsFailure#NO_DATA}).
   */
  public static final class Builder {
    private final IpFamily family;
    private List<String> internalAddresses = List.of();
    private List<String> publicAddresses = List.of();
    private String dnsDetail;
    private ChainObservation chain;
    private PublicPathObservation publicPath;
    private Boolean plainHttpExposed;
    private String plainHttpAddress;
    private String expectedPublicAddress;
    private Boolean drift;
    private boolean failuresGiven;
    private DnsFailure publicDnsFailure;
    private DnsFailure insideDnsFailure;
    private String noRouteFromHere;

    private Builder(IpFamily family) {
      this.family = family;
    }

    /** What the resolvers inside the home answer. */
    public Builder internalAddresses(List<String> addresses) {
      this.internalAddresses = addresses;
      return this;
    }

    /** What the public resolvers answer. */
    public Builder publicAddresses(List<String> addresses) {
      this.publicAddresses = addresses;
      return this;
    }

    /** Why resolution failed (every resolver tried). */
    public Builder dnsDetail(String detail) {
      this.dnsDetail = detail;
      return this;
    }

    /** The full probe on the address the app in the home uses. */
    public Builder chain(ChainObservation observation) {
      this.chain = observation;
      return this;
    }

    /** The public address from inside (hairpin), when checked. */
    public Builder publicPath(PublicPathObservation observation) {
      this.publicPath = observation;
      return this;
    }

    /** Whether Home Assistant answers plain http on the public address, and on which. */
    public Builder plainHttp(Boolean exposed, String address) {
      this.plainHttpExposed = exposed;
      this.plainHttpAddress = address;
      return this;
    }

    /** The home's public address per ddns-service, and whether the name points elsewhere. */
    public Builder ddns(String expectedPublicAddress, Boolean drift) {
      this.expectedPublicAddress = expectedPublicAddress;
      this.drift = drift;
      return this;
    }

    /** Why the public resolvers and those inside the home gave no address (null: they did). */
    public Builder dnsFailures(DnsFailure publicSide, DnsFailure insideSide) {
      this.failuresGiven = true;
      this.publicDnsFailure = publicSide;
      this.insideDnsFailure = insideSide;
      return this;
    }

    /** Why this host has no route to the family's address (the way from inside was not tried). */
    public Builder noRouteFromHere(String why) {
      this.noRouteFromHere = why;
      return this;
    }

    public FamilyObservation build() {
      return new FamilyObservation(
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
          failuresGiven ? publicDnsFailure : publicAddresses.isEmpty() ? DnsFailure.NO_DATA : null,
          failuresGiven
              ? insideDnsFailure
              : internalAddresses.isEmpty() ? DnsFailure.NO_DATA : null,
          noRouteFromHere);
    }
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
