#!/usr/bin/env bash
# Figure 3: steady-state RSS of each service watching N (default 100) targets on loopback, with the
# JVM flags of benchmarks/jvm-flags.txt (or $JAVA_FLAGS), vs blackbox_exporter doing the same probes
# (N HTTPS probes with per-name SNI, every interval), and the floor: the same Quarkus stack without
# the services' code (benchmarks/quarkus-floor). Also startup: JVM start to /q/health/live and
# to /q/health/ready (ready = config valid and the first full round of N checks done).
# Usage: benchmarks/scripts/memory.sh [N] [steady-seconds=30]   (after ./mvnw -q -DskipTests package)
#   Each service maps a class-data sharing archive made by a training run first, as the images do
#   (src/main/docker/Dockerfile.jvm); CDS=0 runs without one.
#   NMT=1 also writes each service's native memory summary (jcmd VM.native_memory) to
#   results/memory-nmt-<service>.txt; NMT itself adds ~4 MiB of RSS, so compare runs with the same NMT.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fleet.sh"
N=${1:-100}
STEADY=${2:-30}
INTERVAL=${INTERVAL:-10s}
work=$(mktemp -d); chmod 755 "$work"   # nginx workers (nobody) read files here
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
JAVA_FLAGS=${JAVA_FLAGS-$(cat "$BENCH_ROOT/benchmarks/jvm-flags.txt" 2>/dev/null || echo "")}
TAG=${TAG:-}
[ "${NMT:-0}" = 1 ] && JAVA_FLAGS="$JAVA_FLAGS -XX:NativeMemoryTracking=summary"
fleet_up "$N" "$INTERVAL"

out="$RESULTS_DIR/memory${TAG:+-$TAG}.txt"
{
  echo "date: $(date -u +%FT%TZ)"
  echo "machine: $(machine_line)"
  echo "targets per service: $N, interval $INTERVAL, RSS sampled every second for ${STEADY}s after ready"
  echo "JVM flags: ${JAVA_FLAGS:-none (JVM defaults)}"
  echo "class-data sharing archive of start-up (as the images): $([ "${CDS:-1}" = 1 ] && echo yes || echo no)"
  echo "columns: process, live ms, ready ms, Quarkus 'started in' s, RSS KiB median, RSS KiB max, threads, anonymous KiB at the end (the rest of RSS is file pages: libjvm, the CDS archive)"
} > "$out"

sample_rss() { # PID SECONDS -> "median max"
  local pid=$1 s=$2 samples=()
  for _ in $(seq 1 "$s"); do samples+=("$(rss_kib "$pid")"); sleep 1; done
  printf '%s\n' "${samples[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)], a[NR]}'
}

for pair in cert-watch-service:certwatch reachability-service:reachability ddns-service:ddns; do
  service=${pair%%:*}; cfg=${pair##*:}
  start_service "$service" "$work/$cfg.yaml"
  read -r med mx < <(sample_rss "$svc_pid" "$STEADY")
  threads=$(awk '/^Threads:/ {print $2}' "/proc/$svc_pid/status")
  anon=$(anon_kib "$svc_pid")
  [ "${NMT:-0}" = 1 ] && jcmd "$svc_pid" VM.native_memory summary > "$RESULTS_DIR/memory-nmt-$service.txt"
  # The round really ran: the status lists N results.
  count=$(curl -fsS "http://127.0.0.1:$svc_port/api/v1/status" | python3 -c "
import json,sys; d=json.load(sys.stdin)
print(len(d.get('certificates') or d.get('targets') or d.get('records') or []))")
  echo "$service $svc_live_ms $svc_ready_ms $svc_started_s $med $mx $threads $anon (status entries: $count)" | tee -a "$out"
  kill "$svc_pid"; wait "$svc_pid" 2>/dev/null || true
done

# The floor: the services' Quarkus stack with none of their code (benchmarks/quarkus-floor: the same
# five extensions and thread settings, one scheduled job, one JSON endpoint), same flags, no targets.
echo "floor: {}" > "$work/floor.yaml"
start_service benchmarks/quarkus-floor "$work/floor.yaml"
for _ in 1 2 3; do curl -fsS -o /dev/null "http://127.0.0.1:$svc_port/api/v1/status"; curl -fsS -o /dev/null "http://127.0.0.1:$svc_port/q/metrics"; done
read -r med mx < <(sample_rss "$svc_pid" "$STEADY")
echo "quarkus-floor $svc_live_ms $svc_ready_ms $svc_started_s $med $mx $(awk '/^Threads:/ {print $2}' "/proc/$svc_pid/status") $(anon_kib "$svc_pid") (no targets)" | tee -a "$out"
kill "$svc_pid"; wait "$svc_pid" 2>/dev/null || true

# Below the floor: the JVM alone with the same flags (a main that sleeps).
# shellcheck disable=SC2086
java $JAVA_FLAGS -cp "$BENCH_ROOT/benchmarks/target/classes" dev.haremote.benchmarks.IdleJvm &
idle_pid=$!; pids+=($idle_pid)
sleep 2
read -r med mx < <(sample_rss "$idle_pid" 5)
echo "idle-jvm - - - $med $mx $(awk '/^Threads:/ {print $2}' "/proc/$idle_pid/status") $(anon_kib "$idle_pid") (a main that sleeps)" | tee -a "$out"
kill "$idle_pid"; wait "$idle_pid" 2>/dev/null || true

# blackbox_exporter: the same N HTTPS probes every interval, 8 at a time, as Prometheus would.
blackbox_up "$N" "$INTERVAL"
read -r med mx < <(sample_rss "$bb_pid" "$STEADY")
echo "blackbox_exporter - - - $med $mx $(awk '/^Threads:/ {print $2}' "/proc/$bb_pid/status") $(anon_kib "$bb_pid")" | tee -a "$out"
kill "$bb_driver" 2>/dev/null || true
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out"
