package dev.haremote.ddns.update;

/**
 * One provider's update protocol. Never throws for network or protocol trouble, and never puts a
 * secret in an outcome.
 */
public interface DdnsProvider {
  UpdateOutcome update(UpdateRequest request);
}
