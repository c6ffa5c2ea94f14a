# Shared by the container scripts (source it): podman as it works on these machines, and the
# example images.
#
#   SERVICEKIT_BASE_IMAGE   base image for every example image (default: the one
#                           base-image.sh makes from Debian packages)
#   SERVICEKIT_IMAGE_TAG    tag of the example images (default dev)
# shellcheck shell=bash

# runc: the default runtime (crun) fails on hybrid cgroups; ulimits below the machine's hard
# limits (podman's defaults exceed them).
SK_ULIMITS=(--ulimit nofile=1024:4096 --ulimit nproc=1024:2048)
sk_podman() { podman --runtime runc "$@"; }

sk_image() { # service -> image name
  echo "localhost/servicekit-example-$1:${SERVICEKIT_IMAGE_TAG:-dev}"
}

sk_base_image() { # prints the base image, making it when it is not configured
  if [ -n "${SERVICEKIT_BASE_IMAGE:-}" ]; then
    echo "$SERVICEKIT_BASE_IMAGE"
  else
    bash "$(dirname "${BASH_SOURCE[0]}")/base-image.sh"
  fi
}

sk_build_image() { # dir-under-examples [base]: builds examples/<dir>/Dockerfile, prints the image
  local dir=$1 base=${2:-} examples image
  examples=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  [ -n "$base" ] || base=$(sk_base_image)
  image=$(sk_image "$dir")
  [ -f "$examples/$dir/target/$dir.jar" ] || {
    echo "examples/$dir/target/$dir.jar is missing: mvn -pl examples/$dir -am package -DskipTests" >&2
    return 1
  }
  # docker format keeps HEALTHCHECK (OCI images have no such field).
  sk_podman build --format docker "${SK_ULIMITS[@]}" --build-arg "BASE_IMAGE=$base" \
    --label "dev.servicekit.example=$dir" -t "$image" "$examples/$dir" >&2 || return 1
  echo "$image"
}

sk_free_port() { # a port nothing listens on (small race accepted)
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

sk_wait_http() { # url seconds [status]: until the URL answers with the status (default 200)
  local url=$1 seconds=$2 want=${3:-200} deadline code
  deadline=$((SECONDS + seconds))
  while [ $SECONDS -lt "$deadline" ]; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)
    [ "$code" = "$want" ] && return 0
    sleep 0.2
  done
  return 1
}

sk_wait_tcp() { # port seconds
  local deadline=$((SECONDS + $2))
  while [ $SECONDS -lt "$deadline" ]; do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.2
  done
  return 1
}

sk_exit_code() { sk_podman inspect -f '{{.State.ExitCode}}' "$1"; }
sk_running() { [ "$(sk_podman inspect -f '{{.State.Running}}' "$1" 2>/dev/null)" = true ]; }
