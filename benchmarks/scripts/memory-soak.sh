#!/usr/bin/env bash
# Figure 3 over time: the three services side by side, each watching N targets for D seconds, read
# as they are at home: Prometheus scrapes /q/metrics every 15 s, Home Assistant reads
# /api/v1/status every 30 s (its rest default). memory.sh samples the first half-minute after
# ready; this one lasts long enough for the old generation to fill and be collected, so what it
# reports at the end is the steady state the chart's memory limits must hold.
# Usage: benchmarks/scripts/memory-soak.sh [N=100] [seconds=900]   (after ./mvnw -q -DskipTests package)
#   JAVA_FLAGS: the flags under test ("base"; default benchmarks/jvm-flags.txt, the shipped ones).
#   VARIANT_FLAGS: if set, every service runs a second time with these flags, side by side, so
#     both see the same machine at the same time.
#   NMT=1: native memory tracking; a baseline once all are ready and, at the end, what changed
#     since (jcmd VM.native_memory summary.diff) in results/memory-soak-nmt-<service>.txt. NMT
#     itself adds ~4 MiB of RSS: compare its RSS only with other NMT runs.
#   ONE_PROCESS=1 (default): the one-process assembly (module one-process) runs beside them with
#     the same three configurations in one file, read the same way under its mounts.
#   blackbox_exporter does the same N probes every interval beside them (the peer).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fleet.sh"
N=${1:-100}
DURATION=${2:-900}
INTERVAL=${INTERVAL:-10s}
SAMPLE_EVERY=5
work=$(mktemp -d); chmod 755 "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
JAVA_FLAGS=${JAVA_FLAGS-$(cat "$BENCH_ROOT/benchmarks/jvm-flags.txt")}
TAG=${TAG:-}
NMT_FLAG=""
[ "${NMT:-0}" = 1 ] && NMT_FLAG="-XX:NativeMemoryTracking=summary"
fleet_up "$N" "$INTERVAL"

