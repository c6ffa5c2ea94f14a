#!/usr/bin/env bash
# RabbitMQ for the messaging tests, on 127.0.0.1 only.
#   start: install rabbitmq-server if missing, start a private node (own ports, own epmd,
#          state under a temp dir) and print `export VAR=value` lines on stdout.
#   stop:  shut the node down, end its epmd and remove the state.
# Progress goes to stderr: .ci/run sources stdout.
set -euo pipefail
cd "$(dirname "$0")/../.."

STATE_FILE=.ci/.state/rabbitmq.dir
RABBIT_BIN=/usr/lib/rabbitmq/bin

log() { echo "rabbitmq: $*" >&2; }

free_port() {
  # A port nothing listens on; the small race with other processes is acceptable for CI.
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  log "no free port found"
  return 1
}

node_env() {
  # Everything rabbitmq-server and rabbitmqctl need to find this private node.
  local dir=$1
  export HOME="$dir/home"
  export ERL_EPMD_ADDRESS=127.0.0.1
  export ERL_EPMD_PORT
  ERL_EPMD_PORT=$(cat "$dir/epmd.port")
  export RABBITMQ_NODENAME
  RABBITMQ_NODENAME=$(cat "$dir/nodename")
}

start() {
  if [ ! -x "$RABBIT_BIN/rabbitmq-server" ]; then
    log "installing rabbitmq-server"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=300 update >&2
    apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends rabbitmq-server >&2
  fi
  if [ -f "$STATE_FILE" ]; then
    log "a node from an earlier run is still recorded; stopping it first"
    stop
  fi

  local dir amqp_port dist_port epmd_port epmd_bin
  dir=$(mktemp -d -t servicekit-rabbitmq.XXXXXX)
  mkdir -p .ci/.state
  echo "$dir" > "$STATE_FILE"
  mkdir -p "$dir/home" "$dir/mnesia" "$dir/log"
  : > "$dir/enabled_plugins.conf"
  : > "$dir/rabbitmq-env.conf"
  echo '[].' > "$dir/enabled_plugins"
  amqp_port=$(free_port)
  dist_port=$(free_port)
  epmd_port=$(free_port)
  echo "$epmd_port" > "$dir/epmd.port"
  echo "servicekit-$$@localhost" > "$dir/nodename"
  node_env "$dir"

  # Our own epmd, so stopping it never disturbs another Erlang node on this machine.
  epmd_bin=$(command -v epmd || find /usr/lib/erlang -name epmd -type f -perm -u+x | head -1)
  "$epmd_bin" -port "$epmd_port" -address 127.0.0.1 > "$dir/log/epmd.out" 2>&1 &
  echo $! > "$dir/epmd.pid"

  log "starting node $RABBITMQ_NODENAME on 127.0.0.1:$amqp_port (state in $dir)"
  RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT="$amqp_port" \
    RABBITMQ_DIST_PORT="$dist_port" \
    RABBITMQ_MNESIA_BASE="$dir/mnesia" \
    RABBITMQ_LOG_BASE="$dir/log" \
    RABBITMQ_PID_FILE="$dir/rabbitmq.pid" \
    RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf" \
    RABBITMQ_CONFIG_FILE="$dir/rabbitmq" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
    nohup "$RABBIT_BIN/rabbitmq-server" > "$dir/log/server.out" 2>&1 &
  echo $! > "$dir/server.pid"

  # await_startup fails at once while the node is not yet registered with epmd: retry.
  local deadline=$((SECONDS + 120)) up=false
  while [ $SECONDS -lt $deadline ] && kill -0 "$(cat "$dir/server.pid")" 2>/dev/null; do
    if "$RABBIT_BIN/rabbitmqctl" --node "$RABBITMQ_NODENAME" await_startup --timeout 60 \
      > "$dir/log/await.out" 2>&1; then
      up=true
      break
    fi
    sleep 1
  done
  if [ "$up" != true ]; then
    log "node did not start; last lines of its output:"
    tail -n 30 "$dir/log/await.out" >&2 || true
    tail -n 30 "$dir/log/server.out" >&2 || true
    stop
    return 1
  fi
  log "node is up"
  echo "export SERVICEKIT_TEST_RABBITMQ_HOST=127.0.0.1"
  echo "export SERVICEKIT_TEST_RABBITMQ_PORT=$amqp_port"
}

stop() {
  if [ ! -f "$STATE_FILE" ]; then
    log "nothing recorded in $STATE_FILE; nothing to stop"
    return 0
  fi
  local dir pid
  dir=$(cat "$STATE_FILE")
  if [ -d "$dir" ]; then
    (
      node_env "$dir"
      log "stopping node $RABBITMQ_NODENAME"
      timeout 60 "$RABBIT_BIN/rabbitmqctl" --node "$RABBITMQ_NODENAME" shutdown >&2 || true
    )
    for f in server.pid epmd.pid; do
      if [ -f "$dir/$f" ]; then
        pid=$(cat "$dir/$f")
        if kill -0 "$pid" 2>/dev/null; then
          kill "$pid" 2>/dev/null || true
        fi
      fi
    done
    rm -rf "$dir"
  fi
  rm -f "$STATE_FILE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
