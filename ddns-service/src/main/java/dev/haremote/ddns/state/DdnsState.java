package dev.haremote.ddns.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The whole state file. */
public class DdnsState {
  public static final int HISTORY = 50;

  public int version = 1;

  /** Per record and family, keyed {@code name/family}. */
  public Map<String, RecordState> records = new LinkedHashMap<>();

  /** Last agreed public address per family, to count changes across restarts. */
  public Map<String, String> publicAddresses = new LinkedHashMap<>();

  /** The last {@value #HISTORY} update attempts, oldest first. */
  public List<UpdateEntry> updates = new ArrayList<>();

  public static String key(String name, String family) {
    return name.toLowerCase(java.util.Locale.ROOT) + "/" + family;
  }

  public RecordState record(String name, String family) {
    return records.computeIfAbsent(key(name, family), k -> new RecordState());
  }

  public void addUpdate(UpdateEntry entry) {
    updates.add(entry);
    while (updates.size() > HISTORY) {
      updates.remove(0);
    }
  }
}
