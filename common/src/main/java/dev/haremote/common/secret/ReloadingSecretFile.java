package dev.haremote.common.secret;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A secret file read again whenever it changes (size, modification time or inode: a Kubernetes
 * Secret update swaps a symlink), so a corrected token is used without a restart. Each use costs
 * one {@code stat}. A changed file that cannot be read (half-written, emptied, gone) keeps the last
 * good secret and says so once in the log, without the content.
 */
public final class ReloadingSecretFile implements Supplier<String> {
  private static final Logger LOG = Logger.getLogger(ReloadingSecretFile.class);

  private final Path path;
  private String value;
  private String version;
  private String failedVersion;

  /**
   * @throws IllegalArgumentException naming the path (not the content) when it cannot be read now
   */
  public ReloadingSecretFile(Path path) {
    this.path = path;
    String v = stamp();
    this.value = SecretFile.read(path);
    this.version = v;
  }

  /** The secret as the file holds it now (the last good one when the file cannot be read). */
  @Override
  public synchronized String get() {
    refresh();
    return value;
  }

  /**
   * Which version of the file the secret came from: size, modification time and inode, never the
   * content. Changes when a changed file was read successfully.
   */
  public synchronized String version() {
    refresh();
    return version;
  }

  public Path path() {
    return path;
  }

  private void refresh() {
    String now = stamp();
    if (Objects.equals(now, version) || Objects.equals(now, failedVersion)) {
      return;
    }
    try {
      value = SecretFile.read(path);
      version = now;
      failedVersion = null;
      LOG.infof("secret file %s changed: read again", path);
    } catch (IllegalArgumentException e) {
      failedVersion = now; // say it once per change, not on every use
      LOG.warnf("%s; the previous secret stays in use", e.getMessage());
    }
  }

  private String stamp() {
    try {
      BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
      return a.size() + "/" + a.lastModifiedTime().toMillis() + "/" + a.fileKey();
    } catch (IOException e) {
      return "unreadable";
    }
  }
}
