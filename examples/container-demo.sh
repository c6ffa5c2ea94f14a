#!/usr/bin/env bash
# servicekit demo in containers: one container per process, built and run with podman.
#
# Builds the jars and the images (base image made from Debian packages unless
# SERVICEKIT_BASE_IMAGE names one), then runs LocalConsul, the Artemis broker, orders, two
# inventory instances and shipping, each in its own container (host network: all traffic stays
# on 127.0.0.1; read-only root filesystem for the services). Places orders, prints the timeline
# of one order, stops every service container with SIGTERM (each deregisters and drains), shows
# that the agent is empty and exits 0. Every container it started is removed on exit, also on
# failure or Ctrl-C.
#
# Needs: podman, runc, debootstrap (Debian: apt-get install -y podman runc debootstrap), curl,
# a JDK 17 and Maven. Run as root (rootful podman).
#
# Options (environment):
#   SERVICEKIT_DEMO_DIR=path       logs and results (default examples/target/container-demo)
#   SERVICEKIT_DEMO_SKIP_BUILD=1   reuse the jars of an earlier build (images are still built;
#                                  podman's layer cache makes that quick)
#   SERVICEKIT_BASE_IMAGE=image    base image of every image (default: base-image.sh)
#   SERVICEKIT_DEMO_STOP_TIMEOUT=s SIGTERM grace per container before SIGKILL (default 30)
#
# Results for the end-to-end test, in SERVICEKIT_DEMO_DIR:
#   logs/<name>.log, logs/<name>.stderr   each container's stdout and stderr
#   orders.txt                            "<correlation id> <status> ..." per order
#   stops.tsv                             "<name> <exit code> <milliseconds to stop>"
#   agent-after-stop.json                 /v1/agent/services once the services stopped
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
# shellcheck source=containers/lib.sh
. "$ROOT/examples/containers/lib.sh"
DEMO_DIR=${SERVICEKIT_DEMO_DIR:-$ROOT/examples/target/container-demo}
LOGS=$DEMO_DIR/logs
STOP_TIMEOUT=${SERVICEKIT_DEMO_STOP_TIMEOUT:-30}
DRAIN=500ms
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
INFRA_JAR=$ROOT/examples/demo-infra/target/demo-infra.jar
QUERY_JAR=$ROOT/examples/log-query/target/log-query.jar
# Small, fast-starting JVMs: six of them share this machine. (The images' own default is
# -XX:MaxRAMPercentage=75; the command after the image name replaces it.)
JVM_OPTS=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -Xmx160m)
RUN_ID=sk-demo-$$

if [ -t 1 ]; then BOLD=$'\033[1m' PLAIN=$'\033[0m'; else BOLD='' PLAIN=''; fi
step() { printf '\n%s== %s%s\n' "$BOLD" "$*" "$PLAIN"; }
client() { "$JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$INFRA_JAR" dev.servicekit.examples.infra.DemoClient "$@"; }

command -v podman >/dev/null || {
  echo "podman is missing (Debian: apt-get install -y podman runc debootstrap)" >&2
  exit 1
}

