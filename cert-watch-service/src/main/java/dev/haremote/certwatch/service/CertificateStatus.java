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
    String ariNote) {}
