#!/usr/bin/env bash
# podman for the container tests (examples/containers-e2e): images built and run without a
# Docker engine.
#   start: install podman, runc, debootstrap and curl if missing; make the JRE base image from
#          Debian packages once (cached under /var/cache/servicekit, keyed on its package list,
#          so later runs on this machine only re-import it or find it present); print
#          `export VAR=value` lines on stdout.
#   stop:  remove the containers the tests left (label dev.servicekit.run); images stay cached.
# Progress goes to stderr: .ci/run sources stdout.
set -euo pipefail
cd "$(dirname "$0")/../.."

log() { echo "podman: $*" >&2; }

remove_leftovers() {
  local ids
  ids=$(podman --runtime runc ps -aq --filter label=dev.servicekit.run 2>/dev/null || true)
  if [ -n "$ids" ]; then
    log "removing leftover containers: $(echo "$ids" | tr '\n' ' ')"
    # shellcheck disable=SC2086
    podman --runtime runc rm -f -t 5 $ids >&2 || true
  fi
}

start() {
  local missing=()
  for tool in podman runc debootstrap curl; do
    command -v "$tool" >/dev/null || missing+=("$tool")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=300 update >&2
    apt-get -o DPkg::Lock::Timeout=300 install -y podman runc debootstrap curl >&2
  fi
  local started=$SECONDS image
  image=$(bash examples/containers/base-image.sh)
  log "base image $image ready in $((SECONDS - started)) s"
  echo "export SERVICEKIT_BASE_IMAGE=$image"
}

stop() {
  remove_leftovers
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
