package dev.haremote.ddns.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jboss.logging.Logger;

/**
 * One process per state directory: {@code ddns.lock} in {@code ddns.state-dir}, locked with {@link
 * FileChannel#tryLock()} and holding the holder's pid. Two instances on one state dir would both
 * send updates and overwrite each other's state file. The operating system drops the lock when the
 * process ends, even on kill -9, so a stale lock file never blocks a start.
 */
public final class StateDirLock implements AutoCloseable {
  public static final String FILE_NAME = "ddns.lock";
  private static final Logger LOG = Logger.getLogger(StateDirLock.class);

  private final FileChannel channel;
  private final FileLock lock;

  private StateDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** How taking the lock ended: held, refused (another process has it), or not possible. */
  public record Outcome(StateDirLock lock, String refusal) {
    public boolean held() {
      return lock != null;
    }
  }

  /**
   * Takes the lock or says who holds it.
   *
   * @return held; or refused, naming the directory and the holder's pid; a directory where no lock
   *     file can be written (read-only) is held without a lock and logged: the state file cannot be
   *     written there either, and the status says so
   */
  public static Outcome acquire(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    FileChannel channel;
    try {
      Files.createDirectories(dir);
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      LOG.warnf(
          "state dir %s: lock file %s cannot be written (%s); running without the one-instance"
              + " lock",
          dir, FILE_NAME, e.getClass().getSimpleName());
      return new Outcome(new StateDirLock(null, null), null);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // this very process holds it already
    } catch (IOException e) {
      closeQuietly(channel);
      LOG.warnf(
          "state dir %s: cannot lock %s (%s); running without the one-instance lock",
          dir, FILE_NAME, e.getClass().getSimpleName());
      return new Outcome(new StateDirLock(null, null), null);
    }
    if (lock == null) {
      String holder = holderPid(channel);
      closeQuietly(channel);
      return new Outcome(
          null,
          dir
              + " is in use by another ddns-service (pid "
              + holder
              + ", lock file "
              + file
              + "); stop that one, or give each instance its own state dir");
    }
    try {
      byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(pid), 0);
      channel.force(true);
    } catch (IOException e) {
      // the lock holds without the pid; a refused instance then names it unknown
    }
    return new Outcome(new StateDirLock(channel, lock), null);
  }

  private static String holderPid(FileChannel channel) {
    try {
      ByteBuffer buf = ByteBuffer.allocate(32);
      int n = channel.read(buf, 0);
      String text = n <= 0 ? "" : new String(buf.array(), 0, n, StandardCharsets.US_ASCII).strip();
      return text.matches("\\d{1,10}") ? text : "unknown";
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Releases the lock; the file stays (removing it would race with a starting instance). */
  @Override
  public void close() {
    try {
      if (lock != null) {
        lock.release();
      }
    } catch (IOException e) {
      // closing the channel releases it too
    }
    if (channel != null) {
      closeQuietly(channel);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing left to do
    }
  }
}
