package dev.haremote.ddns.status;

import dev.haremote.ddns.discovery.NatCheck;
import java.time.Instant;
import java.util.List;

/**
 * The ddns-service's advice, like the other services': one sentence a person can act on, per record
 * and for the whole status, from what the round found.
 */
public final class DdnsAdvice {
  public static final String NO_SOURCES =
      "No public address sources: ddns.discovery.sources is empty and ddns.discovery.defaults is"
          + " false, so the home's public address, drift and CG-NAT cannot be seen. Configure"
          + " sources, or remove defaults: false to use the built-in ones.";

  private DdnsAdvice() {}

  /**
   * @param provider the provider key, {@code none} when watch only
   * @param sourcesDisagree why the public address is not trusted enough to change a record, or null
   * @param aliasOf the name this one is a CNAME of at its authoritative servers, or null
   */
  public static String record(
      String name,
      String family,
      String expected,
      String published,
      Boolean inSync,
      Boolean propagated,
      Instant cachesExpireAt,
      boolean update,
      String provider,
      String updatesStopped,
      String sourcesDisagree,
      String aliasOf,
      String error) {
    String which = name + " (" + family + ")";
    if (aliasOf != null) {
      return which
          + " is an alias (CNAME) of "
          + aliasOf
          + ": its address is whatever "
          + aliasOf
          + " has, so it is not compared with the home's public address"
          + (update
              ? ", and this service never updates it (an update belongs to "
                  + aliasOf
                  + "): configure "
                  + aliasOf
                  + " in ddns.records with update: true instead."
              : ". Watch " + aliasOf + " instead (add it to ddns.records).");
    }
    if (inSync == null) {
      return which
          + ": cannot compare the record with the home's public address"
          + (error == null ? "." : ": " + error + ".");
    }
    if (inSync) {
      if (Boolean.FALSE.equals(propagated)) {
        return which
            + " points at "
            + expected
            + " at its authoritative servers; some public resolvers still give the old answer"
            + (cachesExpireAt == null ? "" : " until " + cachesExpireAt)
            + " (their cache TTL). Nothing to do but wait.";
      }
      return which + " points at " + expected + ", the home's public address.";
    }
    String drift =
        which
            + " points at "
            + (published == null ? "nothing" : published)
            + ", but the home's public address is "
            + expected
            + ". ";
    if (updatesStopped != null) {
      // The reason names the way back; a stop saved by an older version may not.
      return drift
          + "Updates stopped: "
          + updatesStopped
          + (updatesStopped.contains("to resume")
              ? "."
              : ". To resume, correct the "
                  + provider
                  + " secret file (read again automatically) or the configuration (token, user"
                  + " name, host name) and restart.");
    }
    if (!update) {
      return drift
          + "This service only watches (update: false): check the client that should update it"
          + " (the DuckDNS add-on, or the router's DDNS client), or set update: true with the"
          + " provider's credentials to let this service repair the record.";
    }
    if (sourcesDisagree != null) {
      return drift + "Nothing is changed while " + sourcesDisagree + ".";
    }
    return drift + "The record is repaired via " + provider + " once the drift is confirmed.";
  }

  /** The whole status: what matters most first. */
  public static String overall(
      boolean noSources, NatCheck.Verdict nat, List<RecordStatus> records, String error) {
    if (noSources) {
      return NO_SOURCES;
    }
    if (error != null) {
      return "The service has a problem of its own: " + error + ".";
    }
    if (nat.advice() != null) {
      return nat.advice();
    }
    for (RecordStatus r : records) {
      if (!Boolean.TRUE.equals(r.inSync()) || Boolean.FALSE.equals(r.propagated())) {
        return r.advice();
      }
    }
    return records.isEmpty()
        ? "No records configured: add ddns.records to watch a name."
        : "All " + records.size() + " record(s) point at the home's public address.";
  }
}