# name|pid|port of every process under watch
watched=()
start_set() { # LABEL FLAGS
  local label=$1 pair service cfg
  for pair in cert-watch-service:certwatch reachability-service:reachability ddns-service:ddns; do
    service=${pair%%:*}; cfg=${pair##*:}
    # Each copy of ddns-service keeps its own state.
    sed "s#ddns-state#ddns-state-$label#" "$work/$cfg.yaml" > "$work/$cfg-$label.yaml"
    mkdir -p "$work/ddns-state-$label"
    JAVA_FLAGS="$2 $NMT_FLAG" start_service "$service" "$work/$cfg-$label.yaml"
    watched+=("$service${label:+ ($label)}|$svc_pid|$svc_port")
  done
}
start_set base "$JAVA_FLAGS"
if [ -n "${VARIANT_FLAGS:-}" ]; then
  # The variant needs its own class-data sharing archives: one archive fits one set of heap flags.
  mkdir -p "$work/base-jsa"; mv "$work"/*.jsa "$work/base-jsa/" 2>/dev/null || true
  start_set variant "$VARIANT_FLAGS"
fi

# The one-process assembly: the same three sections in one file, its own ddns state.
one_process_port=""
if [ "${ONE_PROCESS:-1}" = 1 ]; then
  mkdir -p "$work/ddns-state-one"
  cat "$work/reachability.yaml" "$work/certwatch.yaml" "$work/ddns.yaml" \
    | sed "s#ddns-state#ddns-state-one#" > "$work/one-process.yaml"
  JAVA_FLAGS="$JAVA_FLAGS $NMT_FLAG" start_service one-process "$work/one-process.yaml"
  watched+=("one-process|$svc_pid|$svc_port")
  one_process_port=$svc_port
fi

blackbox_up "$N" "$INTERVAL"
watched+=("blackbox_exporter|$bb_pid|$bb_port")

# The readers: Prometheus every 15 s, Home Assistant every 30 s (each service's status; the one
# process serves the three under their mounts).
metrics_urls=(); status_urls=()
for w in "${watched[@]}"; do
  [[ $w == blackbox* ]] && continue
  port=${w##*|}
  metrics_urls+=("http://127.0.0.1:$port/q/metrics")
  if [ "$port" = "$one_process_port" ]; then
    for mount in reachability-service cert-watch-service ddns-service; do
      status_urls+=("http://127.0.0.1:$port/$mount/api/v1/status")
    done
  else
    status_urls+=("http://127.0.0.1:$port/api/v1/status")
  fi
done
( while :; do
    for u in "${metrics_urls[@]}"; do curl -s -o /dev/null -H 'Accept: text/plain' "$u"; done
    sleep 15
  done ) &
pids+=($!)
( while :; do
    for u in "${status_urls[@]}"; do curl -s -o /dev/null "$u"; done
    sleep 30
  done ) &
pids+=($!)

jvm_pids() { for w in "${watched[@]}"; do [[ $w == blackbox* ]] || { IFS='|' read -r _ pid _ <<< "$w"; echo "$pid"; }; done; }
if [ -n "$NMT_FLAG" ]; then
  for pid in $(jvm_pids); do jcmd "$pid" VM.native_memory baseline > /dev/null; done
fi

# RSS of every watched process, every SAMPLE_EVERY seconds, one line per sample.
samples="$work/samples.txt"
t0=$(date +%s)
while [ $(($(date +%s) - t0)) -lt "$DURATION" ]; do
  line="$(($(date +%s) - t0))"
  for w in "${watched[@]}"; do
    IFS='|' read -r _ pid _ <<< "$w"
    line="$line $(rss_kib "$pid")"
  done
  echo "$line" >> "$samples"
  sleep "$SAMPLE_EVERY"
done

out="$RESULTS_DIR/memory-soak${TAG:+-$TAG}.txt"
{
  echo "date: $(date -u +%FT%TZ)"
  echo "machine: $(machine_line)"
  echo "targets per service: $N, interval $INTERVAL, ${DURATION}s; /q/metrics read every 15 s, /api/v1/status every 30 s"
  echo "JVM flags (base): $JAVA_FLAGS"
  [ -n "${VARIANT_FLAGS:-}" ] && echo "JVM flags (variant): $VARIANT_FLAGS"
  echo "columns: process, RSS MiB after 60 s, after 300 s, at the end, median of the last third, max; heap committed at the end"
} > "$out"
col=2
for w in "${watched[@]}"; do
  IFS='|' read -r name pid _ <<< "$w"
  heap="-"
  if [ -n "$NMT_FLAG" ] && [[ $name != blackbox* ]]; then
    jcmd "$pid" VM.native_memory summary.diff > "$RESULTS_DIR/memory-soak-nmt${TAG:+-$TAG}-${name%% *}.txt"
  fi
  [[ $name == blackbox* ]] || heap=$(jcmd "$pid" GC.heap_info 2>/dev/null | awk '/total/ {for (i=1;i<=NF;i++) if ($i=="total") {s+=$(i+1)}} END {printf "%.1f MiB", s/1024}')
  python3 - "$samples" "$col" "$DURATION" "$name" "$heap" <<'PY' | tee -a "$out"
import statistics, sys
path, col, duration, name, heap = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
rows = [line.split() for line in open(path)]
t = [int(r[0]) for r in rows]
v = [int(r[col - 1]) / 1024 for r in rows]
def at(sec):
    return next((f"{x:.1f}" for s, x in zip(t, v) if s >= sec), "-")
last = [x for s, x in zip(t, v) if s >= duration * 2 / 3] or v
print(f"{name} {at(60)} {at(300)} {v[-1]:.1f} {statistics.median(last):.1f} {max(v):.1f}; heap {heap}")
PY
  col=$((col + 1))
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out"
