#!/usr/bin/env bash
# Compares two builds of the benchmarks on one benchmark in paired forks: every round runs one fork
# of each jar, one after the other (jar A first in odd rounds, jar B first in even ones), so a
# change in the machine's speed reaches both sides alike. Forks of the same code on this 2-core
# machine can differ by more than the effect under test while each stays steady within itself, so
# one fork per side says little; many paired rounds do.
# Bounded: ROUNDS (at most 50) x 2 forks, each 5 x 1 s warm-up and 4 x 1 s measurement.
#
#   benchmarks/run-paired.sh ROUNDS 'BENCHMARK_REGEX' A.jar B.jar [more JMH options]
#
# for example, the landed jar against a change, four threads in memory:
#   cp benchmarks/target/benchmarks.jar /tmp/landed.jar   # before the change; rebuild after it
#   benchmarks/run-paired.sh 10 'ServicekitEndToEnd.infoFourThreads$' /tmp/landed.jar \
#     benchmarks/target/benchmarks.jar -p sink=memory
#
# Prints each round's two scores and B/A, then in how many rounds B was better (higher for
# throughput, lower for time per operation) and the mean and range of B/A. The regex must select
# one benchmark with one parameter set.
set -euo pipefail

if [[ $# -lt 4 ]]; then
  sed -n '9,10p' "$0" >&2
  exit 2
fi
rounds=$1 pattern=$2 jar_a=$3 jar_b=$4
shift 4
if ! [[ $rounds =~ ^[0-9]+$ ]] || ((rounds < 1 || rounds > 50)); then
  echo "ROUNDS must be 1 to 50, got $rounds" >&2
  exit 2
fi
for jar in "$jar_a" "$jar_b"; do
  [[ -f $jar ]] || { echo "no such jar: $jar" >&2; exit 2; }
done

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# one fork; prints "mode score" of the primary result (JMH's CSV: Benchmark, Mode, Threads,
# Samples, Score, ...; a profiler's secondary results are the rows whose name has a colon)
fork() {
  local jar=$1 csv=$out/result.csv
  rm -f "$csv"
  java -jar "$jar" "$pattern" -f 1 -wi 5 -w 1s -i 4 -r 1s "$@" -rf csv -rff "$csv" >"$out/log" 2>&1 ||
    { tail -20 "$out/log" >&2; exit 1; }
  awk -F, 'NR > 1 && $1 !~ /:/ { gsub(/"/, "", $2); print $2, $5; n++ } END { if (n != 1) exit 1 }' \
    "$csv" || { echo "the pattern must select exactly one benchmark and parameter set" >&2; exit 1; }
}

printf '%5s %14s %14s %8s\n' round A B B/A
results=()
for ((round = 1; round <= rounds; round++)); do
  if ((round % 2)); then
    first=$(fork "$jar_a" "$@")
    second=$(fork "$jar_b" "$@")
    read -r mode a <<<"$first"
    read -r _ b <<<"$second"
  else
    first=$(fork "$jar_b" "$@")
    second=$(fork "$jar_a" "$@")
    read -r _ b <<<"$first"
    read -r mode a <<<"$second"
  fi
  results+=("$a $b")
  awk -v r="$round" -v a="$a" -v b="$b" 'BEGIN { printf "%5d %14.3f %14.3f %8.3f\n", r, a, b, b / a }'
done

printf '%s\n' "${results[@]}" | awk -v mode="$mode" '
  { ratio = $2 / $1; sum += ratio; n++
    if (n == 1 || ratio < low) low = ratio
    if (n == 1 || ratio > high) high = ratio
    if ((mode == "thrpt" && $2 > $1) || (mode != "thrpt" && $2 < $1)) better++ }
  END { printf "B better in %d of %d rounds (%s: %s); B/A mean %.3f, range %.3f to %.3f\n",
          better, n, mode, (mode == "thrpt" ? "higher is better" : "lower is better"),
          sum / n, low, high }'
