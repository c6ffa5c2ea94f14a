#!/usr/bin/env bash
# servicekit demo: one command, needs only a JDK 17 and Maven.
#
# Builds what it needs, starts a Consul-compatible agent (LocalConsul, unless CONSUL_HTTP_ADDR
# points at a real Consul), an embedded ActiveMQ Artemis broker (unless
# SERVICEKIT_EXAMPLES_BROKER_URL points at a real one), then orders, two inventory instances and
# shipping as separate JVMs. Places a few orders, shows which inventory instance served each and
# its correlation ID, prints the cross-service timeline of one order with the log query tool,
# stops everything gracefully and shows that the services deregistered.
#
# Options (environment):
#   SERVICEKIT_DEMO_DIR=path      where logs go (default examples/target/demo)
#   SERVICEKIT_DEMO_SKIP_BUILD=1  reuse the jars of an earlier run
#   CONSUL_HTTP_ADDR, SERVICEKIT_EXAMPLES_BROKER_URL   use a real agent / broker
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
DEMO_DIR=${SERVICEKIT_DEMO_DIR:-$ROOT/examples/target/demo}
LOGS=$DEMO_DIR/logs
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
# Small, fast-starting JVMs: six of them share this machine.
JVM_OPTS=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -Xmx160m)

INFRA_JAR=$ROOT/examples/demo-infra/target/demo-infra.jar
QUERY_JAR=$ROOT/examples/log-query/target/log-query.jar

if [ -t 1 ]; then BOLD=$'\033[1m' PLAIN=$'\033[0m'; else BOLD='' PLAIN=''; fi
step() { printf '\n%s== %s%s\n' "$BOLD" "$*" "$PLAIN"; }
client() { "$JAVA" "${JVM_OPTS[@]}" -cp "$INFRA_JAR" dev.servicekit.examples.infra.DemoClient "$@"; }

# --- every process we start is stopped on exit, whatever happens --------------------------
PIDS=()
NAMES=()
stop_pid() { # pid name: SIGTERM, wait up to 15 s, then SIGKILL
  local pid=$1 name=$2 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  echo "   $name (pid $pid) did not stop in 15 s: killing it" >&2
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local i
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    stop_pid "${PIDS[$i]}" "${NAMES[$i]}"
  done
  PIDS=()
  NAMES=()
}
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM

start() { # name command...: runs in the background, stdout -> logs/name.log
  local name=$1
  shift
  : >"$LOGS/$name.log" # exists before the background job opens it
  "$@" >"$LOGS/$name.log" 2>"$LOGS/$name.stderr" &
  PIDS+=("$!")
  NAMES+=("$name")
  printf '   %-12s pid %-7s log %s\n' "$name" "$!" "$LOGS/$name.log"
}
started_ok() { # name: fail with the tail of its stderr if it already died
  local i
  for i in "${!NAMES[@]}"; do
    if [ "${NAMES[$i]}" = "$1" ] && ! kill -0 "${PIDS[$i]}" 2>/dev/null; then
      echo "$1 exited early; its stderr:" >&2
      tail -20 "$LOGS/$1.stderr" >&2 || true
      exit 1
    fi
  done
}

SECONDS=0
rm -rf "$DEMO_DIR"
mkdir -p "$LOGS"

# --- 1. build ---------------------------------------------------------------------------
if [ "${SERVICEKIT_DEMO_SKIP_BUILD:-}" != "1" ]; then
  step "Building the examples (mvn package, tests skipped; output in $DEMO_DIR/build.log)"
  if ! mvn -B -ntp -DskipTests -Djacoco.skip=true -Dstyle.color=never package \
    -pl examples/log-query,examples/demo-infra,examples/orders,examples/inventory,examples/shipping \
    -am >"$DEMO_DIR/build.log" 2>&1; then
    tail -40 "$DEMO_DIR/build.log" >&2
    echo "build failed: see $DEMO_DIR/build.log" >&2
    exit 1
  fi
  echo "   built in ${SECONDS} s"
fi
for jar in "$INFRA_JAR" "$QUERY_JAR" examples/orders/target/orders.jar \
  examples/inventory/target/inventory.jar examples/shipping/target/shipping.jar; do
  [ -f "$jar" ] || { echo "missing $jar: run without SERVICEKIT_DEMO_SKIP_BUILD" >&2; exit 1; }
done

# --- 2. registry and broker ---------------------------------------------------------------
step "Starting the registry and the broker"
if [ -z "${CONSUL_HTTP_ADDR:-}" ]; then
  start consul "$JAVA" "${JVM_OPTS[@]}" -cp "$INFRA_JAR" dev.servicekit.testing.LocalConsul --port 0
  for _ in $(seq 1 300); do
    CONSUL_HTTP_ADDR=$(sed -n 's/^export CONSUL_HTTP_ADDR=//p' "$LOGS/consul.log" 2>/dev/null || true)
    [ -n "$CONSUL_HTTP_ADDR" ] && break
    started_ok consul
    sleep 0.1
  done
  [ -n "$CONSUL_HTTP_ADDR" ] || { echo "LocalConsul did not start" >&2; exit 1; }
  echo "   LocalConsul (Consul-compatible agent for local use) at $CONSUL_HTTP_ADDR"
else
  echo "   using the Consul agent at CONSUL_HTTP_ADDR=$CONSUL_HTTP_ADDR"
fi
export CONSUL_HTTP_ADDR