# --- every container we start is removed on exit, whatever happens ---------------------------
CONTAINERS=()
save_logs() { # name
  sk_podman logs "$RUN_ID-$1" >"$LOGS/$1.log" 2>"$LOGS/$1.stderr" || true
}
cleanup() {
  local i name
  for ((i = ${#CONTAINERS[@]} - 1; i >= 0; i--)); do
    name=${CONTAINERS[$i]}
    if sk_running "$RUN_ID-$name"; then
      sk_podman stop -t 10 "$RUN_ID-$name" >/dev/null 2>&1 || true
    fi
    save_logs "$name"
    sk_podman rm -f "$RUN_ID-$name" >/dev/null 2>&1 || true
  done
  CONTAINERS=()
}
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM

run() { # name image [podman run options...] -- [command...]
  local name=$1 image=$2 opts=()
  shift 2
  while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  CONTAINERS+=("$name")
  sk_podman run -d --name "$RUN_ID-$name" --label "dev.servicekit.run=$RUN_ID" --network host \
    "${SK_ULIMITS[@]}" "${opts[@]}" "$image" "$@" >/dev/null 2>>"$DEMO_DIR/podman.err" || {
    echo "podman run of $name failed:" >&2
    tail -5 "$DEMO_DIR/podman.err" >&2
    exit 1
  }
  printf '   %-12s container %s\n' "$name" "$RUN_ID-$name"
}
alive_or_fail() { # name: fail with its output if it already exited
  if ! sk_running "$RUN_ID-$1"; then
    echo "$1 exited early (status $(sk_exit_code "$RUN_ID-$1")); its output:" >&2
    sk_podman logs --tail 20 "$RUN_ID-$1" >&2 || true
    exit 1
  fi
}

SECONDS=0
rm -rf "$DEMO_DIR"
mkdir -p "$LOGS"

# --- 1. build -----------------------------------------------------------------------------------
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
step "Building the images (podman build --format docker; output in $DEMO_DIR/images.log)"
BASE=$(sk_base_image)
echo "   base image $BASE"
if ! SERVICEKIT_BASE_IMAGE=$BASE bash examples/containers/build-images.sh >"$DEMO_DIR/images.txt" \
  2>"$DEMO_DIR/images.log"; then
  tail -20 "$DEMO_DIR/images.log" >&2
  exit 1
fi
awk '{ printf "   %-46s %4d MB\n", $1, $2 }' "$DEMO_DIR/images.txt"

# --- 2. registry and broker ------------------------------------------------------------------------
step "Starting the registry and the broker (containers from $(sk_image demo-infra))"
CONSUL_PORT=$(sk_free_port)
BROKER_PORT=$(sk_free_port)
CONSUL_HTTP_ADDR=127.0.0.1:$CONSUL_PORT
SERVICEKIT_EXAMPLES_BROKER_URL=tcp://127.0.0.1:$BROKER_PORT
run consul "$(sk_image demo-infra)" -e SERVICEKIT_SERVICE_NAME=consul -- \
  dev.servicekit.testing.LocalConsul --port "$CONSUL_PORT"
run broker "$(sk_image demo-infra)" -e SERVICEKIT_SERVICE_NAME=broker \
  -e SERVICEKIT_LOG_LEVELS=org.apache.activemq=warn -- \
  dev.servicekit.examples.infra.DemoBroker --port "$BROKER_PORT"
sk_wait_http "http://$CONSUL_HTTP_ADDR/v1/status/leader" 90 || { alive_or_fail consul; exit 1; }
echo "   LocalConsul (Consul-compatible agent for local use) at $CONSUL_HTTP_ADDR"
sk_wait_tcp "$BROKER_PORT" 90 || { alive_or_fail broker; exit 1; }
echo "   embedded Artemis broker at $SERVICEKIT_EXAMPLES_BROKER_URL"

# --- 3. services -------------------------------------------------------------------------------------
step "Starting the services (one container each, read-only root, configured only through -e)"
SERVICES=(inventory-1 inventory-2 orders shipping)
run_service() { # name service
  local name=$1 service=$2
  run "$name" "$(sk_image "$service")" --read-only --stop-timeout "$STOP_TIMEOUT" \
    -e CONSUL_HTTP_ADDR="$CONSUL_HTTP_ADDR" \
    -e SERVICEKIT_EXAMPLES_BROKER_URL="$SERVICEKIT_EXAMPLES_BROKER_URL" \
    -e SERVICEKIT_SERVICE_INSTANCE_ID="$name" \
    -e SERVICEKIT_SERVICE_PORT="$(sk_free_port)" -e SERVICEKIT_MANAGEMENT_PORT="$(sk_free_port)" \
    -e SERVICEKIT_SERVICE_ADDRESS=127.0.0.1 -e SERVICEKIT_EXAMPLES_HTTP_ADDRESS=127.0.0.1 \
    -e SERVICEKIT_MANAGEMENT_ADDRESS=127.0.0.1 -e SERVICEKIT_SHUTDOWN_DRAIN=$DRAIN \
    -e SERVICEKIT_LOG_LEVELS=org.apache.activemq=warn \
    -e SERVICEKIT_REGISTRY_CHECK_INTERVAL=1s -- \
    "${JVM_OPTS[@]}" -jar "/app/$service.jar"
}
run_service inventory-1 inventory
run_service inventory-2 inventory
run_service orders orders
run_service shipping shipping

wait_passing() { # service count
  if ! client wait-passing "http://$CONSUL_HTTP_ADDR" "$1" "$2" 120; then
    for name in "${SERVICES[@]}"; do alive_or_fail "$name"; done
    echo "no $2 passing $1 instance(s) after 120 s" >&2
    exit 1
  fi
}
wait_passing inventory 2
wait_passing orders 1
wait_passing shipping 1
echo "   all instances registered and passing their health checks (${SECONDS} s so far):"
client services "http://$CONSUL_HTTP_ADDR"

# --- 4. orders ---------------------------------------------------------------------------------------
step "Placing orders (orders finds inventory through the registry, then publishes OrderPlaced)"
touch "$DEMO_DIR/orders.txt"
ORDERS_URL=$(client address "http://$CONSUL_HTTP_ADDR" orders)
echo "   orders found through the registry at $ORDERS_URL"
echo
client place-orders "$ORDERS_URL" widget:2 gadget:1 widget:1 gadget:9 widget:3 \
  --ids-file "$DEMO_DIR/orders.txt" ||
  echo "   some orders were not taken (status UNAVAILABLE above); the logs below say why"
PLACED=$(grep -c ' PLACED ' "$DEMO_DIR/orders.txt" || true)
echo
echo "   gadget:9 is refused on purpose: each inventory instance holds only 3 gadgets."
client wait-shipments "http://$CONSUL_HTTP_ADDR" "$PLACED" 30
echo "   shipping scheduled a shipment for each of the $PLACED placed orders"

# --- 5. the logs, queried together -----------------------------------------------------------------
for name in "${SERVICES[@]}"; do save_logs "$name"; done
CID=$(awk '$2 == "PLACED" { print $1; exit }' "$DEMO_DIR/orders.txt")
if [ -n "$CID" ]; then
  step "One order across all services: java -jar $QUERY_JAR --id $CID $LOGS"
  "$JAVA" -jar "$QUERY_JAR" --id "$CID" "$LOGS"
fi

# --- 6. graceful stop ------------------------------------------------------------------------------
step "Stopping the services (podman stop: SIGTERM -> not ready -> deregister -> drain -> exit)"
STOP_TIME=$(date -u +%Y-%m-%dT%H:%M:%SZ)
: >"$DEMO_DIR/stops.tsv"
for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do
  name=${SERVICES[$i]}
  started=$(date +%s%N)
  sk_podman stop -t "$STOP_TIMEOUT" "$RUN_ID-$name" >/dev/null 2>>"$DEMO_DIR/podman.err"
  took=$((($(date +%s%N) - started) / 1000000))
  code=$(sk_exit_code "$RUN_ID-$name")
  printf '%s\t%s\t%s\n' "$name" "$code" "$took" >>"$DEMO_DIR/stops.tsv"
  printf '   stopped %-12s in %5d ms, exit status %s\n' "$name" "$took" "$code"
  save_logs "$name"
done
curl -fsS "http://$CONSUL_HTTP_ADDR/v1/agent/services" >"$DEMO_DIR/agent-after-stop.json"
echo "   registered at the agent now:"
client services "http://$CONSUL_HTTP_ADDR"
echo
echo "   what the services logged while stopping (log-query --since $STOP_TIME):"
"$JAVA" -jar "$QUERY_JAR" --quiet --since "$STOP_TIME" --service orders,inventory,shipping "$LOGS" |
  sed 's/^/   /'
cleanup

step "Done in ${SECONDS} s"
echo "   JSON log lines of each container: $LOGS/<name>.log"
echo "   query them yourself:              java -jar $QUERY_JAR --help"
