#!/usr/bin/env bash
# Builds the three service images and the one-process image (the three in one JVM, the chart's
# `assembly: one-process`) from their Dockerfiles on the same base, starts each one the way the
# chart runs it (UID 1000, read-only root, tmpfs on /tmp, a memory limit), checks it and writes one
# OCI archive per image for `k3s ctr images import` (docs/deploy.md, "Images").
#
#   scripts/images.sh [--base temurin|debian] [--arch amd64|arm64] [--no-smoke] [--no-archive]
#                     [--base-only]
#
#   --base temurin  FROM eclipse-temurin:17-jre (the published default; pulled from Docker Hub)
#   --base debian   FROM a JRE image this script makes from Debian packages (debootstrap minbase
#                   bookworm + openjdk-17-jre-headless), cached: what CI builds on (no registry)
#   --arch arm64    builds for a Raspberry Pi under qemu-user-static (apt-get install
#                   qemu-user-static binfmt-support); slow, never run in CI
#   --base-only     makes (or finds) the base image, prints its name and stops
#
# Needs: root (rootful podman; the checks read the container's JVM in /proc), podman, skopeo (and
# debootstrap for --base debian), the Quarkus apps (`./mvnw -B package -DskipTests` writes
# <service>/target/quarkus-app and one-process/target/quarkus-app). Writes:
#   target/images/<service>-<version>-<arch>.oci.tar   the archives
#   target/images/report.tsv                           one line per image: what the smoke run saw
# An image is tagged by a hash of its inputs (base image, Dockerfile, Quarkus app): a second run with
# the same inputs reuses it instead of building again.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

BASE=temurin
ARCH=$(uname -m | sed -e 's/x86_64/amd64/' -e 's/aarch64/arm64/')
SMOKE=1
ARCHIVE=1
BASE_ONLY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --base) BASE=$2; shift 2 ;;
    --arch) ARCH=$2; shift 2 ;;
    --no-smoke) SMOKE=0; shift ;;
    --no-archive) ARCHIVE=0; shift ;;
    --base-only) BASE_ONLY=1; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "images.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
case "$BASE" in temurin|debian) ;; *) echo "images.sh: --base temurin|debian" >&2; exit 2 ;; esac
case "$ARCH" in amd64|arm64) ;; *) echo "images.sh: --arch amd64|arm64" >&2; exit 2 ;; esac