if [ -z "${SERVICEKIT_EXAMPLES_BROKER_URL:-}" ]; then
  SERVICEKIT_SERVICE_NAME=broker SERVICEKIT_LOG_LEVELS=org.apache.activemq=warn \
    start broker "$JAVA" "${JVM_OPTS[@]}" -cp "$INFRA_JAR" dev.servicekit.examples.infra.DemoBroker \
    --url-file "$DEMO_DIR/broker.url"
  for _ in $(seq 1 300); do
    [ -s "$DEMO_DIR/broker.url" ] && break
    started_ok broker
    sleep 0.1
  done
  [ -s "$DEMO_DIR/broker.url" ] || { echo "the broker did not start" >&2; exit 1; }
  SERVICEKIT_EXAMPLES_BROKER_URL=$(cat "$DEMO_DIR/broker.url")
  echo "   embedded Artemis broker at $SERVICEKIT_EXAMPLES_BROKER_URL"
else
  echo "   using the broker at SERVICEKIT_EXAMPLES_BROKER_URL=$SERVICEKIT_EXAMPLES_BROKER_URL"
fi
export SERVICEKIT_EXAMPLES_BROKER_URL

# --- 3. services ---------------------------------------------------------------------------
step "Starting the services (each its own JVM, configured only through the environment)"
export SERVICEKIT_SERVICE_PORT=0 SERVICEKIT_MANAGEMENT_PORT=0
export SERVICEKIT_EXAMPLES_HTTP_ADDRESS=127.0.0.1 SERVICEKIT_MANAGEMENT_ADDRESS=127.0.0.1
export SERVICEKIT_SERVICE_ADDRESS=127.0.0.1 SERVICEKIT_SHUTDOWN_DRAIN=500ms
export SERVICEKIT_LOG_LEVELS=org.apache.activemq=warn
export SERVICEKIT_REGISTRY_CHECK_INTERVAL=1s   # the agent probes /health/ready every second
run_service() { # log-name service-name instance-id
  SERVICEKIT_SERVICE_NAME=$2 SERVICEKIT_SERVICE_INSTANCE_ID=$3 \
    start "$1" "$JAVA" "${JVM_OPTS[@]}" -jar "examples/$2/target/$2.jar"
}
run_service inventory-1 inventory inventory-1
run_service inventory-2 inventory inventory-2
run_service orders orders orders-1
run_service shipping shipping shipping-1

wait_passing() { # service count
  local watch
  watch=$(IFS=,; echo "${PIDS[*]}")
  if ! client wait-passing "$CONSUL_HTTP_ADDR" "$1" "$2" 90 --watch "$watch"; then
    for name in "${NAMES[@]}"; do started_ok "$name"; done
    echo "no $2 passing $1 instance(s) after 90 s; logs in $LOGS" >&2
    exit 1
  fi
}
wait_passing inventory 2
wait_passing orders 1
wait_passing shipping 1
echo "   all instances registered and passing their health checks (${SECONDS} s so far):"
client services "$CONSUL_HTTP_ADDR"

# --- 4. orders -----------------------------------------------------------------------------
step "Placing orders (orders finds inventory through the registry, then publishes OrderPlaced)"
touch "$DEMO_DIR/orders.txt"
ORDERS_URL=$(client address "$CONSUL_HTTP_ADDR" orders)
echo "   orders found through the registry at $ORDERS_URL"
echo
client place-orders "$ORDERS_URL" widget:2 gadget:1 widget:1 gadget:9 widget:3 \
  --ids-file "$DEMO_DIR/orders.txt" ||
  echo "   some orders were not taken (status UNAVAILABLE above); the logs below say why"
PLACED=$(grep -c ' PLACED ' "$DEMO_DIR/orders.txt" || true)
echo
echo "   gadget:9 is refused on purpose: each inventory instance holds only 3 gadgets."
client wait-shipments "$CONSUL_HTTP_ADDR" "$PLACED" 30
echo "   shipping scheduled a shipment for each of the $PLACED placed orders"

# --- 5. the logs, queried together -----------------------------------------------------------
CID=$(awk '$2 == "PLACED" { print $1; exit }' "$DEMO_DIR/orders.txt")
if [ -n "$CID" ]; then
  step "One order across all services: java -jar $QUERY_JAR --id $CID $LOGS"
  "$JAVA" -jar "$QUERY_JAR" --id "$CID" "$LOGS"
fi

step "Every order, one line each: java -jar $QUERY_JAR --summary $LOGS"
"$JAVA" -jar "$QUERY_JAR" --summary --quiet "$LOGS"

# --- 6. graceful stop --------------------------------------------------------------------------
step "Stopping the services (SIGTERM: not ready -> deregister -> drain -> stop)"
STOP_TIME=$(date -u +%Y-%m-%dT%H:%M:%SZ)
for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
  case "${NAMES[$i]}" in
    consul | broker) ;;
    *)
      stop_pid "${PIDS[$i]}" "${NAMES[$i]}"
      echo "   stopped ${NAMES[$i]}"
      ;;
  esac
done
echo "   registered at the agent now:"
client services "$CONSUL_HTTP_ADDR"
echo
echo "   what the services logged while stopping (log-query --since $STOP_TIME):"
"$JAVA" -jar "$QUERY_JAR" --quiet --since "$STOP_TIME" --service orders,inventory,shipping "$LOGS" |
  sed 's/^/   /'
cleanup

step "Done in ${SECONDS} s"
echo "   JSON log lines of each process: $LOGS/<name>.log"
echo "   query them yourself:            java -jar $QUERY_JAR --help"
