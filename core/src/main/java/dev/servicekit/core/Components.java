package dev.servicekit.core;

import dev.servicekit.core.spi.ServiceComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's components in start order, and the ones that started. Starts them in order; on a
 * failure, or when asked, withdraws and stops the started ones in reverse, logging and otherwise
 * ignoring what they throw.
 */
final class Components {

  private static final Logger log = LoggerFactory.getLogger(Components.class);

  private final List<ServiceComponent> ordered;
  private final List<ServiceComponent> started = Collections.synchronizedList(new ArrayList<>());

  Components(List<ServiceComponent> ordered) {
    this.ordered = List.copyOf(ordered);
  }

  /**
   * Starts every component in order.
   *
   * @throws IllegalStateException naming the component that failed, after the ones started before
   *     it have been withdrawn and stopped
   */
  void startAll() {
    for (ServiceComponent c : ordered) {
      String name = nameOf(c);
      log.debug("Starting component {}", name);
      try {
        c.start();
      } catch (Exception | LinkageError e) {
        IllegalStateException failure =
            new IllegalStateException(
                "Component '" + name + "' (" + c.getClass().getName() + ") failed to start: " + e,
                e);
        withdrawAll(failure);
        stopAll(failure);
        throw failure;
      }
      started.add(c);
    }
  }

  /** Calls {@code withdraw()} on the started components, last started first. */
  void withdrawAll(Throwable collector) {
    for (ServiceComponent c : reversedStarted()) {
      try {
        c.withdraw();
      } catch (Exception | LinkageError e) {
        log.warn("Component {} failed to withdraw; continuing", nameOf(c), e);
        if (collector != null) {
          collector.addSuppressed(e);
        }
      }
    }
  }

  /** Calls {@code stop()} on the started components, last started first. */
  void stopAll(Throwable collector) {
    for (ServiceComponent c : reversedStarted()) {
      try {
        c.stop();
      } catch (Exception | LinkageError e) {
        log.warn("Component {} failed to stop; continuing with the others", nameOf(c), e);
        if (collector != null) {
          collector.addSuppressed(e);
        }
      }
    }
  }

  /** The started components, in start order. */
  List<ServiceComponent> started() {
    synchronized (started) {
      return List.copyOf(started);
    }
  }

  /** Names of all components, in start order. */
  List<String> names() {
    List<String> names = new ArrayList<>();
    for (ServiceComponent c : ordered) {
      names.add(nameOf(c));
    }
    return names;
  }

  private List<ServiceComponent> reversedStarted() {
    List<ServiceComponent> list = new ArrayList<>(started());
    Collections.reverse(list);
    return list;
  }

  static String nameOf(ServiceComponent c) {
    try {
      String name = c.name();
      return name == null || name.isBlank() ? c.getClass().getName() : name;
    } catch (RuntimeException e) {
      return c.getClass().getName();
    }
  }
}
