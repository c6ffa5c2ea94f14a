package dev.servicekit.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestampCacheTest {

  @Test
  void writesUtcWithMillisecondsLikeInstantDoes() {
    TimestampCache cache = new TimestampCache(new byte[0]);
    Random random = new Random(1);
    long t = 1_700_000_000_000L;
    for (int i = 0; i < 10_000; i++) {
      t += random.nextInt(3) == 0 ? random.nextInt(100_000_000) : random.nextInt(3);
      JsonBuffer out = new JsonBuffer(32);
      cache.write(t, out);
      String expected = Instant.ofEpochMilli(t).toString();
      if (t % 1000 == 0) {
        expected = expected.replace("Z", ".000Z");
      }
      assertThat(out.toString()).isEqualTo("\"" + expected + "\"");
    }
  }

  @Test
  void clampsTimestampsOutsideFourDigitYears() {
    TimestampCache cache = new TimestampCache(new byte[0]);
    JsonBuffer out = new JsonBuffer(32);
    cache.write(Long.MAX_VALUE, out);
    assertThat(out.toString()).isEqualTo("\"9999-12-31T23:59:59.807Z\"");
  }
}
