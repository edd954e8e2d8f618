package dev.haremote.ddns.update;

import java.util.Optional;

/**
 * One provider's update protocol. Never throws for network or protocol trouble, and never puts a
 * secret in an outcome.
 */
public interface DdnsProvider {
  UpdateOutcome update(UpdateRequest request);

  /**
   * Why updates must stop after this failed answer, given how many times in a row this same answer
   * (the same {@link UpdateOutcome#detail()}) came, with no other outcome in between: the
   * provider's own rules (abuse, answers that never say why). Empty: retry after the back-off.
   */
  default Optional<String> stopAfter(UpdateOutcome failed, int sameAnswerInARow) {
    return Optional.empty();
  }
}
