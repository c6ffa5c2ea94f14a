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

# 2 forks (the hop 3) x (5 x 1 s warm-up + 5 x 1 s measurement): with four threads on two cores the JIT
# compiler shares the cores with the benchmark, and three warm-up seconds left some forks still
# compiling while measured; -prof gc for allocation, and the CPU time of the whole JVM per
# operation (every thread, the writer threads included)
run=(-wi 5 -w 1s -i 5 -r 1s -prof gc -prof dev.servicekit.benchmarks.CpuTimeProfiler)

# logging, SLF4J call to bytes: 5 libraries x {1, 4 threads} x {memory, devnull}, then errors in memory
java -jar "$jar" 'logging\.endtoend\..*\.info' -f 2 "${run[@]}" -rf json -rff "$out/logging-info.json"
java -jar "$jar" 'logging\.endtoend\..*\.error$' -p sink=memory -f 2 "${run[@]}" -rf json -rff "$out/logging-error.json"
# correlation: the hop against the same work hand-written on OpenTelemetry + MDC, and ids
# (the hop's two sides differ by less than the noise between forks: three forks instead of two)
java -jar "$jar" 'correlation\.HopBenchmark\.(servicekitHop|openTelemetryW3cWithScopeAndMdc)$' "${run[@]}" \
  -f 3 -rf json -rff "$out/hop.json"
java -jar "$jar" 'correlation\.IdBenchmark' -f 2 "${run[@]}" -rf json -rff "$out/id.json"
# context for the /dev/null ratio: one write(2) of a line to /dev/null and to a pipe, measured alone
java -jar "$jar" 'logging\.WriteCostBenchmark' -f 1 -wi 3 -w 1s -i 5 -r 1s -rf json -rff "$out/write.json"

java -cp "$jar" dev.servicekit.benchmarks.HeadlineReport "$out"/*.json | tee "$out/report.txt"
