package dev.haremote.certwatch.file;

import dev.haremote.certwatch.config.CertWatchConfig;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Re-checks a certificate file as soon as it changes. Watches the directory of each file and of
 * every symlink target on the way (certbot swaps {@code live/NAME/fullchain.pem} to a new file in
 * {@code archive/NAME/}; HA add-ons replace {@code /ssl/fullchain.pem} by rename), because watching
 * a file itself misses a rename over it. Events are debounced briefly so a file being written is
 * read once it is complete.
 */
public class CertificateFileWatcher implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(CertificateFileWatcher.class);
  private static final long DEBOUNCE_MILLIS = 250;
  private static final long RESCAN_MILLIS = 10_000;
  private static final int MAX_LINK_HOPS = 8;

  private final List<CertWatchConfig.CertificateFile> files;
  private final Consumer<String> changed;
  private final Map<WatchKey, Path> watchedKeys = new ConcurrentHashMap<>();
  private final Map<Path, Set<String>> idsByDirectory = new ConcurrentHashMap<>();
  private volatile WatchService watchService;
  private volatile Thread thread;

  /**
   * @param changed called with the id of a file that changed (on the watcher's own thread)
   */
  public CertificateFileWatcher(
      List<CertWatchConfig.CertificateFile> files, Consumer<String> changed) {
    this.files = List.copyOf(files);
    this.changed = changed;
  }

  /** Starts watching; without a WatchService only the periodic check remains. */
  public void start() {
    if (files.isEmpty()) {
      return;
    }
    try {
      watchService = FileSystems.getDefault().newWatchService();
    } catch (IOException e) {
      LOG.warn("file watching unavailable, relying on the periodic check: " + e.getMessage());
      return;
    }
    registerAll(); // before returning: a change right after start is not missed
    thread = new Thread(this::run, "certwatch-file-watch");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() {
    Thread t = thread;
    if (t != null) {
      t.interrupt();
    }
    WatchService ws = watchService;
    if (ws != null) {
      try {
        ws.close();
      } catch (IOException e) {
        LOG.debug("closing the watch service: " + e.getMessage());
      }
    }
  }

  private void run() {
    Map<String, Long> pending = new HashMap<>();
    long nextRescan = System.currentTimeMillis() + RESCAN_MILLIS;
    try {
      while (!Thread.currentThread().isInterrupted()) {
        long now = System.currentTimeMillis();
        if (now >= nextRescan) {
          registerAll();
          nextRescan = now + RESCAN_MILLIS;
        }
        WatchKey key = watchService.poll(pending.isEmpty() ? 1000 : 50, TimeUnit.MILLISECONDS);
        if (key != null) {
          Path directory = watchedKeys.get(key);
          for (WatchEvent<?> event : key.pollEvents()) {
            Set<String> ids =
                event.kind() == StandardWatchEventKinds.OVERFLOW || directory == null
                    ? allIds()
                    : idsByDirectory.getOrDefault(directory, Set.of());
            for (String id : ids) {
              pending.put(id, System.currentTimeMillis() + DEBOUNCE_MILLIS);
            }
          }
          if (!key.reset()) {
            watchedKeys.remove(key);
          }
        }
        long at = System.currentTimeMillis();
        List<String> due =
            pending.entrySet().stream()
                .filter(e -> e.getValue() <= at)
                .map(Map.Entry::getKey)
                .toList();
        for (String id : due) {
          pending.remove(id);
          changed.accept(id);
        }
        if (!due.isEmpty()) {
          registerAll(); // a symlink may now point into another directory
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("file watcher stopped; the periodic check goes on", e);
    }
  }

  private Set<String> allIds() {
    Set<String> ids = new LinkedHashSet<>();
    files.forEach(f -> ids.add(f.id()));
    return ids;
  }

  private void registerAll() {
    for (CertWatchConfig.CertificateFile file : files) {
      Set<Path> directories = new LinkedHashSet<>(directoriesOf(file.path()));
      file.key().ifPresent(key -> directories.addAll(directoriesOf(key)));
      for (Path directory : directories) {
        idsByDirectory
            .computeIfAbsent(directory, d -> ConcurrentHashMap.newKeySet())
            .add(file.id());
        if (!watchedKeys.containsValue(directory) && Files.isDirectory(directory)) {
          try {
            WatchKey key =
                directory.register(
                    watchService,
                    StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            watchedKeys.put(key, directory);
          } catch (IOException e) {
            LOG.debugf("cannot watch %s: %s", directory, e.getMessage());
          }
        }
      }
    }
  }

  /** The file's directory, and the directory of every symlink target on the way to the file. */
  static Set<Path> directoriesOf(Path path) {
    Set<Path> directories = new LinkedHashSet<>();
    Path current = path.toAbsolutePath().normalize();
    for (int hop = 0; hop <= MAX_LINK_HOPS && current != null; hop++) {
      Optional.ofNullable(current.getParent()).ifPresent(directories::add);
      if (!Files.isSymbolicLink(current)) {
        break;
      }
      try {
        Path target = Files.readSymbolicLink(current);
        current = current.resolveSibling(target).toAbsolutePath().normalize();
      } catch (IOException e) {
        break;
      }
    }
    return directories;
  }
}
