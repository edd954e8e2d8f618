package dev.haremote.ddns.discovery;

import dev.haremote.common.net.IpFamily;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns what a source said into a reading: exactly one literal, right family, public. */
final class LiteralCheck {
  private LiteralCheck() {}

  /** All IP literals in a text; words and punctuation around them are ignored. */
  static List<InetAddress> literalsIn(String text) {
    List<InetAddress> out = new ArrayList<>();
    for (String token : text.split("[^0-9A-Fa-f:.]+")) {
      String t = token.replaceAll("^\\.+|\\.+$", ""); // "1.2.3.4." at a sentence end
      if (t.length() < 2 || !t.matches(".*\\d.*") && !t.contains("::")) {
        continue;
      }
      AddressLiteral.toInetAddress(t).ifPresent(out::add);
    }
    return out;
  }

  /** A reading from the single literal in {@code text}, or an error naming what is wrong. */
  static SourceReading fromText(AddressSource s, String text, SpecialUseRanges ranges) {
    List<InetAddress> found = literalsIn(text);
    if (found.isEmpty()) {
      return SourceReading.failed(s, "no address in the answer");
    }
    if (found.size() > 1) {
      return SourceReading.failed(
          s, found.size() + " addresses in the answer; exactly one is required");
    }
    return fromAddress(s, found.get(0), ranges);
  }

  static SourceReading fromAddress(AddressSource s, InetAddress address, SpecialUseRanges ranges) {
    String said = AddressLiteral.canonical(address);
    if (!s.family().matches(address)) {
      return new SourceReading(
          s.id(),
          s.type(),
          s.family(),
          said,
          null,
          "answered an " + IpFamily.of(address).key() + " address for " + s.family().key(),
          false);
    }
    Optional<String> refusal = ranges.refusal(address);
    if (refusal.isPresent()) {
      return new SourceReading(
          s.id(),
          s.type(),
          s.family(),
          said,
          null,
          said + " is " + refusal.get() + ", not a public address",
          false);
    }
    return new SourceReading(s.id(), s.type(), s.family(), said, said, null, false);
  }
}
