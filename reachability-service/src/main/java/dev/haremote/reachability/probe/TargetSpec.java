package dev.haremote.reachability.probe;

import dev.haremote.common.net.IpFamily;
import java.net.URI;
import java.util.List;

/** A configured target, parsed. */
public record TargetSpec(String id, URI url, List<IpFamily> families) {}
