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

  /** Without Home Assistant's URL settings (no token, or not read). */
  public ChainObservation(
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
      Duration duration) {
    this(
        address,
        addressIsPublic,
        tcp,
        tcpDetail,
        tls,
        http,
        httpStatus,
        httpDetail,
        websocket,
        websocketDetail,
        websocketAuth,
        duration,
        null);
  }

  /** All stages that apply passed. */
  public boolean good() {
    return Boolean.TRUE.equals(tcp)
        && (tls == null || tls.good())
        && http == HttpIdentity.HOME_ASSISTANT
        && Boolean.TRUE.equals(websocket);
  }

  public static ChainObservation notProbed() {
    return new ChainObservation(
        null, false, null, null, null, null, 0, null, null, null, null, null);
  }
}
