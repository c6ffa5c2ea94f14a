package dev.servicekit.examples.logquery;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** Paths of the fixture logs and a builder for events in tests. */
final class Fixtures {

  private Fixtures() {}

  static Path path(String relative) {
    try {
      return Path.of(Fixtures.class.getResource("/fixtures/" + relative).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static LogEvent event(String time, String service, Level level, String cid, String message) {
    return new LogEvent(
        time == null ? Optional.empty() : Optional.of(Instant.parse(time)),
        level,
        service,
        "",
        "",
        message,
        cid,
        "",
        "",
        "test",
        1,
        "{}");
  }
}
