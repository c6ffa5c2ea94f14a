package dev.servicekit.registry;

/** A listener registration; closing it stops the notifications. Closing twice is harmless. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

  @Override
  void close();
}
