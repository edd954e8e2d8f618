#!/usr/bin/env bash
# Start-up time of the suite, one process against three (issue #20): the one-process assembly and
# the three services started together (as a host starts them after a reboot), taken in turns so
# both see the same machine, K times each, each watching the fleet's N targets.
# Reports per run the time until /q/health/live answers (the server is up) and until
# /q/health/ready does (configuration valid and every first round done), and the medians.
# Usage: benchmarks/scripts/startup.sh [N=3] [K=5]   (after ./mvnw -q -DskipTests package)
#   JAVA_FLAGS: the flags under test (default benchmarks/jvm-flags.txt, the shipped ones); each
#   process uses its class-data sharing archive as the images do (CDS=0: none).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fleet.sh"
N=${1:-3}
K=${2:-5}
work=$(mktemp -d); chmod 755 "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
JAVA_FLAGS=${JAVA_FLAGS-$(cat "$BENCH_ROOT/benchmarks/jvm-flags.txt")}
fleet_up "$N" 60s
cat "$work/reachability.yaml" "$work/certwatch.yaml" "$work/ddns.yaml" > "$work/one-process.yaml"

stop_all() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; pids=(); }

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

one_live=(); one_ready=(); three_live=(); three_ready=()
for run in $(seq 1 "$K"); do
  rm -rf "$work/ddns-state"; mkdir -p "$work/ddns-state"
  start_service one-process "$work/one-process.yaml"
  one_live+=("$svc_live_ms"); one_ready+=("$svc_ready_ms")
  stop_all

  rm -rf "$work/ddns-state"; mkdir -p "$work/ddns-state"
  # The three at once: each start_service waits for its own readiness, so start them in the
  # background and take the slowest (the suite is ready when the last one is).
  for service in reachability-service cert-watch-service ddns-service; do
    cfg=${service%-service}; cfg=${cfg/cert-watch/certwatch}
    ( start_service "$service" "$work/$cfg.yaml"; echo "$svc_live_ms $svc_ready_ms $svc_pid" > "$work/$service.times"; wait "$svc_pid" ) &
    pids+=($!)
  done
  for service in reachability-service cert-watch-service ddns-service; do
    until [ -s "$work/$service.times" ]; do sleep 0.05; done
  done
  read -r l1 r1 p1 < "$work/reachability-service.times"
  read -r l2 r2 p2 < "$work/cert-watch-service.times"
  read -r l3 r3 p3 < "$work/ddns-service.times"
  kill "$p1" "$p2" "$p3" 2>/dev/null || true
  stop_all
  rm -f "$work"/*.times
  live=$(printf '%s\n' "$l1" "$l2" "$l3" | sort -n | tail -1)
  ready=$(printf '%s\n' "$r1" "$r2" "$r3" | sort -n | tail -1)
  three_live+=("$live"); three_ready+=("$ready")
  echo "run $run: one process live ${one_live[-1]} ms ready ${one_ready[-1]} ms; three processes (slowest) live $live ms ready $ready ms" >&2
done

echo "startup (N=$N targets per service, K=$K runs each, load average $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%-16s %14s %15s\n' "" "median live ms" "median ready ms"
printf '%-16s %14s %15s\n' "one process" "$(printf '%s\n' "${one_live[@]}" | median)" "$(printf '%s\n' "${one_ready[@]}" | median)"
printf '%-16s %14s %15s\n' "three processes" "$(printf '%s\n' "${three_live[@]}" | median)" "$(printf '%s\n' "${three_ready[@]}" | median)"
