package dev.servicekit.correlation.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Generates correlation ids: 21 characters carrying 126 random bits, drawn from an alphabet of 64
 * URL-safe characters ({@code 0-9 A-Z a-z - .}) that all pass inbound validation.
 *
 * <p>Why not {@link SecureRandom} per id: {@code UUID.randomUUID()} draws from one shared {@code
 * SecureRandom}, which costs hundreds of nanoseconds and serialises threads under load. A
 * correlation id has to be unique, not unguessable (it is never a secret or a token), so each id
 * takes two 64-bit draws from {@link ThreadLocalRandom}: no lock, no shared state, and its state
 * lives with the thread, so it works the same on virtual threads. To keep ids from two processes
 * apart even if their {@code ThreadLocalRandom} seeds happened to coincide, the first draw is mixed
 * with a 64-bit process salt taken once from {@code SecureRandom} when this class is first used.
 */
public final class IdGenerator {

  /** Length of every generated id. */
  public static final int LENGTH = 21;

  private static final byte[] ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-."
          .getBytes(StandardCharsets.US_ASCII);

  private static final long SALT = new SecureRandom().nextLong();

  private IdGenerator() {}

  /**
   * Returns a fresh id; never throws.
   *
   * <p>The ASCII bytes become the String through {@code String(byte[], int, int, int)}: deprecated
   * because it ignores charsets, which is exactly right for an ASCII-only id, and on Java 17 it is
   * a plain copy where {@code String(byte[], Charset)} goes through a charset decoder.
   */
  @SuppressWarnings("deprecation")
  public static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long hi = random.nextLong() ^ SALT;
    long lo = random.nextLong();
    byte[] out = new byte[LENGTH];
    for (int i = 0; i < 10; i++) {
      out[i] = ALPHABET[(int) (hi & 63)];
      hi >>>= 6;
    }
    for (int i = 10; i < 20; i++) {
      out[i] = ALPHABET[(int) (lo & 63)];
      lo >>>= 6;
    }
    // 4 bits left in hi, 4 in lo: 6 of them make the last character (126 bits in all).
    out[20] = ALPHABET[(int) (((hi & 15) << 2) | (lo & 3))];
    return new String(out, 0, 0, LENGTH);
  }
}
