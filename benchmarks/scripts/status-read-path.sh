#!/usr/bin/env bash
# Figure 4: the Home Assistant read path. wrk on a service's GET /api/v1/status vs nginx serving the
# very same JSON as a static file. The service watches N (default 100) loopback targets, so its
# status is realistic, plus one tarpit endpoint (accepts, never answers) that makes every check
# last the endpoint timeout: the second wrk run happens entirely while a POST /api/v1/check is
# running, and shows that the read path never waits on a probe. Server pinned to CPU 1, wrk on CPU 0.
# Usage: benchmarks/scripts/status-read-path.sh [seconds] [N]   (after ./mvnw -q -DskipTests package)
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fleet.sh"
SECONDS_PER_RUN=${1:-10}
N=${2:-100}
CHECK_TIMEOUT=$((SECONDS_PER_RUN + 5))
work=$(mktemp -d); chmod 755 "$work"   # nginx workers (nobody) read files here
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
JAVA_FLAGS=${JAVA_FLAGS-$(cat "$BENCH_ROOT/benchmarks/jvm-flags.txt" 2>/dev/null || echo "")}
fleet_up "$N" 1h

tarpit_port=$(free_port)
python3 -c "
import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', $tarpit_port)); s.listen(64); held = []
while True: held.append(s.accept())" &
pids+=($!)
wait_port "$tarpit_port"
# endpoints: is the last key of certwatch.yaml; timeouts goes before it.
python3 - "$work/certwatch.yaml" "$CHECK_TIMEOUT" "$tarpit_port" <<'PY'
import sys
p, t, port = sys.argv[1], sys.argv[2], sys.argv[3]
s = open(p).read().replace("  endpoints:\n", "  timeouts: { endpoint: %ss }\n  endpoints:\n" % t, 1)
s += "    - { id: tarpit, host: tarpit.bench.test, port: %s, address: 127.0.0.1 }\n" % port
open(p, "w").write(s)
PY
SERVICE=cert-watch-service
start_service "$SERVICE" "$work/certwatch.yaml"
taskset -pc 1 "$svc_pid" >/dev/null
curl -fsS "http://127.0.0.1:$svc_port/api/v1/status" > "$work/status.json"

static_port=$(free_port)
mkdir -p "$work/static/tmp" "$work/www/api/v1"
cp "$work/status.json" "$work/www/api/v1/status"
cat > "$work/static/nginx.conf" <<NGINX
worker_processes 1;
error_log $work/static/error.log warn;
pid $work/static/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/static/tmp; proxy_temp_path $work/static/tmp; fastcgi_temp_path $work/static/tmp;
  uwsgi_temp_path $work/static/tmp; scgi_temp_path $work/static/tmp;
  server {
    listen 127.0.0.1:$static_port;
    root $work/www;
    location / { default_type application/json; }
  }
}
NGINX
taskset -c 1 nginx -p "$work/static" -c "$work/static/nginx.conf" -g 'daemon off;' &
pids+=($!)
wait_port "$static_port"

url="http://127.0.0.1:$svc_port/api/v1/status"
run_wrk() { taskset -c 0 wrk -t1 -c16 -d"${SECONDS_PER_RUN}s" --latency "$1"; }
taskset -c 0 wrk -t1 -c16 -d5s "$url" >/dev/null
ours=$(run_wrk "$url")
theirs=$(run_wrk "http://127.0.0.1:$static_port/api/v1/status")

# The same read path while a full check runs (it lasts the tarpit's endpoint timeout).
check_start=$(date +%s.%N)
( curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $SUITE_API_TOKEN" "http://127.0.0.1:$svc_port/api/v1/check"
  date +%s.%N > "$work/check-end" ) &
pids+=($!)
sleep 0.5
during=$(run_wrk "$url")
wrk_end=$(date +%s.%N)
for _ in $(seq 1 200); do [ -s "$work/check-end" ] && break; sleep 0.1; done
check_s=$(python3 -c "print('%.1f' % ($(cat "$work/check-end" 2>/dev/null || echo 0)-$check_start))")
overlap=$(python3 -c "print('yes' if $(cat "$work/check-end" 2>/dev/null || echo 0) >= $wrk_end else 'NO')")

rate() { echo "$1" | awk '/Requests\/sec/ {print $2}'; }
p99() { echo "$1" | awk '$1=="99%" {print $2}'; }
errors() { echo "$1" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' '; }
{
  echo "date: $(date -u +%FT%TZ)"
  echo "machine: $(machine_line)"
  echo "service: $SERVICE watching $N endpoints + 1 tarpit, status body $(wc -c < "$work/status.json") bytes, JVM flags: ${JAVA_FLAGS:-none}"
  echo "ours requests/s: $(rate "$ours")  p99: $(p99 "$ours") $(errors "$ours")"
  echo "nginx static requests/s: $(rate "$theirs")  p99: $(p99 "$theirs") $(errors "$theirs")"
  echo "ours during a running check requests/s: $(rate "$during")  p99: $(p99 "$during") $(errors "$during")"
  echo "the check took ${check_s}s; wrk ran entirely inside it: $overlap"
  echo "service RSS KiB after run: $(rss_kib "$svc_pid")"
  python3 -c "print('ratio ours/nginx requests/s: %.2f' % ($(rate "$ours")/$(rate "$theirs")))"
  echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$RESULTS_DIR/status-read-path.txt"
