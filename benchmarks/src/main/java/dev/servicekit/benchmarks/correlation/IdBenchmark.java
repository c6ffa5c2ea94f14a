package dev.servicekit.benchmarks.correlation;

import dev.servicekit.correlation.Correlation;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Correlation id generation against {@code UUID.randomUUID().toString()}, on one thread and on two
 * (where UUID's shared {@code SecureRandom} contends).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IdBenchmark {

  @Benchmark
  public String servicekitNewId() {
    return Correlation.newId();
  }

  @Benchmark
  public String uuidRandomToString() {
    return UUID.randomUUID().toString();
  }

  @Benchmark
  @Threads(2)
  public String servicekitNewIdTwoThreads() {
    return Correlation.newId();
  }

  @Benchmark
  @Threads(2)
  public String uuidRandomToStringTwoThreads() {
    return UUID.randomUUID().toString();
  }
}
