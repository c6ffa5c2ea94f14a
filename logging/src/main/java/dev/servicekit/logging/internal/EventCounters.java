package dev.servicekit.logging.internal;

import dev.servicekit.logging.LogCounters;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.event.Level;

/** Counts of events per level and of events not written, updated without locks. */
public final class EventCounters implements LogCounters {

  private final LongAdder[] perLevel = new LongAdder[5];
  private final LongAdder dropped = new LongAdder();

  EventCounters() {
    for (int i = 0; i < perLevel.length; i++) {
      perLevel[i] = new LongAdder();
    }
  }

  void count(int level) {
    perLevel[Math.max(0, Math.min(4, level / 10))].increment();
  }

  void drop() {
    dropped.increment();
  }

  void drop(long count) {
    dropped.add(count);
  }

  @Override
  public long events(Level level) {
    return perLevel[level.toInt() / 10].sum();
  }

  @Override
  public long dropped() {
    return dropped.sum();
  }
}
