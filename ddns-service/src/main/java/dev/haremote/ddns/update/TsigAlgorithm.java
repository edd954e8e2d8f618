package dev.haremote.ddns.update;

import dev.haremote.ddns.config.ConfigWord;
import java.util.Arrays;
import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;

/**
 * The {@code rfc2136.algorithm} of a record, parsed once: the start-up check refuses what {@link
 * #parse} does not know, and {@link Rfc2136Provider} signs with the one it names.
 */
public enum TsigAlgorithm implements ConfigWord {
  HMAC_SHA256("hmac-sha256", TSIG.HMAC_SHA256, true),
  HMAC_SHA384("hmac-sha384", TSIG.HMAC_SHA384, true),
  HMAC_SHA512("hmac-sha512", TSIG.HMAC_SHA512, true),
  HMAC_SHA224("hmac-sha224", TSIG.HMAC_SHA224, true),
  HMAC_SHA1("hmac-sha1", TSIG.HMAC_SHA1, true),
  // Accepted for old keys, never suggested.
  HMAC_MD5("hmac-md5", TSIG.HMAC_MD5, false);

  private final String key;
  private final Name dnsName;
  private final boolean offered;

  TsigAlgorithm(String key, Name dnsName, boolean offered) {
    this.key = key;
    this.dnsName = dnsName;
    this.offered = offered;
  }

  /** The word in the configuration. */
  @Override
  public String key() {
    return key;
  }

  /** The algorithm's name in a TSIG record. */
  public Name dnsName() {
    return dnsName;
  }

  /** The algorithm a configured value names (case and surrounding blanks ignored), if any. */
  public static Optional<TsigAlgorithm> parse(String configured) {
    return ConfigWord.parse(values(), configured);
  }

  /** "hmac-sha256, hmac-sha384, hmac-sha512, hmac-sha224, hmac-sha1": the ones to suggest. */
  public static String offered() {
    return ConfigWord.joined(
        Arrays.stream(values()).filter(a -> a.offered).toArray(TsigAlgorithm[]::new));
  }
}
