package dev.haremote.certwatch.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.haremote.certwatch.check.SourceKind;
import dev.haremote.common.net.IpFamily;
import java.time.Instant;
import java.util.List;

/**
 * One certificate in the status JSON (contract fields first, then extensions). Every field is
 * written, null when not known.
 *
 * <p>The record is the JSON row, field for field in the order of docs/api.md; it is made only by
 * {@link #of} from its named parts, each built where its facts are known. It stays flat rather than
 * holding the parts with {@code @JsonUnwrapped}: Jackson writes an unwrapped part's fields as one
 * run, and the order here interleaves the parts (the contract's fields, then the extensions of
 * each), which the OpenAPI document and docs/api.md list in the same order.
 *
 * @param key stable key for Home Assistant: {@code endpoint-ID-FAMILY} or {@code file-ID}
 * @param error the first thing wrong ({@code Reason} code), or null
 * @param problem whether Home Assistant's problem sensor is on
 * @param problemReason the code that turned it on: {@code error}, {@code renewal_overdue} or {@code
 *     expiring}
 * @param ariNote why the CA's renewal information (or part of it) was not used, or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CertificateStatus(
    String id,
    SourceKind source,
    IpFamily family,
    String subject,
    List<String> sans,
    String issuer,
    String serial,
    String fingerprintSha256,
    Instant notBefore,
    Instant notAfter,
    Long expiresInSeconds,
    Double daysLeft,
    Boolean hostnameMatch,
    Boolean chainValid,
    Boolean chainComplete,
    Instant renewalDueAt,
    Boolean renewalOverdue,
    Boolean servedMatchesFile,
    Boolean keyMatches,
    String error,
    Instant checkedAt,
    // extensions
    String key,
    String target,
    Double lifetimeDays,
    Integer chainLength,
    Instant renewalWindowEnd,
    String renewalSource,
    String ariExplanationUrl,
    String servedFingerprintSha256,
    String errorDetail,
    boolean problem,
    String problemReason,
    String advice,
    String ariNote) {

  static CertificateStatus of(
      CertificateReading reading,
      LeafFacts leaf,
      Expiry expiry,
      ChainAndName chain,
      RenewalTiming renewal,
      ServedVsFile served,
      Verdict verdict) {
    return new CertificateStatus(
        reading.id(),
        reading.source(),
        reading.family(),
        leaf.subject(),
        leaf.sans(),
        leaf.issuer(),
        leaf.serial(),
        leaf.fingerprintSha256(),
        leaf.notBefore(),
        leaf.notAfter(),
        expiry.expiresInSeconds(),
        expiry.daysLeft(),
        chain.hostnameMatch(),
        chain.chainValid(),
        chain.chainComplete(),
        renewal.dueAt(),
        renewal.overdue(),
        served.matchesFile(),
        leaf.keyMatches(),
        verdict.error(),
        reading.checkedAt(),
        reading.key(),
        reading.target(),
        leaf.lifetimeDays(),
        chain.chainLength(),
        renewal.windowEnd(),
        renewal.source(),
        renewal.ariExplanationUrl(),
        served.servedFingerprintSha256(),
        verdict.errorDetail(),
        verdict.problem(),
        verdict.problemReason(),
        verdict.advice(),
        renewal.ariNote());
  }
}
