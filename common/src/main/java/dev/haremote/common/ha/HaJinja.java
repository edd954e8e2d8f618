package dev.haremote.common.ha;

/**
 * Template pieces that Home Assistant renders without a log line whatever the answer holds: no
 * answer at all (service down, so {@code value_json} is undefined), an error body, a status before
 * the first round (nulls, empty lists), or a list without the configured subject yet. Every read
 * goes through {@code .get()} on a mapping, so no "has no attribute" warning; subjects are picked
 * by their configured id, never by position.
 */
public final class HaJinja {
  /** Sets {@code s} to the status object, or an empty mapping when there is none. */
  public static final String STATUS =
      "{% set s = value_json if value_json is defined and value_json is mapping else {} %}";

  /** A valid timestamp for an unavailable timestamp sensor: HA parses the state even then. */
  static final String NO_TIME = "1970-01-01T00:00:00+00:00";

  private HaJinja() {}

  /** A Jinja string literal. */
  public static String literal(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /**
   * After {@link #STATUS}: sets {@code var} to the first item of {@code s.<list>} whose fields
   * equal the given values (pairs of field and value), or an empty mapping.
   */
  public static String select(String var, String list, String... fieldsAndValues) {
    StringBuilder out =
        new StringBuilder(STATUS).append("{% set m = (s.get('").append(list).append("') or [])");
    for (int i = 0; i < fieldsAndValues.length; i += 2) {
      out.append(" | selectattr('")
          .append(fieldsAndValues[i])
          .append("', 'eq', ")
          .append(literal(fieldsAndValues[i + 1]))
          .append(")");
    }
    return out.append(" | list %}{% set ")
        .append(var)
        .append(" = m[0] if m and m[0] is mapping else {} %}")
        .toString();
  }

  /** A binary sensor's value: on when {@code expr} is JSON true. */
  public static String onWhenTrue(String expr) {
    return "{{ 'on' if " + expr + " == true else 'off' }}";
  }

  /**
   * A text sensor's value, {@code fallback} if null. HA refuses a state over 255 characters; longer
   * text (some advice is) is cut at the last word that fits, with an ellipsis.
   */
  public static String text(String expr, String fallback) {
    return "{{ (("
        + expr
        + ") or "
        + literal(fallback)
        + ") | string | truncate(254, false, '…', 0) }}";
  }

  /** A numeric sensor's value: never a non-number (HA would refuse the entity for good). */
  public static String number(String expr) {
    return "{% set v = " + expr + " %}{{ v if v is number else 0 }}";
  }

  /** A timestamp sensor's value: always a valid timestamp (HA warns on any other). */
  public static String timestamp(String expr) {
    return "{% set v = "
        + expr
        + " %}{{ v if v is string and as_datetime(v, none) is not none else '"
        + NO_TIME
        + "' }}";
  }

  /** The availability of a timestamp sensor over {@code expr}. */
  public static String hasTimestamp(String expr) {
    return "{% set v = " + expr + " %}{{ v is string and as_datetime(v, none) is not none }}";
  }

  /** The availability of a number sensor over {@code expr}. */
  public static String hasNumber(String expr) {
    return "{% set v = " + expr + " %}{{ v is number }}";
  }

  /** True when {@code expr} is neither null nor missing. */
  public static String has(String expr) {
    return "{{ " + expr + " is not none }}";
  }
}
