package dev.haremote.reachability.probe;

import dev.haremote.reachability.diagnosis.FamilyObservation;
import java.util.Map;

/** One family's observation with the raw result of each stage (for metrics and JSON). */
public record FamilyProbe(FamilyObservation observation, Map<Stage, StageResult> stages) {}
