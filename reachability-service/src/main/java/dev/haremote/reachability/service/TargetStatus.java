package dev.haremote.reachability.service;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.haremote.reachability.diagnosis.Evidence;
import java.time.Instant;
import java.util.List;

/**
 * One target in the status JSON. {@code reachable}, {@code verdict} and {@code advice} are
 * flap-suppressed; {@code raw_*} and the family objects are this round's.
 *
 * @param ipv4 null when the family is not configured
 * @param hairpin the public address works from inside (IPv4 NAT loopback); null when unknown
 * @param splitHorizon inside and outside resolvers give different answers; null when unknown
 * @param splitHorizonNeeded split-brain DNS is needed because hairpin does not work
 * @param external the peers' outside view, null without peers
 * @param internal the internal URL's probe, null when none is configured
 * @param durationSeconds the first family's probe time (the response time Home Assistant shows)
 * @param haUrls Home Assistant's External and Internal URL settings against the way that works
 * @param evidence the facts behind the shown verdict, each with its weight (proof, inference,
 *     overruled)
 * @param checkError why this round's check of the target did not finish (a bug, logged); the other
 *     fields are then the last round's. Null normally.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TargetStatus(
    String id,
    String url,
    Instant checkedAt,
    Boolean reachable,
    String verdict,
    String advice,
    String verdictFamily,
    Boolean rawReachable,
    String rawVerdict,
    FamilyStatus ipv4,
    FamilyStatus ipv6,
    Boolean hairpin,
    Boolean splitHorizon,
    Boolean splitHorizonNeeded,
    Boolean plainHttpExposed,
    Boolean cgnat,
    Boolean dnsDrift,
    ExternalStatus external,
    InternalStatus internal,
    Double durationSeconds,
    List<Evidence> evidence,
    HaUrlsStatus haUrls,
    String checkError) {}
