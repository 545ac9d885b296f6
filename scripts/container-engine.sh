#!/usr/bin/env bash
# A container engine for the tests and for `./run-pipeline.sh --runtime container`, on any machine of ours.
#
#   scripts/container-engine.sh start   find Docker, or install and configure podman and start its Docker-API
#                                       socket; build the local JRE 17 base image once per machine (cached);
#                                       write the settings to $CREDIT_CONTAINER_STATE/engine.env
#   scripts/container-engine.sh stop    stop the API service, only if `start` started it
#   scripts/container-engine.sh env     print the settings (KEY=value lines, for `set -a; . file`)
#   scripts/container-engine.sh cli …   run the engine's CLI (docker, or podman set up as below)
#   scripts/container-engine.sh prune   remove the project's application images (credit-training, credit-explainer)
#                                       that tests and runs loaded; never the base image; keeps the engine small
#
# Where a Docker engine answers, it is used as it is and nothing is installed. Otherwise (these Debian machines:
# root, no Docker, no registry) Debian's podman runs with two settings it needs here: explicit ulimits (crun
# cannot raise them otherwise) and a private mount namespace without the cgroup v2 mount (crun refuses the
# v1+v2 hybrid layout). The base image comes from Debian packages through debootstrap (no registry needed).
# Idempotent: a second `start` reuses the running socket and the cached base image and takes seconds.
set -euo pipefail

state_dir=${CREDIT_CONTAINER_STATE:-/tmp/credit-containers}
cache_dir=${CREDIT_CONTAINER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/credit-decisions/containers}
# Bump when the recipe below changes: the cached base image is rebuilt.
base_recipe=2
base_name=localhost/credit-jre17-base
base_tag=bookworm-r${base_recipe}
base_tar=$cache_dir/jre17-base-r${base_recipe}.tar
socket=$state_dir/podman.sock

say() { printf 'container-engine: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

docker_works() { command -v docker >/dev/null 2>&1 && timeout 20 docker info >/dev/null 2>&1; }

# podman in a private mount namespace without the cgroup v2 mount (see above).
podman_ns() {
  unshare -m sh -c 'umount /sys/fs/cgroup/unified 2>/dev/null || true; exec podman "$@"' podman "$@"
}

engine_kind() {
  if [ -f "$state_dir/engine.env" ]; then
    sed -n 's/^CREDIT_CONTAINER_ENGINE=//p' "$state_dir/engine.env"
  elif docker_works; then
    echo docker
  else
    echo podman
  fi
}

cli() {
  case "$(engine_kind)" in
    docker) exec docker "$@" ;;
    *) if socket_answers; then exec podman --remote --url "unix://$socket" "$@"; else podman_ns "$@"; fi ;;
  esac
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    die "needs root (or sudo) to run: $*"
  fi
}

install_podman() {
  if command -v podman >/dev/null 2>&1 && command -v debootstrap >/dev/null 2>&1; then return; fi
  command -v apt-get >/dev/null 2>&1 || die "no Docker engine answers and this is not a Debian machine: install Docker or podman"
  say "installing Debian's podman and debootstrap"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq podman debootstrap >/dev/null
}

configure_podman() {
  local conf=/etc/containers/containers.conf
  if ! grep -q '^default_ulimits' "$conf" 2>/dev/null; then
    say "setting explicit ulimits in $conf (crun cannot raise them on this kernel otherwise)"
    as_root mkdir -p /etc/containers
    printf '[containers]\ndefault_ulimits = ["nofile=20000:20000", "nproc=4096:4096"]\n' | as_root tee -a "$conf" >/dev/null
  fi
}

