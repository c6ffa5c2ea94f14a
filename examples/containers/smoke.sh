#!/usr/bin/env bash
# Smoke test of one example image: start it (read-only root, host network, free ports, no
# registry or broker), wait for /health/live, run the image's HEALTHCHECK, send one API request,
# stop it with SIGTERM and expect a clean exit within the drain plus a margin.
#
#   bash examples/containers/smoke.sh orders [image] [out-dir]
#
# image defaults to the one `sk_build_image` makes; out-dir (default
# examples/target/smoke/<service>) receives <service>.log, <service>.stderr and result.tsv
# ("<service> <exit code> <milliseconds to stop> <API status>"). Exit 0 when every step passed.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"

SERVICE=${1:?usage: smoke.sh orders|inventory|shipping [image] [out-dir]}
IMAGE=${2:-}
[ -n "$IMAGE" ] || IMAGE=$(sk_image "$SERVICE")
OUT=${3:-$HERE/../target/smoke/$SERVICE}
DRAIN_MS=500
MARGIN_MS=10000
NAME=sk-smoke-$SERVICE-$$
mkdir -p "$OUT"

fail() { echo "smoke $SERVICE: FAILED: $*" >&2; exit 1; }
say() { echo "smoke $SERVICE: $*" >&2; }
finish() {
  sk_podman logs "$NAME" >"$OUT/$SERVICE.log" 2>"$OUT/$SERVICE.stderr" || true
  sk_podman rm -f -t 0 "$NAME" >/dev/null 2>&1 || true
}
trap finish EXIT
trap 'exit 130' INT TERM

API=$(sk_free_port)
MGMT=$(sk_free_port)
sk_podman run -d --name "$NAME" --label dev.servicekit.run=smoke --network host --read-only \
  "${SK_ULIMITS[@]}" --stop-timeout 30 \
  -e SERVICEKIT_SERVICE_PORT="$API" -e SERVICEKIT_MANAGEMENT_PORT="$MGMT" \
  -e SERVICEKIT_EXAMPLES_HTTP_ADDRESS=127.0.0.1 -e SERVICEKIT_MANAGEMENT_ADDRESS=127.0.0.1 \
  -e SERVICEKIT_SHUTDOWN_DRAIN=${DRAIN_MS}ms -e SERVICEKIT_EXAMPLES_BROKER_URL=tcp://127.0.0.1:1 \
  "$IMAGE" >/dev/null 2>"$OUT/podman-run.err" || { cat "$OUT/podman-run.err" >&2; fail "podman run"; }
say "started $IMAGE as $NAME (API port $API, management port $MGMT)"

sk_wait_http "http://127.0.0.1:$MGMT/health/live" 90 || {
  sk_running "$NAME" || fail "the container exited with status $(sk_exit_code "$NAME")"
  fail "/health/live did not answer 200 within 90 s"
}
say "/health/live 200"
health=$(sk_podman healthcheck run "$NAME" 2>&1 && echo healthy) || true
[ "$(echo "$health" | tail -1)" = healthy ] || fail "the image's HEALTHCHECK said: $health"
say "HEALTHCHECK healthy"

case $SERVICE in
  # No inventory is registered: orders answers 503 UNAVAILABLE, by design, with a JSON body.
  orders) want=503 req=(-d 'sku=widget&quantity=1' "http://127.0.0.1:$API/orders") ;;
  inventory) want=200 req=(-d 'sku=widget&quantity=1' "http://127.0.0.1:$API/reserve") ;;
  shipping) want=200 req=("http://127.0.0.1:$API/shipments") ;;
  *) fail "unknown service $SERVICE" ;;
esac
# The API's handlers are installed before its server starts, and its port is bound before
# /health/live answers: a request sent now waits for the server at worst, it never meets a 404.
got=$(curl -s -o "$OUT/response.json" -D "$OUT/response.headers" -w '%{http_code}' \
  --max-time 30 -H 'X-Correlation-ID: smoke-test-1' "${req[@]}" || true)
[ "$got" = "$want" ] || fail "${req[*]} answered $got, expected $want"
grep -qi '^x-correlation-id: smoke-test-1' "$OUT/response.headers" ||
  fail "the response did not echo X-Correlation-ID"
say "API request answered $got with the caller's correlation ID"

started=$(date +%s%N)
sk_podman stop -t 30 "$NAME" >/dev/null 2>>"$OUT/podman-run.err"
took=$((($(date +%s%N) - started) / 1000000))
code=$(sk_exit_code "$NAME")
printf '%s\t%s\t%s\t%s\n' "$SERVICE" "$code" "$took" "$got" >"$OUT/result.tsv"
case $code in 0 | 143) ;; *) fail "exit status $code after SIGTERM" ;; esac
[ "$took" -le $((DRAIN_MS + MARGIN_MS)) ] || fail "stopping took $took ms"
say "SIGTERM: exit status $code after $took ms"
say "passed"
