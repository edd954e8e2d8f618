package dev.haremote.reachability.diagnosis;

import java.time.Duration;

/**
 * The stages on one address, in order: TCP, TLS (https only), HTTP, WebSocket. A stage not reached
 * is null.
 *
 * @param address the address literal probed, or null when there was none to probe
 * @param addressIsPublic the address is the home's public address (so this path needs hairpin NAT
 *     from inside)
 * @param tls null for http URLs or when TCP failed
 * @param httpStatus status of the {@code /manifest.json} request, 0 when none
 * @param websocketAuth the auth phase with the target's token: ok, refused, withheld; null without
 *     a token
 * @param haUrls Home Assistant's External and Internal URL settings, read after {@code auth_ok};
 *     null when they could not be read
 */
public record ChainObservation(
    String address,
    boolean addressIsPublic,
    Boolean tcp,
    String tcpDetail,
    TlsObservation tls,
    HttpIdentity http,
    int httpStatus,
    String httpDetail,
    Boolean websocket,
    String websocketDetail,
    String websocketAuth,
    Duration duration,
    HaUrlSettings haUrls) {

  /** All stages that apply passed. */
  public boolean good() {
    return Boolean.TRUE.equals(tcp)
        && (tls == null || tls.good())
        && http == HttpIdentity.HOME_ASSISTANT
        && Boolean.TRUE.equals(websocket);
  }

  /** No address to probe. */
  public static ChainObservation notProbed() {
    return notConnected(null, false);
  }

  /** An address that was not connected to (no route from here, or not probed this round). */
  public static ChainObservation notConnected(String address, boolean addressIsPublic) {
    return new ChainObservation(
        address, addressIsPublic, null, null, null, null, 0, null, null, null, null, null, null);
  }

  /** The name gave no address to connect to: {@code reason} says why (NXDOMAIN, timeout...). */
  public static ChainObservation noAddress(String reason) {
    return new ChainObservation(
        null, false, null, reason, null, null, 0, null, null, null, null, Duration.ZERO, null);
  }

  /** TCP to {@code address} failed ({@code detail}); no later stage was tried. */
  public static ChainObservation tcpFailed(
      String address, boolean addressIsPublic, String detail, Duration duration) {
    return new ChainObservation(
        address,
        addressIsPublic,
        false,
        detail,
        null,
        null,
        0,
        null,
        null,
        null,
        null,
        duration,
        null);
  }
}
