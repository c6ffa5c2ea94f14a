package dev.servicekit.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IdGeneratorTest {

  @Test
  void idsAre21UrlSafeCharactersThatPassInboundValidation() {
    for (int i = 0; i < 1000; i++) {
      String id = IdGenerator.next();
      assertThat(id).hasSize(IdGenerator.LENGTH).matches("[0-9A-Za-z.-]{21}");
      assertThat(IdValidator.isValid(id)).isTrue();
    }
  }

  @Test
  void everyPositionUsesTheWholeAlphabet() {
    List<Set<Character>> seen = new ArrayList<>();
    for (int p = 0; p < IdGenerator.LENGTH; p++) {
      seen.add(new HashSet<>());
    }
    for (int i = 0; i < 20_000; i++) {
      String id = IdGenerator.next();
      for (int p = 0; p < id.length(); p++) {
        seen.get(p).add(id.charAt(p));
      }
    }
    // 126 random bits: 6 per character, the last one included
    assertThat(seen).allSatisfy(chars -> assertThat(chars).hasSize(64));
  }

  @Test
  void idsFromManyThreadsDoNotCollide() throws Exception {
    Set<String> ids = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        runs.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 50_000; i++) {
                    ids.add(IdGenerator.next());
                  }
                }));
      }
      for (Future<?> run : runs) {
        run.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(ids).hasSize(200_000);
  }
}
