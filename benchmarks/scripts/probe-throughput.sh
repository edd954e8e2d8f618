#!/usr/bin/env bash
# Figure 1: HTTPS probe throughput, full TLS handshake per probe, our kit vs blackbox_exporter,
# against the same nginx on loopback. Each prober is pinned to CPU 1; nginx and wrk share CPU 0.
# Usage: benchmarks/scripts/probe-throughput.sh [seconds]   (after ./mvnw -q -DskipTests package)
source "$(dirname "$0")/lib.sh"
SECONDS_PER_RUN=${1:-20}
work=$(mktemp -d); chmod 755 "$work"   # nginx workers (nobody) read files here
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
    ssl_protocols TLSv1.2 TLSv1.3;   # nginx 1.22's default lacks TLS 1.3; every current proxy has it
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
start_blackbox "$work/blackbox.yml" taskset -c 1
probe_url="http://127.0.0.1:$bb_port/probe?module=https_2xx&target=https://127.0.0.1:$nginx_port/"
curl -fsS "$probe_url" | grep -q '^probe_success 1' || { echo "blackbox probe does not succeed" >&2; exit 1; }

# CPU seconds (user + system) a process has used so far.
cpu_s() { awk -v t="$(getconf CLK_TCK)" '{printf "%.2f", ($14+$15)/t}' "/proc/$1/stat"; }

# blackbox_exporter: 2 concurrent probes, driven by wrk from CPU 0.
taskset -c 0 wrk -t1 -c2 -d5s "$probe_url" >/dev/null
bb_cpu0=$(cpu_s "$bb_pid")
bb_out=$(taskset -c 0 wrk -t1 -c2 -d"${SECONDS_PER_RUN}s" --latency "$probe_url")
bb_cpu1=$(cpu_s "$bb_pid")
bb_rate=$(echo "$bb_out" | awk '/Requests\/sec/ {print $2}')
bb_n=$(echo "$bb_out" | awk '/requests in/ {print $1}')
bb_cpu_ms=$(python3 -c "print('%.3f' % (($bb_cpu1-$bb_cpu0)*1000/$bb_n))")
bb_rss=$(rss_kib "$bb_pid")
kill "$bb_pid"

# Ours: the probing kit (common's HttpProbe, as the services use it), 2 probing threads, pinned
# to CPU 1 like blackbox_exporter. CPU time per probe counts every JVM thread (JIT and GC too).
cp_jars="$BENCH_ROOT/benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:$BENCH_ROOT/benchmarks/target/lib/*"
JAVA_FLAGS=${JAVA_FLAGS-$(cat "$BENCH_ROOT/benchmarks/jvm-flags.txt" 2>/dev/null || echo "")}
# The kit picks its TLS implementation (Conscrypt/BoringSSL where its native library loads); a
# second run forces the JDK's own TLS (-Dharemote.tls.provider=jdk) to show what the choice buys.
probe_load() {
  # shellcheck disable=SC2086
  taskset -c 1 java $JAVA_FLAGS "$@" -cp "$cp_jars" dev.haremote.benchmarks.ProbeLoad \
    "https://bench.test:$nginx_port/" 127.0.0.1 "$work/ca.pem" 2 "${WARMUP_SECONDS:-20}" "$SECONDS_PER_RUN"
}
field() { echo "$2" | tr ' ' '\n' | awk -F= -v k="$1" '$1==k {print $2}'; }
ours_out=$(probe_load)
ours_rate=$(field rate "$ours_out")
ours_cpu_ms=$(field cpu_ms_per_probe "$ours_out")
ours_provider=$(field provider "$ours_out")
[ "$(field failures "$ours_out")" = 0 ] || { echo "our probes failed: $ours_out" >&2; exit 1; }
jdk_out=$(probe_load -Dharemote.tls.provider=jdk)
jdk_rate=$(field rate "$jdk_out")
jdk_cpu_ms=$(field cpu_ms_per_probe "$jdk_out")
[ "$(field failures "$jdk_out")" = 0 ] || { echo "our probes (JDK TLS) failed: $jdk_out" >&2; exit 1; }

# Optional: the JMH view of the same probe (JMH=1), with its stack profile for the record.
if [ "${JMH:-0}" = 1 ]; then
  taskset -c 1 java -cp "$cp_jars" org.openjdk.jmh.Main HttpsProbeBenchmark \
    -f 1 -t 2 -wi 2 -w 5s -i 3 -r "${SECONDS_PER_RUN}s" -prof stack:lines=6 \
    -jvmArgs "-Dbench.ca=$work/ca.pem -Dbench.url=https://bench.test:$nginx_port/ -Dbench.address=127.0.0.1" \
    > "$RESULTS_DIR/probe-throughput-jmh.txt"
  # The verdict cache on its own: chain verification with and without the cached signature work.
  taskset -c 1 java $JAVA_FLAGS -cp "$cp_jars" org.openjdk.jmh.Main ChainVerifierBenchmark \
    -f 1 -t 1 -wi 2 -w 3s -i 3 -r 5s -tu us -bm avgt \
    -jvmArgsAppend "-Dbench.ca=$work/ca.pem -Dbench.leaf=$work/bench.test.pem" \
    > "$RESULTS_DIR/chain-verifier-jmh.txt"
fi

{
  echo "date: $(date -u +%FT%TZ)"
  echo "machine: $(machine_line)"
  echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "target: nginx $(nginx -v 2>&1 | cut -d/ -f2), TLS 1.3 (ECDSA P-256 leaf), no session cache, no tickets"
  echo "blackbox_exporter probes/s (pinned to 1 core, 2 concurrent): $bb_rate"
  echo "blackbox_exporter CPU ms per probe: $bb_cpu_ms"
  echo "blackbox_exporter RSS KiB after run: $bb_rss"
  echo "$bb_out" | grep -A4 'Latency Distribution' | sed 's/^/blackbox latency /'
  echo "ours JVM flags: ${JAVA_FLAGS:-none}"
  echo "ours TLS implementation: $ours_provider"
  echo "ours probes/s (pinned to 1 core, 2 threads): $ours_rate"
  echo "ours CPU ms per probe: $ours_cpu_ms"
  python3 -c "print('ratio ours/blackbox probes/s: %.2f' % ($ours_rate/$bb_rate))"
  python3 -c "print('ratio ours/blackbox probes per CPU-second: %.2f' % ($bb_cpu_ms/$ours_cpu_ms))"
  echo "ours with the JDK's TLS forced, probes/s: $jdk_rate"
  echo "ours with the JDK's TLS forced, CPU ms per probe: $jdk_cpu_ms"
  python3 -c "print('ratio ours (JDK TLS)/blackbox probes/s: %.2f' % ($jdk_rate/$bb_rate))"
} | tee "$RESULTS_DIR/probe-throughput.txt"
