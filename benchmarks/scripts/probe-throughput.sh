#!/usr/bin/env bash
# Figure 1: HTTPS probe throughput, full TLS handshake per probe, our kit vs blackbox_exporter,
# against the same nginx on loopback. Each prober is pinned to CPU 1; nginx and wrk share CPU 0.
# Usage: benchmarks/scripts/probe-throughput.sh [seconds]   (after ./mvnw -q -DskipTests package)
source "$(dirname "$0")/lib.sh"
SECONDS_PER_RUN=${1:-20}
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

make_ca "$work"
make_leaf "$work" bench.test
nginx_port=$(free_port)
mkdir -p "$work/nginx/logs"
cat > "$work/nginx/nginx.conf" <<NGINX
worker_processes 1;
error_log $work/nginx/logs/error.log warn;
pid $work/nginx/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/tmp; proxy_temp_path $work/nginx/tmp; fastcgi_temp_path $work/nginx/tmp;
  uwsgi_temp_path $work/nginx/tmp; scgi_temp_path $work/nginx/tmp;
  server {
    listen 127.0.0.1:$nginx_port ssl;
    server_name bench.test;
    ssl_certificate $work/bench.test.pem;
    ssl_certificate_key $work/bench.test.key;
    ssl_session_cache off;
    ssl_session_tickets off;
    keepalive_timeout 0;
    location / { default_type text/plain; return 200 "ok\n"; }
  }
}
NGINX
mkdir -p "$work/nginx/tmp"
taskset -c 0 nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)
wait_port "$nginx_port"

bb_port=$(free_port)
cat > "$work/blackbox.yml" <<BB
modules:
  https_2xx:
    prober: http
    timeout: 5s
    http:
      preferred_ip_protocol: ip4
      tls_config:
        ca_file: $work/ca.pem
        server_name: bench.test
BB
taskset -c 1 prometheus-blackbox-exporter --config.file "$work/blackbox.yml" \
  --web.listen-address "127.0.0.1:$bb_port" --log.level=warn &
bb_pid=$!
pids+=($bb_pid)
wait_port "$bb_port"
probe_url="http://127.0.0.1:$bb_port/probe?module=https_2xx&target=https://127.0.0.1:$nginx_port/"
curl -fsS "$probe_url" | grep -q '^probe_success 1' || { echo "blackbox probe does not succeed" >&2; exit 1; }

# blackbox_exporter: 2 concurrent probes for the run, driven by wrk from CPU 0.
taskset -c 0 wrk -t1 -c2 -d5s "$probe_url" >/dev/null
bb_out=$(taskset -c 0 wrk -t1 -c2 -d"${SECONDS_PER_RUN}s" --latency "$probe_url")
bb_rate=$(echo "$bb_out" | awk '/Requests\/sec/ {print $2}')
bb_rss=$(rss_kib "$bb_pid")
kill "$bb_pid"

# Ours: JMH, 2 threads, pinned to CPU 1 (the forked JVM inherits the affinity).
cp_jars="$BENCH_ROOT/benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:$BENCH_ROOT/benchmarks/target/lib/*"
taskset -c 1 java -cp "$cp_jars" org.openjdk.jmh.Main HttpsProbeBenchmark \
  -f 1 -t 2 -wi ${WARMUP_ITER:-2} -w 5s -i ${MEASURE_ITER:-3} -r "${SECONDS_PER_RUN}s" \
  -jvmArgs "-Dbench.ca=$work/ca.pem -Dbench.url=https://bench.test:$nginx_port/ -Dbench.address=127.0.0.1" \
  -rf json -rff "$work/jmh.json" > "$work/jmh.log"
ours_rate=$(python3 -c "import json;d=json.load(open('$work/jmh.json'));r=d[0]['primaryMetric'];e=r['scoreError'];print('%.1f %s'%(r['score'],('%.1f'%e) if isinstance(e,(int,float)) else 'n/a'))")

{
  echo "date: $(date -u +%FT%TZ)"
  echo "machine: $(machine_line)"
  echo "blackbox_exporter probes/s (1 core, 2 concurrent): $bb_rate"
  echo "blackbox_exporter RSS KiB after run: $bb_rss"
  echo "$bb_out" | grep -A4 'Latency Distribution' | sed 's/^/blackbox latency /'
  echo "ours probes/s (1 core, 2 threads), score ± error: $ours_rate"
  python3 -c "print('ratio ours/blackbox: %.2f' % (float('${ours_rate%% *}')/float('$bb_rate')))"
} | tee "$RESULTS_DIR/probe-throughput.txt"
