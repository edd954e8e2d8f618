package dev.haremote.ddns.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.haremote.common.net.IpFamily;
import dev.haremote.ddns.published.ServerAnswer;
import java.time.Instant;
import java.util.List;

/**
 * One record and family in the status.
 *
 * @param expected the agreed public address, or null
 * @param published what the authoritative servers say (the first {@link
 *     dev.haremote.ddns.published.AddressListCap#LIMIT} addresses, sorted, joined by a comma), or
 *     null
 * @param inSync published equals expected; null when either is unknown
 * @param propagated the home's public address is what every public resolver answers: the record is
 *     in sync and the resolvers give the authoritative answer (false while drifting, and after a
 *     repair until their caches expire); null when in_sync is unknown
 * @param resolversAgree every public resolver gives the authoritative answer, right or wrong; null
 *     when unknown
 * @param cachesExpireAt when resolvers still holding another answer will have dropped it
 * @param updatesStopped why updates stopped and how to resume (correct the secret file, read again
 *     automatically, or the configuration and restart), or null
 * @param nextUpdateNotBefore cooldown, backoff or Retry-After end, or null
 * @param advice what to do about this record, in one sentence a person reads
 * @param publishedCount how many addresses the authoritative servers give; null with published
 * @param publishedTruncated published shows only the first of more addresses
 * @param repairWaits why a drifting record is not repaired this round (sources disagree, drift not
 *     yet confirmed, cooldown, backoff), or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RecordStatus(
    String name,
    IpFamily family,
    String provider,
    boolean update,
    String expected,
    String published,
    Boolean inSync,
    Instant driftSince,
    Long ttl,
    Boolean propagated,
    Instant cachesExpireAt,
    LastUpdate lastUpdate,
    String updatesStopped,
    Instant nextUpdateNotBefore,
    long updateAttempts,
    long updateSuccesses,
    String zone,
    List<ServerAnswer> authoritative,
    List<ServerAnswer> resolvers,
    Instant checkedAt,
    String error,
    Boolean resolversAgree,
    String advice,
    Integer publishedCount,
    boolean publishedTruncated,
    String repairWaits) {}
