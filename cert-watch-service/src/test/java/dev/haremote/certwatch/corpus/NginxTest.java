package dev.haremote.certwatch.corpus;

import dev.haremote.labkit.nginx.NginxProcess;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code nginx -t} on one server block: whether nginx accepts a certificate and key at all (it
 * refuses a file whose first certificate does not match the key, and SHA-1 or small keys at
 * security level 2). Only accepted situations go into the one nginx that serves the corpus.
 */
final class NginxTest {
  private NginxTest() {}

  /**
   * @return null when nginx accepts, else its error line
   */
  static String refusal(Path dir, Path cert, Path key) throws Exception {
    Files.createDirectories(dir);
    Path conf = dir.resolve("test.conf");
    Files.writeString(
        conf,
        "events { }\nhttp {\n  server {\n    listen 127.0.0.1:1 ssl;\n    ssl_certificate "
            + cert
            + ";\n    ssl_certificate_key "
            + key
            + ";\n  }\n}\n",
        StandardCharsets.UTF_8);
    Path out = dir.resolve("test.out");
    Process p =
        new ProcessBuilder(
                NginxProcess.BINARY.toString(),
                "-t",
                "-q",
                "-p",
                dir.toString(),
                "-c",
                conf.toString(),
                "-e",
                dir.resolve("error.log").toString(),
                "-g",
                "pid " + dir.resolve("nginx.pid") + ";")
            .redirectErrorStream(true)
            .redirectInput(new File("/dev/null"))
            .redirectOutput(out.toFile())
            .start();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("nginx -t did not finish");
    }
    if (p.exitValue() == 0) {
      return null;
    }
    Path log = dir.resolve("error.log");
    String text = Files.readString(out) + (Files.exists(log) ? Files.readString(log) : "");
    return text.lines()
        .filter(l -> l.contains("[emerg]"))
        .findFirst()
        .map(l -> l.substring(l.indexOf("[emerg]") + 8).trim())
        .orElse(text.trim());
  }
}
