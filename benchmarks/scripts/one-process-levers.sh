#!/usr/bin/env bash
# The one-process assembly under levers (figure 6): the one process alone at N targets, read like the soak, for D seconds; then NMT summary,
# classes, threads, smaps rollup. VARIANTS_FILE (or stdin): lines "label|extra JVM flags|quarkus-run.jar (empty: this build)", run side by side.
# Words of the flags that look like NAME=value (MALLOC_ARENA_MAX=2) are set in the JVM's environment instead.
cd "$(dirname "$0")/../.."
source benchmarks/scripts/lib.sh
source benchmarks/scripts/fleet.sh
N=${1:-3}; DURATION=${2:-300}; INTERVAL=${INTERVAL:-10s}
work=$(mktemp -d); chmod 755 "$work"; pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
BASE=$(cat benchmarks/jvm-flags.txt)
fleet_up "$N" "$INTERVAL"
out=benchmarks/results/one-process-levers-$(date +%H%M)
mkdir -p $out
declare -a labels ports procs
while IFS='|' read -r label flags jar; do
  [ -z "$label" ] && continue
  mkdir -p "$work/ddns-state-$label"
  cat "$work/reachability.yaml" "$work/certwatch.yaml" "$work/ddns.yaml" | sed "s#ddns-state#ddns-state-$label#" > "$work/one-$label.yaml"
  rm -f "$work/one-process.jsa"
  if [ -n "$jar" ]; then service_jar() { echo "$jar"; }; else service_jar() { echo "$BENCH_ROOT/$1/target/quarkus-app/quarkus-run.jar"; }; fi
  env_words=(); jvm_words=()
  for w in $flags; do if [[ $w =~ ^[A-Z_][A-Z0-9_]*= ]]; then env_words+=("$w"); else jvm_words+=("$w"); fi; done
  JAVA_ENV="${env_words[*]}" JAVA_FLAGS="$BASE -XX:NativeMemoryTracking=summary ${jvm_words[*]}" start_service one-process "$work/one-$label.yaml"
  mv "$work/one-process.jsa" "$work/one-process-$label.jsa" 2>/dev/null
  labels+=("$label"); ports+=("$svc_port"); procs+=("$svc_pid")
  echo "$label pid $svc_pid port $svc_port ready ${svc_ready_ms}ms"
done < "${VARIANTS_FILE:-/dev/stdin}"
t0=$(date +%s)
while [ $(($(date +%s) - t0)) -lt "$DURATION" ]; do
  for p in "${ports[@]}"; do
    curl -s -o /dev/null -H 'Accept: text/plain' "http://127.0.0.1:$p/q/metrics"
    for m in reachability-service cert-watch-service ddns-service; do curl -s -o /dev/null "http://127.0.0.1:$p/$m/api/v1/status"; done
  done
  sleep 15
done
for i in "${!labels[@]}"; do
  pid=${procs[$i]}; l=${labels[$i]}
  { echo "== $l rss $(rss_kib $pid) KiB threads $(ls /proc/$pid/task | wc -l)"
    jcmd $pid VM.native_memory summary
    jcmd $pid GC.class_histogram | head -30
    grep -E 'Rss|Anonymous|Shared|Private' /proc/$pid/smaps_rollup; } > $out/$l.txt
  echo "$l rss $(( $(rss_kib $pid) / 1024 )) MiB threads $(ls /proc/$pid/task | wc -l)"
done
