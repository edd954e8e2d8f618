#!/usr/bin/env bash
# Figure 4: the Home Assistant read path. wrk on a service's GET /api/v1/status vs nginx serving the
# very same JSON as a static file. Server under test pinned to CPU 1, wrk on CPU 0.
# Usage: benchmarks/scripts/status-read-path.sh [service] [seconds]   (after ./mvnw -q -DskipTests package)
source "$(dirname "$0")/lib.sh"
SERVICE=${1:-cert-watch-service}
SECONDS_PER_RUN=${2:-15}
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

# The service with the demo-home-free default config (nothing configured) plus the JVM flags the chart ships.
svc_port=$(free_port)
JAVA_FLAGS=${JAVA_FLAGS:-$(cat "$BENCH_ROOT/benchmarks/jvm-flags.txt" 2>/dev/null || echo "")}
# shellcheck disable=SC2086
taskset -c 1 java $JAVA_FLAGS -Dquarkus.http.port="$svc_port" -Dquarkus.http.host=127.0.0.1 \
  ${SERVICE_CONFIG:+-Dquarkus.config.locations=$SERVICE_CONFIG} \
  -jar "$BENCH_ROOT/$SERVICE/target/quarkus-app/quarkus-run.jar" > "$work/service.log" 2>&1 &
svc_pid=$!
pids+=($svc_pid)
for _ in $(seq 1 300); do curl -fsS "http://127.0.0.1:$svc_port/q/health/ready" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fsS "http://127.0.0.1:$svc_port/api/v1/status" > "$work/status.json"

nginx_port=$(free_port)
mkdir -p "$work/nginx/tmp" "$work/www/api/v1"
cp "$work/status.json" "$work/www/api/v1/status"
cat > "$work/nginx/nginx.conf" <<NGINX
worker_processes 1;
error_log $work/nginx/error.log warn;
pid $work/nginx/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/tmp; proxy_temp_path $work/nginx/tmp; fastcgi_temp_path $work/nginx/tmp;
  uwsgi_temp_path $work/nginx/tmp; scgi_temp_path $work/nginx/tmp;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
    location / { default_type application/json; }
  }
}
NGINX
taskset -c 1 nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)
wait_port "$nginx_port"

run_wrk() { taskset -c 0 wrk -t1 -c16 -d"${SECONDS_PER_RUN}s" --latency "$1"; }
taskset -c 0 wrk -t1 -c16 -d5s "http://127.0.0.1:$svc_port/api/v1/status" >/dev/null
ours=$(run_wrk "http://127.0.0.1:$svc_port/api/v1/status")
theirs=$(run_wrk "http://127.0.0.1:$nginx_port/api/v1/status")
rate() { echo "$1" | awk '/Requests\/sec/ {print $2}'; }
p99() { echo "$1" | awk '$1=="99%" {print $2}'; }
{
  echo "date: $(date -u +%FT%TZ)"
  echo "machine: $(machine_line)"
  echo "service: $SERVICE, status body $(wc -c < "$work/status.json") bytes, JVM flags: ${JAVA_FLAGS:-none}"
  echo "ours requests/s: $(rate "$ours")  p99: $(p99 "$ours")"
  echo "nginx static requests/s: $(rate "$theirs")  p99: $(p99 "$theirs")"
  echo "service RSS KiB after run: $(rss_kib "$svc_pid")"
  python3 -c "print('ratio ours/nginx: %.2f' % ($(rate "$ours")/$(rate "$theirs")))"
} | tee "$RESULTS_DIR/status-read-path-$SERVICE.txt"
