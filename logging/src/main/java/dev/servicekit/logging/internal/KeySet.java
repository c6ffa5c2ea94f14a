package dev.servicekit.logging.internal;

/**
 * The user keys already written in the current line, so that no key is written twice. An
 * open-addressing set of string references, cleared per line without allocating. Not thread-safe.
 */
final class KeySet {

  private String[] slots = new String[64];
  private int[] used = new int[32];
  private int size;

  /** Adds a key; false when it is already present. */
  boolean add(String key) {
    if ((size + 1) * 2 > slots.length) {
      grow();
    }
    int mask = slots.length - 1;
    int i = mix(key.hashCode()) & mask;
    while (true) {
      String s = slots[i];
      if (s == null) {
        slots[i] = key;
        used[size++] = i;
        return true;
      }
      if (s.equals(key)) {
        return false;
      }
      i = (i + 1) & mask;
    }
  }

  void clear() {
    for (int j = 0; j < size; j++) {
      slots[used[j]] = null;
    }
    size = 0;
  }

  private void grow() {
    String[] old = slots;
    slots = new String[old.length * 2];
    used = new int[slots.length / 2];
    size = 0;
    for (String s : old) {
      if (s != null) {
        add(s);
      }
    }
  }

  private static int mix(int h) {
    return h ^ (h >>> 16);
  }
}
