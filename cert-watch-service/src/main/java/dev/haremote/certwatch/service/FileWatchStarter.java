package dev.haremote.certwatch.service;

import dev.haremote.certwatch.config.CertWatchConfig;
import dev.haremote.certwatch.file.CertificateFileWatcher;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/** Starts the file watcher with the service when {@code certwatch.file-watch} is on. */
@ApplicationScoped
public class FileWatchStarter {
  private final CertWatchConfig config;
  private final CertWatchService service;
  private CertificateFileWatcher watcher;

  public FileWatchStarter(CertWatchConfig config, CertWatchService service) {
    this.config = config;
    this.service = service;
  }

  void start(@Observes StartupEvent event) {
    if (config.fileWatch()) {
      watcher = new CertificateFileWatcher(config.files().orElse(List.of()), service::checkFile);
      watcher.start();
    }
  }

  void stop(@Observes ShutdownEvent event) {
    if (watcher != null) {
      watcher.close();
    }
  }
}
