package dev.haremote.reachability.probe;

import dev.haremote.common.net.IpFamily;
import dev.haremote.reachability.diagnosis.TargetObservation;
import dev.haremote.reachability.diagnosis.Verdict;
import java.time.Instant;
import java.util.Map;

/**
 * One round's result for one target: what was seen, and the raw (not flap-suppressed) verdict.
 *
 * @param familyVerdicts each family diagnosed on its own
 */
public record TargetProbe(
    TargetObservation observation,
    Map<IpFamily, FamilyProbe> families,
    Map<IpFamily, Verdict> familyVerdicts,
    Verdict verdict,
    Instant checkedAt) {}
