package dev.haremote.ddns.published;

import java.time.Instant;
import java.util.List;

/**
 * What the world is told for one name and family.
 *
 * @param zone the zone found (or null with an override or on failure)
 * @param published sorted addresses the authoritative servers give; null when none answered
 * @param serversAgree false when authoritative servers give different answers
 * @param ttl the authoritative TTL in seconds, or null
 * @param propagated every public resolver gives the authoritative answer; null when unknown
 * @param cachesExpireAt when the last resolver still holding another answer will have dropped it
 * @param error why the answer is incomplete, or null
 * @param aliasOf the name this one is an alias (CNAME) of at its authoritative servers, or null: an
 *     alias has no address of its own (published is null), so it is never compared with the home's
 *     address and never updated
 */
public record PublishedView(
    String zone,
    List<String> published,
    boolean serversAgree,
    Long ttl,
    Boolean propagated,
    Instant cachesExpireAt,
    List<ServerAnswer> authoritative,
    List<ServerAnswer> resolvers,
    String error,
    String aliasOf) {

  /** A name with addresses of its own (or none, or no answer): not an alias. */
  public PublishedView(
      String zone,
      List<String> published,
      boolean serversAgree,
      Long ttl,
      Boolean propagated,
      Instant cachesExpireAt,
      List<ServerAnswer> authoritative,
      List<ServerAnswer> resolvers,
      String error) {
    this(
        zone,
        published,
        serversAgree,
        ttl,
        propagated,
        cachesExpireAt,
        authoritative,
        resolvers,
        error,
        null);
  }
}
