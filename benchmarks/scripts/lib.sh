#!/usr/bin/env bash
# Shared helpers for the benchmark scripts. Everything binds to 127.0.0.1 on ports the OS picks.
set -euo pipefail

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RESULTS_DIR="$BENCH_ROOT/benchmarks/results"
mkdir -p "$RESULTS_DIR"

# A port the OS considers free right now (small race; fine for benchmarks, never used by tests).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# make_ca DIR: an ECDSA P-256 CA in DIR/ca.pem, DIR/ca.key
make_ca() {
  local dir=$1
  openssl ecparam -name prime256v1 -genkey -noout -out "$dir/ca.key" 2>/dev/null
  openssl req -x509 -new -key "$dir/ca.key" -sha256 -days 30 -subj "/CN=bench CA" -out "$dir/ca.pem" 2>/dev/null
}

# make_leaf DIR NAME: DIR/NAME.pem (leaf) and DIR/NAME.key, signed by DIR/ca.*
make_leaf() {
  local dir=$1 name=$2
  openssl ecparam -name prime256v1 -genkey -noout -out "$dir/$name.key" 2>/dev/null
  openssl req -new -key "$dir/$name.key" -subj "/CN=$name" -out "$dir/$name.csr" 2>/dev/null
  printf 'subjectAltName=DNS:%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' "$name" > "$dir/$name.ext"
  openssl x509 -req -in "$dir/$name.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial \
    -days 20 -sha256 -extfile "$dir/$name.ext" -out "$dir/$name.pem" 2>/dev/null
  rm -f "$dir/$name.csr" "$dir/$name.ext"
}

# wait_port PORT: until something accepts on 127.0.0.1:PORT (10 s at most)
wait_port() {
  local port=$1
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "nothing listens on $port" >&2
  return 1
}

# rss_kib PID: resident set size in KiB
rss_kib() {
  awk '/^VmRSS:/ {print $2}' "/proc/$1/status"
}

# anon_kib PID: private anonymous memory in KiB (heap, metaspace, code, malloc; no file pages)
anon_kib() {
  awk '/^Anonymous:/ {print $2}' "/proc/$1/smaps_rollup"
}

machine_line() {
  echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(java -version 2>&1 | head -1)"
}

# start_blackbox CONFIG [COMMAND PREFIX...]: blackbox_exporter with CONFIG on a port of the OS's
# choice (e.g. `start_blackbox "$work/bb.yml" taskset -c 1`) -> sets bb_pid, bb_port
start_blackbox() {
  local config=$1
  shift
  bb_port=$(free_port)
  "$@" prometheus-blackbox-exporter --config.file "$config" --web.listen-address "127.0.0.1:$bb_port" --log.level=warn &
  bb_pid=$!
  pids+=($bb_pid)
  wait_port "$bb_port"
}
