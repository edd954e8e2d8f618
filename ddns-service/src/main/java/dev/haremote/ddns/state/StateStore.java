package dev.haremote.ddns.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.jboss.logging.Logger;

/**
 * The state file {@code ddns-state.json} under {@code ddns.state-dir}. Written atomically: a temp
 * file in the same directory, fsync, rename over the old file, fsync of the directory. A kill -9 at
 * any moment leaves either the old or the new file, never a torn one.
 */
public class StateStore {
  public static final String FILE_NAME = "ddns-state.json";
  private static final Logger LOG = Logger.getLogger(StateStore.class);

  private final Path file;

  /** Shared: configured once, thread-safe, and costly to build (a restart builds one store). */
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .setSerializationInclusion(JsonInclude.Include.ALWAYS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  public StateStore(Path dir) {
    this.file = dir.resolve(FILE_NAME);
  }

  public Path file() {
    return file;
  }

  /** The saved state; a fresh one when there is none or it cannot be read (kept aside). */
  public DdnsState load() {
    try {
      // Left by a process killed in the middle of a save; the state file itself is whole.
      Files.deleteIfExists(file.resolveSibling(FILE_NAME + ".tmp"));
    } catch (IOException e) {
      // the next save truncates it
    }
    if (!Files.exists(file)) {
      return new DdnsState();
    }
    try {
      return JSON.readValue(file.toFile(), DdnsState.class);
    } catch (IOException e) {
      Path aside = file.resolveSibling(FILE_NAME + ".unreadable");
      try {
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException moveFailed) {
        // keep going with a fresh state; the next save replaces the file
      }
      LOG.warnf("state file %s could not be read; moved aside to %s, starting fresh", file, aside);
      return new DdnsState();
    }
  }

  /**
   * Writes the state atomically.
   *
   * @return null on success, else a short reason (the status shows it; a full disk is not a bug)
   */
  public String save(DdnsState state) {
    Path dir = file.getParent();
    Path temp = dir.resolve(FILE_NAME + ".tmp");
    try {
      Files.createDirectories(dir);
      byte[] bytes = JSON.writeValueAsBytes(state);
      // A FileOutputStream, not a FileChannel: a channel is closed by an interrupt (Ctrl-C while a
      // round runs), which failed the write with ClosedByInterruptException and left the .tmp file.
      try (FileOutputStream out = new FileOutputStream(temp.toFile())) {
        out.write(bytes);
        out.getFD().sync();
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      fsyncDirectory(dir);
      return null;
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp); // the old state stays; no half-written file beside it
      } catch (IOException ignored) {
        // the next save truncates it
      }
      LOG.warnf("state file %s could not be written: %s", file, e.getClass().getSimpleName());
      return "state file could not be written: " + e.getClass().getSimpleName();
    }
  }

  /** Makes the rename itself durable (Linux allows opening a directory for reading). */
  private static void fsyncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // not supported on every file system; the rename is still atomic
    }
  }
}
