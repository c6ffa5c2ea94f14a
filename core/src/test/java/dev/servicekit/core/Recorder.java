package dev.servicekit.core;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects lifecycle events of test components, keyed by a per-test id. */
final class Recorder {

  static final String ID = "test.recording.id";

  private static final Map<String, List<String>> EVENTS = new ConcurrentHashMap<>();

  private Recorder() {}

  static String newId() {
    return UUID.randomUUID().toString();
  }

  static void record(String id, String event) {
    EVENTS.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(event);
  }

  static List<String> events(String id) {
    return List.copyOf(EVENTS.getOrDefault(id, List.of()));
  }
}
