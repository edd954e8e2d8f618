package dev.haremote.reachability.service;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Home Assistant's own URL settings in the status, beside the way that was seen to work.
 *
 * @param checked the settings were read (with the target's token, after {@code auth_ok})
 * @param whyNot when not checked, why (never a guess at the settings)
 * @param externalUrl Home Assistant's External URL, or null (not set, or not checked)
 * @param internalUrl Home Assistant's Internal URL, or null (not set, or not checked)
 * @param workingUrl the URL the checks reached Home Assistant at (the target's)
 * @param problem the warning code when they disagree ({@code ha_external_url_missing}, {@code
 *     ha_external_url_wrong}, {@code ha_internal_url_needs_hairpin}), or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HaUrlsStatus(
    boolean checked,
    String whyNot,
    String externalUrl,
    String internalUrl,
    String workingUrl,
    String problem) {}
