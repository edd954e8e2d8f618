package dev.haremote.certwatch.file;

import dev.haremote.certwatch.check.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a whole file, but never more than a cap: a wrong path (a log file, {@code /dev/zero}, a
 * FIFO) must not exhaust memory or hang on open.
 *
 * @param bytes the content, or null when {@code reason} is set
 * @param reason null on success, else a {@link Reason} code
 * @param detail a sentence for people, or null
 */
public record FileBytes(byte[] bytes, String reason, String detail) {

  public static FileBytes read(Path path, long maxBytes) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      if (Files.isSymbolicLink(path)) {
        return failed(Reason.BROKEN_SYMLINK, "symbolic link " + path + " points to a missing file");
      }
      return failed(Reason.NOT_FOUND, "no file at " + path);
    } catch (AccessDeniedException e) {
      return failed(Reason.PERMISSION_DENIED, "no permission to read " + path);
    } catch (IOException e) {
      return failed(Reason.IO_ERROR, "cannot read " + path + ": " + e.getClass().getSimpleName());
    }
    // Only regular files: opening a FIFO would block until a writer appears.
    if (!attributes.isRegularFile()) {
      String what = attributes.isDirectory() ? "a directory" : "not a regular file";
      return failed(Reason.NOT_A_FILE, path + " is " + what + ", expected a certificate file");
    }
    if (attributes.size() > maxBytes) {
      return failed(
          Reason.TOO_LARGE,
          path + " has " + attributes.size() + " bytes, more than the limit of " + maxBytes);
    }
    if (!Files.isReadable(path)) {
      return failed(Reason.PERMISSION_DENIED, "no permission to read " + path);
    }
    try (InputStream in = Files.newInputStream(path)) {
      // The size can change between stat and read: never trust it, read at most cap + 1.
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        return failed(Reason.TOO_LARGE, path + " grew beyond the limit of " + maxBytes + " bytes");
      }
      if (bytes.length == 0) {
        return failed(Reason.EMPTY_FILE, path + " is empty");
      }
      return new FileBytes(bytes, null, null);
    } catch (NoSuchFileException e) {
      return failed(Reason.NOT_FOUND, "no file at " + path);
    } catch (AccessDeniedException e) {
      return failed(Reason.PERMISSION_DENIED, "no permission to read " + path);
    } catch (IOException e) {
      return failed(Reason.IO_ERROR, "cannot read " + path + ": " + e.getClass().getSimpleName());
    }
  }

  private static FileBytes failed(String reason, String detail) {
    return new FileBytes(null, reason, detail);
  }

  public boolean ok() {
    return reason == null;
  }
}
