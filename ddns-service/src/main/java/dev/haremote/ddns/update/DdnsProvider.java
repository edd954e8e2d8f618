package dev.haremote.ddns.update;

import java.util.Optional;

/**
 * One provider's update protocol. Never throws for network or protocol trouble, and never puts a
 * secret in an outcome.
 */
public interface DdnsProvider {
  UpdateOutcome update(UpdateRequest request);

  /**
   * Why updates must stop after this failed answer, given how many failures came in a row: the
   * provider's own rules (abuse, answers that never say why). Empty: retry after the back-off.
   */
  default Optional<String> stopAfter(UpdateOutcome failed, int failuresInARow) {
    return Optional.empty();
  }
}
