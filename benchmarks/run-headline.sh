#!/usr/bin/env bash
# Builds the benchmarks and runs the headline set, then prints the table and the goal ratios.
# Bounded: about 17 minutes on 2 cores. Every ratio compares scores of this one run.
#
#   benchmarks/run-headline.sh                      # Maven's default local repository
#   MAVEN_ARGS="-o -Dmaven.repo.local=/path" benchmarks/run-headline.sh
#   SKIP_BUILD=1 benchmarks/run-headline.sh         # reuse benchmarks/target/benchmarks.jar
set -euo pipefail
cd "$(dirname "$0")/.."

out=benchmarks/target/headline
jar=benchmarks/target/benchmarks.jar
if [[ -z "${SKIP_BUILD:-}" ]]; then
  # shellcheck disable=SC2086
  mvn -B -q -ntp ${MAVEN_ARGS:-} -pl benchmarks -am package -DskipTests
fi
mkdir -p "$out"
rm -f "$out"/*.json

# Each fork: 5 x 1 s warm-up + 5 x 1 s measurement (with four threads on two cores the JIT compiler
# shares the cores with the benchmark, and three warm-up seconds left some forks still compiling
# while measured); -prof gc for allocation, and the CPU time of the whole JVM per operation (every
# thread, the writer threads included).
run=(-f 1 -wi 5 -w 1s -i 5 -r 1s -prof gc -prof dev.servicekit.benchmarks.CpuTimeProfiler)

# The sides of a ratio run in turns, one fork at a time, so that a change in the machine's speed
# (its cores are shared) reaches both sides alike: per round, every library runs the same case one
# after another. The report averages a case's forks.
libraries=(ServicekitEndToEnd LogbackTextEndToEnd LogstashEndToEnd LogstashAsyncEndToEnd JsonTemplateEndToEnd)
for round in 1 2; do
  # logging, SLF4J call to bytes: 5 libraries x {1, 4 threads} x {memory, devnull}, errors in memory
  for sink in memory devnull; do
    for method in info infoFourThreads; do
      for library in "${libraries[@]}"; do
        java -jar "$jar" "logging\.endtoend\.$library\.$method\$" -p sink=$sink "${run[@]}" \
          -rf json -rff "$out/logging-$method-$sink-$library-$round.json"
      done
    done
  done
  for library in "${libraries[@]}"; do
    java -jar "$jar" "logging\.endtoend\.$library\.error\$" -p sink=memory "${run[@]}" \
      -rf json -rff "$out/logging-error-$library-$round.json"
  done
  # context for the four-thread goals: the encoding alone, nothing shared, on one and four threads
  for method in servicekitPlain servicekitPlainFourThreads; do
    java -jar "$jar" "logging\.JsonEncoderBenchmark\.$method\$" "${run[@]}" \
      -rf json -rff "$out/encoder-$method-$round.json"
  done
done
# correlation: the hop against the same work hand-written on OpenTelemetry + MDC (three rounds: the
# two sides differ by less than the noise between forks), and ids
for round in 1 2 3; do
  for inbound in traceparent traceparent+baggage traceparent+tracestate; do
    java -jar "$jar" 'correlation\.HopBenchmark\.(servicekitHop|openTelemetryW3cWithScopeAndMdc)$' \
      -p inbound=$inbound "${run[@]}" -rf json -rff "$out/hop-$inbound-$round.json"
  done
done
for round in 1 2; do
  java -jar "$jar" 'correlation\.IdBenchmark' "${run[@]}" -rf json -rff "$out/id-$round.json"
done
# context for the /dev/null ratio: one write(2) of a line to /dev/null and to a pipe, measured alone
java -jar "$jar" 'logging\.WriteCostBenchmark' -f 1 -wi 3 -w 1s -i 5 -r 1s -rf json -rff "$out/write.json"

java -cp "$jar" dev.servicekit.benchmarks.HeadlineReport "$out"/*.json | tee "$out/report.txt"
