package dev.servicekit.testing.internal;

/**
 * Told by {@link AgentState} (while it holds its lock, so implementations must not block) when
 * checks come and go, so that their runners start and stop.
 */
interface CheckListener {
  /** Does nothing. */
  CheckListener NOOP =
      new CheckListener() {
        @Override
        public void checkAdded(CheckEntry check) {}

        @Override
        public void checkRemoved(CheckEntry check) {}

        @Override
        public void ttlRefreshed(CheckEntry check) {}
      };

  /**
   * A check was registered (or re-registered as a new entry).
   *
   * @param check the new entry
   */
  void checkAdded(CheckEntry check);

  /**
   * A check entry was removed or replaced.
   *
   * @param check the old entry
   */
  void checkRemoved(CheckEntry check);

  /**
   * A TTL check was updated through the API: its TTL starts again.
   *
   * @param check the entry
   */
  void ttlRefreshed(CheckEntry check);
}
