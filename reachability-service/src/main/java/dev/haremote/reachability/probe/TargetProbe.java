package dev.haremote.reachability.probe;

import dev.haremote.common.net.IpFamily;
import dev.haremote.reachability.diagnosis.ChainObservation;
import dev.haremote.reachability.diagnosis.TargetObservation;
import dev.haremote.reachability.diagnosis.Verdict;
import java.time.Instant;
import java.util.Map;

/**
 * One round's result for one target: what was seen, and the raw (not flap-suppressed) verdict.
 *
 * @param familyVerdicts each family diagnosed on its own
 * @param internal the probe of the configured internal URL, or null
 */
public record TargetProbe(
    TargetObservation observation,
    Map<IpFamily, FamilyProbe> families,
    Map<IpFamily, Verdict> familyVerdicts,
    Verdict verdict,
    ChainObservation internal,
    Instant checkedAt) {}
