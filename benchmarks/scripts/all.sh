#!/usr/bin/env bash
# Reruns every figure of docs/benchmarks.md and writes benchmarks/results/*.txt. Each figure takes
# under ~3 minutes on an idle 2-core machine, but for the 10-minute memory soak. Run it on an otherwise quiet machine.
# Usage: benchmarks/scripts/all.sh          (QUICK=1: small sizes and short runs, to check the scripts)
set -euo pipefail
cd "$(dirname "$0")/../.."
S=benchmarks/scripts
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -B -q -DskipTests package
fi
run() { echo "== $* ($(date -u +%T))"; "$@"; }
if [ "${QUICK:-0}" = 1 ]; then
  run $S/probe-throughput.sh 5
  ROUNDS=1 run $S/cert-sweep.sh 10 100
  run $S/memory.sh 20 10
  run $S/memory-soak.sh 5 60
  run $S/status-read-path.sh 5 20
  run $S/detection-latency.sh 3
else
  run $S/probe-throughput.sh 20
  run $S/cert-sweep.sh 10 100 1000
  run $S/memory.sh 100 30
  TAG=100-shipped run $S/memory-soak.sh 100 600
  JAVA_FLAGS="" CDS=0 TAG=jvm-defaults run $S/memory.sh 100 20
  run $S/status-read-path.sh 15 100
  run $S/detection-latency.sh 5
fi
echo "results in benchmarks/results/"
