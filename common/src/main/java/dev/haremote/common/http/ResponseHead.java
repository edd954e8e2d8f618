package dev.haremote.common.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The status line and headers of an HTTP/1.1 response, read with limits so that a hostile server
 * cannot make us buffer without end: a line over 8 KiB, headers over 64 KiB or more than 100 header
 * lines are {@code malformed}.
 */
record ResponseHead(int status, String reason, Map<String, List<String>> headers) {
  static final int MAX_LINE = 8 * 1024;
  static final int MAX_HEADER_BYTES = 64 * 1024;
  static final int MAX_HEADERS = 100;

  /** Thrown for a response that is not HTTP/1.x; the probes turn it into {@code malformed}. */
  static final class MalformedResponse extends IOException {
    MalformedResponse(String message) {
      super(message);
    }
  }

  static ResponseHead read(InputStream in) throws IOException {
    int[] budget = {MAX_HEADER_BYTES};
    String statusLine = readLine(in, budget);
    if (statusLine == null) {
      throw new java.io.EOFException("no response");
    }
    if (!statusLine.startsWith("HTTP/1.")) {
      throw new MalformedResponse("the answer is not an HTTP/1.x response");
    }
    String[] parts = statusLine.split(" ", 3);
    int status;
    try {
      status = parts.length >= 2 ? Integer.parseInt(parts[1]) : -1;
    } catch (NumberFormatException e) {
      status = -1;
    }
    if (status < 100 || status > 999 || parts[1].length() != 3) {
      throw new MalformedResponse("the status line has no valid status code");
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    int count = 0;
    while (true) {
      String line = readLine(in, budget);
      if (line == null) {
        throw new MalformedResponse("the headers end before the blank line");
      }
      if (line.isEmpty()) {
        break;
      }
      if (++count > MAX_HEADERS) {
        throw new MalformedResponse("more than " + MAX_HEADERS + " header lines");
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        throw new MalformedResponse("a header line is not 'name: value'");
      }
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    headers.replaceAll((k, v) -> List.copyOf(v));
    return new ResponseHead(status, parts.length > 2 ? parts[2] : "", headers);
  }

  String first(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** One CRLF- (or LF-) terminated line as ISO-8859-1; null at EOF before any byte. */
  private static String readLine(InputStream in, int[] budget) throws IOException {
    StringBuilder sb = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) {
        return sb.length() == 0 ? null : sb.toString();
      }
      if (--budget[0] < 0) {
        throw new MalformedResponse("the headers are larger than " + MAX_HEADER_BYTES + " bytes");
      }
      if (b == '\n') {
        int len = sb.length();
        if (len > 0 && sb.charAt(len - 1) == '\r') {
          sb.setLength(len - 1);
        }
        return sb.toString();
      }
      if (sb.length() >= MAX_LINE) {
        throw new MalformedResponse("a header line is longer than " + MAX_LINE + " bytes");
      }
      sb.append((char) b);
    }
  }

  /** A chunk-size line of a chunked body (bounded the same way). */
  static String readChunkLine(InputStream in) throws IOException {
    int[] budget = {MAX_LINE};
    String line = readLine(in, budget);
    if (line == null) {
      throw new java.io.EOFException("the chunked body ends early");
    }
    return line;
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
