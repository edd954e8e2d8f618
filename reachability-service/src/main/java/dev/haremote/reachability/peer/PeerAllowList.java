package dev.haremote.reachability.peer;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The only URLs this instance probes for other instances. A request is allowed when its canonical
 * form ({@link ProbeUrl}) equals an entry's canonical form: no prefix, suffix or address matching,
 * so no spelling of an address can widen the list.
 */
public final class PeerAllowList {
  private final Set<ProbeUrl> allowed;

  private PeerAllowList(Set<ProbeUrl> allowed) {
    this.allowed = allowed;
  }

  /** Entries that do not parse are left out (the config check reports them at start-up). */
  public static PeerAllowList of(List<String> entries) {
    return new PeerAllowList(
        entries.stream()
            .map(ProbeUrl::parse)
            .filter(ProbeUrl.Result::ok)
            .map(ProbeUrl.Result::url)
            .collect(Collectors.toUnmodifiableSet()));
  }

  /** The canonical URL when allowed, else empty. */
  public Optional<ProbeUrl> admit(String requested) {
    ProbeUrl.Result r = ProbeUrl.parse(requested);
    if (!r.ok() || !allowed.contains(r.url())) {
      return Optional.empty();
    }
    return Optional.of(r.url());
  }

  public boolean isEmpty() {
    return allowed.isEmpty();
  }
}
