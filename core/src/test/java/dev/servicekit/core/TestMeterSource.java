package dev.servicekit.core;

import dev.servicekit.config.spi.MeterSink;
import dev.servicekit.config.spi.MeterSource;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** A module's meters as servicekit-config describes them; registered in META-INF/services. */
public final class TestMeterSource implements MeterSource {

  static final AtomicLong WIDGETS = new AtomicLong();

  /** Called by ServiceLoader. */
  public TestMeterSource() {}

  @Override
  public void describe(MeterSink sink) {
    sink.counter("servicekit.test.widgets", "Widgets made", Map.of("kind", "blue"), WIDGETS::get);
    sink.gauge("servicekit.test.queue", "Widgets waiting", Map.of(), () -> 3.5);
  }
}