socket_answers() { [ -S "$socket" ] && curl -fsS --max-time 5 --unix-socket "$socket" http://d/_ping >/dev/null 2>&1; }

start_podman_service() {
  mkdir -p "$state_dir"
  if socket_answers; then
    say "podman API already answers on $socket"
    return
  fi
  [ "$(id -u)" -eq 0 ] || die "the podman fallback runs as root here (no Docker engine answers); run as root or start Docker"
  rm -f "$socket"
  say "starting podman's Docker-compatible API on $socket"
  # setsid: the service outlives this script; its pid is recorded so that `stop` stops only what we started.
  setsid unshare -m sh -c 'umount /sys/fs/cgroup/unified 2>/dev/null || true; exec podman system service --time=0 "$1"' \
    podman "unix://$socket" >"$state_dir/podman-service.log" 2>&1 </dev/null &
  echo $! >"$state_dir/podman-service.pid"
  started_service=$!
  for _ in $(seq 1 100); do
    socket_answers && return
    sleep 0.2
  done
  die "podman API did not answer on $socket within 20 s; see $state_dir/podman-service.log"
}

apt_mirror() {
  local uri
  uri=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n1)
  [ -n "$uri" ] || uri=$(awk '$1 == "deb" && $0 ~ /debian/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null)
  echo "${uri:-http://deb.debian.org/debian}"
}

# The local base image: Debian bookworm minbase with Debian's OpenJDK 17 JRE and the GNU OpenMP runtime
# (libgomp1: LightGBM's native library links it), as a `docker save` tar that
# Jib reads as tar://… (the images tests and the local main job run are built on it; ECR images keep Corretto).
build_base_image() {
  if [ -s "$base_tar" ]; then
    say "base image cached: $base_tar"
    return
  fi
  mkdir -p "$cache_dir"
  if [ "$(engine_kind)" = docker ] && timeout 300 docker pull -q public.ecr.aws/amazoncorretto/amazoncorretto:17 >/dev/null 2>&1; then
    say "base image: Corretto 17 from public ECR"
    docker save -o "$base_tar.part" public.ecr.aws/amazoncorretto/amazoncorretto:17
    mv "$base_tar.part" "$base_tar"
    return
  fi
  command -v debootstrap >/dev/null 2>&1 || install_podman
  local root mirror started
  root=$(mktemp -d "$cache_dir/rootfs.XXXXXX")
  mirror=$(apt_mirror)
  started=$(date +%s)
  say "building the JRE 17 base image with debootstrap from $mirror (once per machine, a few minutes)"
  as_root debootstrap --variant=minbase --include=openjdk-17-jre-headless,libgomp1 bookworm "$root" "$mirror" \
    >"$cache_dir/debootstrap.log" 2>&1 || die "debootstrap failed; see $cache_dir/debootstrap.log"
  # A named user 1000 for the explainer (it runs unprivileged); no caches, docs or man pages in the image.
  echo 'app:x:1000:1000:application:/tmp:/usr/sbin/nologin' | as_root tee -a "$root/etc/passwd" >/dev/null
  echo 'app:x:1000:' | as_root tee -a "$root/etc/group" >/dev/null
  as_root rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc \
    "$root"/usr/share/man "$root"/usr/share/info "$root"/usr/share/locale
  as_root tar --numeric-owner -C "$root" -c . | cli import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' \
    --change 'ENV LANG=C.UTF-8' - "$base_name:$base_tag" >>"$cache_dir/debootstrap.log" 2>&1
  as_root rm -rf "$root"
  rm -f "$base_tar.part"
  (cli save --format docker-archive -o "$base_tar.part" "$base_name:$base_tag" >>"$cache_dir/debootstrap.log" 2>&1)
  mv "$base_tar.part" "$base_tar"
  say "base image built in $(($(date +%s) - started)) s: $base_tar ($(du -m "$base_tar" | cut -f1) MiB)"
}

write_env() {
  local kind=$1
  mkdir -p "$state_dir"
  {
    echo "CREDIT_CONTAINER_ENGINE=$kind"
    if [ "$kind" = podman ]; then
      echo "DOCKER_HOST=unix://$socket"
      # The Ryuk reaper image cannot be pulled here; the tests remove their own containers.
      echo "TESTCONTAINERS_RYUK_DISABLED=true"
    fi
    # Containers are reached through loopback-mapped ports only, never through a bridge address.
    echo "TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1"
    # Testcontainers' start-up checks pull a helper image (alpine), which no registry here serves.
    echo "TESTCONTAINERS_CHECKS_DISABLE=true"
    echo "CREDIT_CONTAINER_BASE=tar://$base_tar"
    echo "CREDIT_CONTAINER_CLI=$(cd "$(dirname "$0")" && pwd)/container-engine.sh"
    # Set only when this `start` started the API service: the caller that started it stops it.
    [ -z "${started_service:-}" ] || echo "CREDIT_CONTAINER_SERVICE_PID=$started_service"
  } >"$state_dir/engine.env.part"
  mv "$state_dir/engine.env.part" "$state_dir/engine.env"
}

# A podman API can answer /_ping and still fail every container start ("write child: broken pipe", seen after
# an earlier run left it in a bad state). Prove it runs one: the base image, `true`, no network.
podman_runs_a_container() {
  # cli execs: a subshell each.
  (cli image inspect "$base_name:$base_tag") >/dev/null 2>&1 || (cli load -i "$base_tar") >/dev/null 2>&1 || return 1
  timeout 60 podman --remote --url "unix://$socket" run --rm --network none "$base_name:$base_tag" true \
    >>"$state_dir/podman-service.log" 2>&1
}

check_podman_runs() {
  podman_runs_a_container && return
  say "the podman API answers but cannot start a container; restarting it (see $state_dir/podman-service.log)"
  pkill -f "podman system service" 2>/dev/null || true
  sleep 1
  rm -f "$socket" "$state_dir/podman-service.pid"
  started_service=
  start_podman_service
  write_env podman
  podman_runs_a_container || die "podman still cannot start a container; see $state_dir/podman-service.log"
}

start() {
  local kind
  if docker_works; then
    kind=docker
    say "using the Docker engine that answers here"
  else
    kind=podman
    install_podman
    configure_podman
    start_podman_service
  fi
  write_env "$kind"
  build_base_image
  [ "$kind" = docker ] || check_podman_runs
  say "ready ($kind); settings in $state_dir/engine.env"
}

stop() {
  local pid_file=$state_dir/podman-service.pid
  if [ -f "$pid_file" ]; then
    local pid
    pid=$(cat "$pid_file")
    if kill -0 "$pid" 2>/dev/null; then
      say "stopping the podman API service this script started (pid $pid)"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$pid_file" "$socket"
  fi
  rm -f "$state_dir/engine.env"
}

# Every build's images are loaded under a new id; without this the engine's storage grows by ~300 MB a run.
prune() {
  local ids
  # By the images' own label, so that untagged older builds go too and nobody else's images are touched.
  ids=$(for title in credit-training credit-explainer; do
    cli images --filter "label=org.opencontainers.image.title=$title" --format '{{.ID}}' 2>/dev/null
  done | sort -u)
  # Base images of an older recipe.
  ids="$ids $(cli images "$base_name" --format '{{.Tag}} {{.ID}}' 2>/dev/null | awk -v t="$base_tag" '$1 != t {print $2}')"
  ids=$(echo $ids)
  if [ -n "$ids" ]; then
    say "removing $(echo "$ids" | wc -w) project image(s) loaded by tests and runs (the current base stays)"
    local id kept=0
    for id in $ids; do
      (cli rmi -f "$id" >/dev/null 2>&1) || kept=$((kept + 1))
    done
    [ "$kept" -eq 0 ] || say "$kept image(s) in use stay"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env) cat "$state_dir/engine.env" 2>/dev/null || die "not started: run scripts/container-engine.sh start" ;;
  cli) shift; cli "$@" ;;
  prune) prune ;;
  *) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
