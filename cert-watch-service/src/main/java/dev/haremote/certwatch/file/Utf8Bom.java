package dev.haremote.certwatch.file;

import java.util.Arrays;

/**
 * The UTF-8 byte order mark ({@code EF BB BF}) that Windows editors put at the start of a text
 * file. OpenSSL 3, nginx and Home Assistant read past it; BouncyCastle's PEM readers do not see a
 * {@code -----BEGIN} line behind it and silently skip the first block (a fullchain.pem would then
 * be judged by its intermediate).
 */
final class Utf8Bom {
  private Utf8Bom() {}

  /** The content without a leading byte order mark; the same array when there is none. */
  static byte[] strip(byte[] content) {
    if (content.length >= 3
        && content[0] == (byte) 0xEF
        && content[1] == (byte) 0xBB
        && content[2] == (byte) 0xBF) {
      return Arrays.copyOfRange(content, 3, content.length);
    }
    return content;
  }
}
