package dev.haremote.reachability.service;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.haremote.reachability.diagnosis.Evidence;
import java.util.List;

/**
 * One family of one target in the status JSON: the raw, current stage results.
 *
 * @param resolved the public resolvers have an address of this family
 * @param address the address the probe used (the inside answer)
 * @param tcp null when not tried
 * @param tls null for http URLs or when not reached; false for any certificate problem
 * @param httpStatus status of {@code /manifest.json}, null when none
 * @param homeAssistant the answer is Home Assistant; null when nothing answered
 * @param websocket {@code /api/websocket} sent auth_required; null when not tried
 * @param websocketAuth with the target's {@code ha-token-file}: {@code ok} (auth_ok), {@code
 *     refused} (auth_invalid; not sent again until the file changes) or {@code withheld} (not sent:
 *     the path is not verified TLS or a private address, the token was refused before, or the file
 *     is unreadable); null without a token file
 * @param reachable the app gets through over this family: its (flap-suppressed) verdict is not an
 *     error; the target's {@code reachable} follows its first family by the documented rule
 * @param verdict this family's own first broken link (flap-suppressed like the target's)
 * @param dnsFailure why the name gave no address: nxdomain or no_data (the record is missing),
 *     timeout, servfail, refused, network_error, malformed (the resolvers did not answer); null
 *     when it resolved
 * @param rawReachable this round's, before flap suppression
 * @param rawVerdict this round's, before flap suppression
 * @param evidence the facts behind this round's verdict, each with its weight
 * @param hairpin the public address answers with Home Assistant from inside; null when unknown
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FamilyStatus(
    Boolean resolved,
    String address,
    List<String> addressesInternal,
    List<String> addressesPublic,
    String dnsError,
    Boolean tcp,
    Boolean tls,
    String tlsDetail,
    Integer httpStatus,
    Boolean homeAssistant,
    Boolean websocket,
    String websocketAuth,
    Double durationSeconds,
    Boolean reachable,
    String verdict,
    String publicAddress,
    Boolean hairpin,
    Boolean plainHttpExposed,
    String dnsFailure,
    Boolean rawReachable,
    String rawVerdict,
    List<Evidence> evidence) {}
