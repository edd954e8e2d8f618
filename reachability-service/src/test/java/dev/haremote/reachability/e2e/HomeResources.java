package dev.haremote.reachability.e2e;

import java.util.ArrayList;
import java.util.List;

/** What a test home started (servers, stand-ins), closed in reverse order when it stops. */
final class HomeResources {
  private final List<AutoCloseable> running = new ArrayList<>();

  <T extends AutoCloseable> T keep(T resource) {
    running.add(resource);
    return resource;
  }

  /** Best effort: a resource that fails to close does not keep the next one open. */
  void closeAll() {
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).close();
      } catch (Exception ignored) {
        // The next resource still gets closed.
      }
    }
    running.clear();
  }
}
