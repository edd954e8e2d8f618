package dev.haremote.reachability.diagnosis;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * One fact behind a verdict, with its weight: what was seen directly outranks what was inferred.
 *
 * @param source where the fact comes from: {@code dns}, {@code chain} (the probe from inside on the
 *     address the app at home uses), {@code hairpin} (the public address from inside), {@code
 *     outside} (peers), {@code ddns} (ddns-service), {@code internal_url}
 * @param fact a short sentence for people
 */
public record Evidence(String source, Weight weight, String fact) {

  /** How much a fact counts. */
  public enum Weight {
    /** Seen directly: Home Assistant answered (or not) on this path. */
    PROOF,
    /** Concluded from something else: UPnP, address ranges, DNS answers. */
    INFERENCE,
    /** An inference that proof contradicts: shown, but not used. */
    OVERRULED;

    @JsonValue
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static Evidence proof(String source, String fact) {
    return new Evidence(source, Weight.PROOF, fact);
  }

  public static Evidence inference(String source, String fact) {
    return new Evidence(source, Weight.INFERENCE, fact);
  }

  public static Evidence overruled(String source, String fact) {
    return new Evidence(source, Weight.OVERRULED, fact);
  }
}
