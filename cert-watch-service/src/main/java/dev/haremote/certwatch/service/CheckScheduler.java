package dev.haremote.certwatch.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** The periodic round; the first runs once the HTTP port is bound (see CertWatchService). */
@ApplicationScoped
public class CheckScheduler {
  private final CertWatchService service;

  public CheckScheduler(CertWatchService service) {
    this.service = service;
  }

  @Scheduled(
      identity = "certwatch-round",
      every = "{certwatch.interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void round() {
    service.roundUnlessBusy();
  }
}
