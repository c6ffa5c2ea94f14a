#!/usr/bin/env bash
# A JDK with virtual threads for the virtual-thread tests (the build itself stays on JDK 17).
#   start: find Temurin 25 (preinstalled beside the default JDK; not a Debian package) or any
#          JDK 21+ under /usr/lib/jvm, check that it runs, and print `export VAR=value` lines.
#          No such JDK: fail, so CI never silently skips those tests.
#   stop:  nothing to stop.
# Progress goes to stderr: .ci/run sources stdout.
set -euo pipefail

log() { echo "jdk25: $*" >&2; }

feature() {
  # The feature release named by a Java home's release file, or 0.
  local v
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null || true)
  echo "${v:-0}"
}

start() {
  local home=""
  if [ -n "${SERVICEKIT_VIRTUAL_THREAD_JAVA_HOME:-}" ] \
      && [ "$(feature "$SERVICEKIT_VIRTUAL_THREAD_JAVA_HOME")" -lt 21 ]; then
    log "SERVICEKIT_VIRTUAL_THREAD_JAVA_HOME=$SERVICEKIT_VIRTUAL_THREAD_JAVA_HOME is not a JDK 21+"
    exit 1
  fi
  for candidate in "${SERVICEKIT_VIRTUAL_THREAD_JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 \
      $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -r); do
    candidate=${candidate%/}
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    if [ "$(feature "$candidate")" -ge 21 ]; then
      home=$candidate
      break
    fi
  done
  if [ -z "$home" ]; then
    log "no JDK 21+ found (looked at SERVICEKIT_VIRTUAL_THREAD_JAVA_HOME, /usr/lib/jvm/temurin-25-jdk-amd64, /usr/lib/jvm/*)."
    log "Temurin 25 is preinstalled on the CI machines; install it there (it is not a Debian package)."
    exit 1
  fi
  "$home/bin/java" -version >&2
  log "using $home"
  echo "export SERVICEKIT_VIRTUAL_THREAD_JAVA_HOME=$home"
  echo "export SERVICEKIT_REQUIRE_VIRTUAL_THREAD_JDK=true"
}

case "${1:-}" in
  start) start ;;
  stop) ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