# The one process shares the base layer with the three: only its application layers are new.
SERVICES="reachability-service cert-watch-service ddns-service one-process"
VERSION=$(sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' k8s/ha-remote-access/Chart.yaml)
OUT=$ROOT/target/images
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/ha-remote-access
mkdir -p "$OUT" "$CACHE"

# Debian's podman 4.3 in a container or a CI runner: runc with cgroupfs, events to a file, and
# ulimits the JVM accepts. A CONTAINERS_CONF already set wins.
if [ -z "${CONTAINERS_CONF:-}" ]; then
  cat > "$OUT/containers.conf" <<'EOF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
  export CONTAINERS_CONF=$OUT/containers.conf
fi

for tool in podman skopeo; do
  command -v "$tool" >/dev/null || { echo "images.sh: $tool not found (apt-get install $tool)" >&2; exit 3; }
done

log() { printf '%s images.sh: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# The Debian JRE base: made once per recipe and architecture, kept in podman's store and as a tarball
# under ~/.cache (podman's store may be wiped; debootstrap takes minutes and the Debian mirror).
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
# The recipe names the base's tag: change it with the debootstrap line or the clean-up below.
DEBIAN_RECIPE="2: debootstrap --variant=minbase --arch=$ARCH --include=openjdk-17-jre-headless bookworm ROOTFS $DEBIAN_MIRROR"
debian_base() {
  local hash tag tarball rootfs
  hash=$(printf '%s\n' "$DEBIAN_RECIPE" | sha256sum | cut -c1-12)
  tag=localhost/ha-remote-access/debian-jre:bookworm-$ARCH-$hash
  tarball=$CACHE/debian-jre-bookworm-$ARCH-$hash.tar
  if podman image exists "$tag"; then echo "$tag"; return; fi
  if [ ! -s "$tarball" ]; then
    command -v debootstrap >/dev/null || { echo "images.sh: debootstrap not found" >&2; exit 3; }
    rootfs=$(mktemp -d "$OUT/rootfs.XXXXXX")
    log "making the Debian JRE base ($DEBIAN_RECIPE)"
    debootstrap --variant=minbase --arch="$ARCH" --include=openjdk-17-jre-headless bookworm "$rootfs" \
      "$DEBIAN_MIRROR" >"$OUT/debootstrap.log" 2>&1 || {
      tail -20 "$OUT/debootstrap.log" >&2; rm -rf "$rootfs"; exit 4; }
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc \
      "$rootfs"/usr/share/man "$rootfs"/usr/share/locale "$rootfs"/tmp/* "$rootfs"/var/log/*.log
    tar -C "$rootfs" --numeric-owner -cf "$tarball.part" . && mv "$tarball.part" "$tarball"
    rm -rf "$rootfs"
  fi
  podman import -q --arch "$ARCH" --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-'"$ARCH" \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["/bin/sh"]' "$tarball" "$tag" >/dev/null
  echo "$tag"
}

if [ "$BASE" = debian ]; then
  BASE_IMAGE=$(debian_base)
else
  BASE_IMAGE=docker.io/library/eclipse-temurin:17-jre
  # Pulled for the architecture asked for (a stored image may be another architecture's).
  if ! podman image exists "$BASE_IMAGE" || [ "$(podman image inspect -f '{{.Architecture}}' "$BASE_IMAGE")" != "$ARCH" ]; then
    podman pull -q --arch "$ARCH" "$BASE_IMAGE" >/dev/null
  fi
fi
BASE_ID=$(podman image inspect --format '{{.Id}}' "$BASE_IMAGE")
if [ "$BASE_ONLY" = 1 ]; then echo "$BASE_IMAGE"; exit 0; fi
for svc in $SERVICES; do
  [ -f "$svc/target/quarkus-app/quarkus-run.jar" ] || {
    echo "images.sh: $svc/target/quarkus-app missing: run ./mvnw -B package -DskipTests first" >&2; exit 3; }
done

# What an image is made of: a change to any of these builds it again.
content_hash() {
  local svc=$1
  {
    echo "$BASE_ID $ARCH"
    sha256sum "$svc/src/main/docker/Dockerfile.jvm"
    (cd "$svc/target/quarkus-app" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
  } | sha256sum | cut -c1-16
}

build() {
  local svc=$1 hash=$2 content=localhost/ha-remote-access/$1:content-$2
  if podman image exists "$content"; then
    log "$svc: inputs unchanged, reusing $content"
  else
    log "$svc: building on $BASE_IMAGE ($ARCH)"
    podman build -q --arch "$ARCH" --build-arg BASE_IMAGE="$BASE_IMAGE" \
      -f "$svc/src/main/docker/Dockerfile.jvm" -t "$content" "$svc" >"$OUT/$svc.build.log" 2>&1 || {
      tail -30 "$OUT/$svc.build.log" >&2; exit 5; }
  fi
  # Both names: localhost/ for podman, docker.io/ as the chart's values name it (what k3s and
  # `podman kube play` look up).
  podman tag "$content" "localhost/ha-remote-access/$svc:$VERSION" "docker.io/ha-remote-access/$svc:$VERSION"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Starts the image as the chart runs it and prints one report line; returns 1 when a check fails.
smoke() {
  local svc=$1 image=localhost/ha-remote-access/$1:$VERSION port name started ready=no ms pid
  local uid=? readonly=? cds=? rss_kib=? size failures=""
  port=$(free_port)
  name=har-smoke-$svc-$$
  started=$(date +%s%N)
  podman run -d --name "$name" --network host --user 1000:1000 --read-only \
    --tmpfs /tmp:rw,size=64m,mode=1777 --memory 256m --cap-drop ALL --security-opt no-new-privileges \
    -e QUARKUS_HTTP_HOST=127.0.0.1 -e QUARKUS_HTTP_PORT="$port" -e DDNS_STATE_DIR=/tmp/ddns-state \
    "$image" >/dev/null
  for _ in $(seq 1 240); do
    if curl -fs -o /dev/null -m 2 "http://127.0.0.1:$port/q/health/ready"; then ready=yes; break; fi
    [ "$(podman inspect -f '{{.State.Running}}' "$name")" = true ] || break
    sleep 0.25
  done
  ms=$(( ($(date +%s%N) - started) / 1000000 ))
  if [ "$ready" = yes ]; then
    pid=$(podman inspect -f '{{.State.Pid}}' "$name")
    uid=$(awk '/^Uid:/ {print $2}' "/proc/$pid/status")
    rss_kib=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
    if podman exec "$name" sh -c 'touch /deployments/probe' 2>/dev/null; then readonly=no; else readonly=yes; fi
    if podman exec "$name" test -f /deployments/app.jsa; then
      if grep -q '/deployments/app.jsa' "/proc/$pid/maps"; then cds=mapped; else cds=unmapped; fi
    else
      cds=none
    fi
  else
    podman logs "$name" 2>&1 | tail -20 >&2
    failures="not ready"
  fi
  podman rm -f "$name" >/dev/null
  size=$(podman image inspect -f '{{.Size}}' "$image")
  [ "$uid" = 1000 ] || failures="$failures uid=$uid"
  [ "$readonly" = yes ] || failures="$failures root-writable"
  [ "$cds" != unmapped ] || failures="$failures cds-unmapped"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$svc" "$ready" "$uid" "$readonly" "$cds" \
    "$((rss_kib / 1024))" "$((size / 1000000))" "$ms" "${failures:-ok}" >> "$OUT/report.tsv"
  [ -z "$failures" ]
}

archive() {
  local svc=$1 file=$OUT/$1-$VERSION-$ARCH.oci.tar
  rm -f "$file"
  # The name inside the archive is the one the chart's values name (docker.io/ha-remote-access/...,
  # as containerd normalises a bare name), so k3s finds the imported image without a registry.
  # gzip level 1: a third of the default's time for a few percent more bytes.
  skopeo copy -q --dest-compress-level 1 "containers-storage:localhost/ha-remote-access/$svc:$VERSION" \
    "oci-archive:$file:docker.io/ha-remote-access/$svc:$VERSION"
  log "$svc: wrote $file ($(( $(stat -c %s "$file") / 1000000 )) MB)"
}

# Builds side by side (each is mostly one JVM run and layer copies), smoke runs one at a time (the
# start time and RSS are measured), archives side by side again.
wait_all() {
  local failed=0 pid
  for pid in "$@"; do wait "$pid" || failed=1; done
  return $failed
}
pids=()
for svc in $SERVICES; do build "$svc" "$(content_hash "$svc")" & pids+=($!); done
wait_all "${pids[@]}" || { echo "images.sh: a build failed" >&2; exit 5; }
printf 'service\tready\tuid\tread_only_root\tcds\trss_mib\timage_mb\tready_ms\tresult\n' > "$OUT/report.tsv"
status=0
if [ "$SMOKE" = 1 ]; then
  for svc in $SERVICES; do smoke "$svc" || status=1; done
fi
if [ "$ARCHIVE" = 1 ]; then
  pids=()
  for svc in $SERVICES; do archive "$svc" & pids+=($!); done
  wait_all "${pids[@]}" || { echo "images.sh: writing an archive failed" >&2; exit 6; }
fi
if [ "$SMOKE" = 1 ]; then column -t -s "$(printf '\t')" "$OUT/report.tsv"; fi
exit $status
