package dev.servicekit.logging.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Started in a child JVM by tests: logs N events and returns from main without flushing. */
public final class ChildProcessMain {

  private ChildProcessMain() {}

  /** Arguments: the number of events. */
  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    Logger log = LoggerFactory.getLogger("child");
    for (int i = 0; i < n; i++) {
      log.info("event {} of {}", i, n);
    }
  }
}
