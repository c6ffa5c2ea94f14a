package dev.servicekit.logging.internal;

import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/** Builders of events and encoders for tests. */
final class Events {

  private Events() {}

  static LogConfig config(String... keyValues) {
    Map<String, String> props = new java.util.HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    return LogConfig.of(props, Map.of());
  }

  static LogEvent event(String message, Object... args) {
    return event(20, message, args, null, MdcSnapshot.EMPTY, null, null);
  }

  static LogEvent event(
      int level,
      String message,
      Object[] args,
      Throwable throwable,
      MdcSnapshot mdc,
      List<KeyValuePair> kvs,
      List<Marker> markers) {
    return new LogEvent(
        1_700_000_000_123L,
        level,
        "com.acme.Orders",
        null,
        "main",
        message,
        Arguments.capture(args),
        throwable,
        mdc,
        Arguments.captureKeyValues(kvs),
        markers,
        null,
        null);
  }

  static String encode(LogConfig config, LogEvent event) {
    JsonBuffer out = new JsonBuffer(256);
    new JsonEncoder(config).encode(event, out);
    return out.toString();
  }

  static MdcSnapshot mdc(String... keyValues) {
    MdcSnapshot s = MdcSnapshot.EMPTY;
    for (int i = 0; i < keyValues.length; i += 2) {
      s = s.with(keyValues[i], keyValues[i + 1]);
    }
    return s;
  }
}
