package dev.haremote.certwatch.corpus;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The oracle: Debian's {@code openssl} (3.0) run as a process. {@code openssl verify} judges a file
 * as nginx would use it (first certificate = the server's, the rest as untrusted helpers), {@code
 * openssl s_client} judges what a server presents. Both at security level 2 and for the {@code
 * sslserver} purpose; both stop at the first error, so each verdict is one error code and the depth
 * of the certificate it is about.
 */
final class OpenSsl {
  static final Path BINARY = Path.of("/usr/bin/openssl");
  private static final Pattern VERIFY_ERROR =
      Pattern.compile("error (\\d+) at (\\d+) depth lookup: ?(.*)");
  private static final Pattern DEPTH = Pattern.compile("^depth=(\\d+)");
  private static final Pattern CLIENT_ERROR = Pattern.compile("verify error:num=(\\d+):(.*)");

  private OpenSsl() {}

  /**
   * One verdict: code 0 is OK; -1 means OpenSSL gave no verdict (the handshake itself failed).
   *
   * @param text OpenSSL's own words
   */
  record Verdict(int code, int depth, String text) {
    boolean ok() {
      return code == 0;
    }

    @Override
    public String toString() {
      return code == 0 ? "OK" : code < 0 ? "no verdict: " + text : code + "@" + depth + " " + text;
    }
  }

  static Verdict verify(Path trust, Path file) throws Exception {
    String out =
        run(
            List.of(
                BINARY.toString(),
                "verify",
                "-CAfile",
                trust.toString(),
                "-purpose",
                "sslserver",
                "-auth_level",
                "2",
                "-untrusted",
                file.toString(),
                file.toString()));
    Matcher m = VERIFY_ERROR.matcher(out);
    if (m.find()) {
      return new Verdict(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3));
    }
    if (out.contains(": OK")) {
      return new Verdict(0, 0, "OK");
    }
    return new Verdict(-1, 0, firstLine(out));
  }

  /** Connects to 127.0.0.1:port for {@code host} (a name, sent as SNI, or an IP literal). */
  static Verdict sClient(Path trust, int port, String host) throws Exception {
    boolean ip = host.matches("[0-9.]+") || host.contains(":");
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            BINARY.toString(),
            "s_client",
            "-connect",
            "127.0.0.1:" + port,
            "-CAfile",
            trust.toString(),
            "-verify_return_error"));
    if (ip) {
      command.addAll(List.of("-verify_ip", host));
    } else {
      command.addAll(List.of("-servername", host, "-verify_hostname", host));
    }
    String out = run(command);
    int depth = 0;
    for (String line : out.split("\\R")) {
      Matcher d = DEPTH.matcher(line);
      if (d.find()) {
        depth = Integer.parseInt(d.group(1));
      }
      Matcher e = CLIENT_ERROR.matcher(line);
      if (e.find()) {
        return new Verdict(Integer.parseInt(e.group(1)), depth, e.group(2).trim());
      }
    }
    // Without a cipher no certificate was verified, whatever "Verify return code" says.
    if (out.contains("Cipher is (NONE)")) {
      return new Verdict(-1, 0, "handshake failed: " + alert(out));
    }
    if (out.contains("Verify return code: 0 (ok)")) {
      return new Verdict(0, 0, "OK");
    }
    return new Verdict(-1, 0, firstLine(out));
  }

  private static String alert(String out) {
    Matcher m = Pattern.compile("routines:[^:]*:([^:]+):").matcher(out);
    return m.find() ? m.group(1) : firstLine(out);
  }

  private static String run(List<String> command) throws Exception {
    Path output = Files.createTempFile("corpus-openssl-", ".out");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectInput(new File("/dev/null"))
              .redirectOutput(output.toFile())
              .start();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("openssl did not finish: " + command);
      }
      return Files.readString(output, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static String firstLine(String out) {
    return out.lines().filter(l -> !l.isBlank()).findFirst().orElse("").trim();
  }
}
