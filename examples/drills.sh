#!/usr/bin/env bash
# servicekit failure drills: the demo system under faults, with numbers.
#
# Builds what it needs, then runs the drill runner (examples/drills): it starts the agent
# (LocalConsul), a persistent embedded Artemis broker, orders, two inventory instances and shipping
# as processes with shortened intervals, sends a bounded stream of orders per drill, injects one
# fault at a time and prints a table per drill. Every process it starts is stopped at the end, also
# on failure or Ctrl-C. Arguments go to the runner (try --help); for example
#   bash examples/drills.sh --drills 1,5 --rate 10 --orders 150
#   bash examples/drills.sh --results examples/drills/RESULTS.md   # the committed results
#
# Options (environment):
#   SERVICEKIT_DRILLS_SKIP_BUILD=1  reuse the jars of an earlier run
set -euo pipefail

cd "$(dirname "$0")/.."
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
WORK=examples/target/drills
mkdir -p "$WORK"

if [ "${SERVICEKIT_DRILLS_SKIP_BUILD:-}" != "1" ]; then
  echo "building the examples (mvn package, tests skipped; output in $WORK/build.log)"
  if ! mvn -B -ntp -DskipTests -Djacoco.skip=true -Dstyle.color=never package \
    -pl examples/drills,examples/orders,examples/inventory,examples/shipping -am \
    >"$WORK/build.log" 2>&1; then
    tail -40 "$WORK/build.log" >&2
    echo "build failed: see $WORK/build.log" >&2
    exit 1
  fi
fi
for jar in examples/drills/target/drills.jar examples/orders/target/orders.jar \
  examples/inventory/target/inventory.jar examples/shipping/target/shipping.jar; do
  [ -f "$jar" ] || { echo "missing $jar: run without SERVICEKIT_DRILLS_SKIP_BUILD" >&2; exit 1; }
done

# The runner is the client: small JVM options as for every process it starts. exec, so that a
# SIGTERM or Ctrl-C reaches its shutdown hook, which stops every process it started.
exec "$JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m -jar examples/drills/target/drills.jar \
  --examples-dir examples --work-dir "$WORK" "$@"
