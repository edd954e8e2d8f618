package dev.haremote.reachability.diagnosis;

/**
 * The home's public address tried from inside on the target's port: the hairpin (NAT loopback)
 * check.
 *
 * @param reached TCP connected
 * @param homeAssistant the answer is Home Assistant (null when nothing answered over HTTP)
 */
public record PublicPathObservation(
    String address, boolean reached, Boolean homeAssistant, String detail) {

  public boolean works() {
    return reached && Boolean.TRUE.equals(homeAssistant);
  }
}
