#!/usr/bin/env bash
# Figure 2: one full certificate sweep of N TLS endpoints (nginx on loopback with N SNI names, each
# with its own certificate), cert-watch-service (POST /api/v1/check) vs blackbox_exporter (one module
# per SNI name, tcp prober with TLS, driven 8 at a time: the same bound as cert-watch-service's pool).
# Usage: benchmarks/scripts/cert-sweep.sh [N ...]   (default 10 100 1000; after ./mvnw -q -DskipTests package)
source "$(dirname "$0")/lib.sh"
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(10 100 1000)
ROUNDS=${ROUNDS:-3}
work=$(mktemp -d); chmod 755 "$work"   # nginx workers (nobody) read files here
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
JAVA_FLAGS=${JAVA_FLAGS:-$(cat "$BENCH_ROOT/benchmarks/jvm-flags.txt" 2>/dev/null || echo "")}
export SUITE_API_TOKEN=bench-token-$$

max=0; for n in "${SIZES[@]}"; do [ "$n" -gt "$max" ] && max=$n; done
# Certificates: one CA, one shared leaf key (key generation is not what we measure), N leaves.
make_ca "$work"
openssl ecparam -name prime256v1 -genkey -noout -out "$work/leaf.key" 2>/dev/null
mkdir -p "$work/certs"
t0=$(date +%s.%N)
seq 1 "$max" | xargs -P 4 -I{} openssl req -x509 -new -key "$work/leaf.key" -CA "$work/ca.pem" \
  -CAkey "$work/ca.key" -subj "/CN=n{}.bench.test" -addext "subjectAltName=DNS:n{}.bench.test" \
  -addext "basicConstraints=critical,CA:FALSE" -addext "extendedKeyUsage=serverAuth" \
  -days 20 -sha256 -out "$work/certs/n{}.pem" 2>/dev/null
echo "generated $max certificates in $(python3 -c "print('%.1f' % ($(date +%s.%N)-$t0))") s" >&2

out="$RESULTS_DIR/cert-sweep.txt"
{
  echo "date: $(date -u +%FT%TZ)"
  echo "machine: $(machine_line)"
  echo "JVM flags: ${JAVA_FLAGS:-none}"
  echo "columns: N, ours sweep seconds (median of $ROUNDS), ours ok/N, blackbox sweep seconds (median of $ROUNDS), blackbox ok/N, ratio blackbox/ours"
} > "$out"

for n in "${SIZES[@]}"; do
  # nginx with n SNI names on one port.
  nginx_port=$(free_port)
  ndir="$work/nginx-$n"; mkdir -p "$ndir/tmp"
  {
    echo "worker_processes 1; error_log $ndir/error.log warn; pid $ndir/nginx.pid;"
    echo "events { worker_connections 4096; }"
    echo "http { access_log off; client_body_temp_path $ndir/tmp; proxy_temp_path $ndir/tmp;"
    echo "  fastcgi_temp_path $ndir/tmp; uwsgi_temp_path $ndir/tmp; scgi_temp_path $ndir/tmp;"
    echo "  server_names_hash_max_size 8192; ssl_protocols TLSv1.2 TLSv1.3; ssl_session_cache off; ssl_session_tickets off;"
    for i in $(seq 1 "$n"); do
      echo "  server { listen 127.0.0.1:$nginx_port ssl; server_name n$i.bench.test;"
      echo "    ssl_certificate $work/certs/n$i.pem; ssl_certificate_key $work/leaf.key; return 200; }"
    done
    echo "}"
  } > "$ndir/nginx.conf"
  nginx -p "$ndir" -c "$ndir/nginx.conf" -g 'daemon off;' &
  nginx_pid=$!
  pids+=($nginx_pid)
  wait_port "$nginx_port"

  # cert-watch-service watching the n endpoints (interval long: only our POSTs sweep).
  svc_port=$(free_port)
  {
    echo "quarkus: { http: { host: 127.0.0.1, port: $svc_port } }"
    echo "certwatch:"
    echo "  interval: 1h"
    echo "  ari: { enabled: false }"
    echo "  trust: { extra-ca-file: \"$work/ca.pem\" }"
    echo "  endpoints:"
    for i in $(seq 1 "$n"); do
      echo "    - { id: n$i, host: n$i.bench.test, port: $nginx_port, sni: n$i.bench.test, address: 127.0.0.1 }"
    done
  } > "$work/certwatch-$n.yaml"
  # shellcheck disable=SC2086
  QUARKUS_CONFIG_LOCATIONS="$work/certwatch-$n.yaml" java $JAVA_FLAGS \
    -jar "$BENCH_ROOT/cert-watch-service/target/quarkus-app/quarkus-run.jar" > "$work/certwatch-$n.log" 2>&1 &
  svc_pid=$!
  pids+=($svc_pid)
  for _ in $(seq 1 1200); do
    curl -fsS "http://127.0.0.1:$svc_port/q/health/ready" >/dev/null 2>&1 && break
    kill -0 "$svc_pid" 2>/dev/null || { cat "$work/certwatch-$n.log" >&2; exit 1; }
    sleep 0.1
  done
  # One untimed sweep first: the first POST also pays for class loading and JIT warm-up.
  curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $SUITE_API_TOKEN" "http://127.0.0.1:$svc_port/api/v1/check"
  ours_times=()
  for _ in $(seq 1 "$ROUNDS"); do
    t0=$(date +%s.%N)
    curl -fsS -X POST -H "Authorization: Bearer $SUITE_API_TOKEN" "http://127.0.0.1:$svc_port/api/v1/check" > "$work/check.json"
    ours_times+=("$(python3 -c "print('%.3f' % ($(date +%s.%N)-$t0))")")
  done
  ours_ok=$(python3 -c "
import json; d=json.load(open('$work/check.json'))
c=[x for x in d['certificates'] if x['source']=='endpoint']
ok=sum(1 for x in c if x['error'] is None and x['chain_valid'] and x['hostname_match'])
to=sum(1 for x in c if x['error'] and 'timeout' in str(x['error']).lower())
print('%d/%d (timeouts %d)' % (ok, len(c), to))")
  kill "$svc_pid"; wait "$svc_pid" 2>/dev/null || true

  # blackbox_exporter: one module per SNI name.
  {
    echo "modules:"
    for i in $(seq 1 "$n"); do
      echo "  n$i: { prober: tcp, timeout: 10s, tcp: { preferred_ip_protocol: ip4, tls: true, tls_config: { ca_file: \"$work/ca.pem\", server_name: n$i.bench.test } } }"
    done
  } > "$work/blackbox-$n.yml"
  start_blackbox "$work/blackbox-$n.yml"
  seq 1 "$n" | xargs -P 8 -I{} curl -s -o /dev/null "http://127.0.0.1:$bb_port/probe?module=n{}&target=127.0.0.1:$nginx_port"
  bb_times=()
  for _ in $(seq 1 "$ROUNDS"); do
    t0=$(date +%s.%N)
    seq 1 "$n" | xargs -P 8 -I{} curl -s "http://127.0.0.1:$bb_port/probe?module=n{}&target=127.0.0.1:$nginx_port" \
      | grep -c '^probe_success 1' > "$work/bb-ok" || true
    bb_times+=("$(python3 -c "print('%.3f' % ($(date +%s.%N)-$t0))")")
  done
  bb_ok=$(cat "$work/bb-ok")
  kill "$bb_pid" "$nginx_pid"; wait "$bb_pid" "$nginx_pid" 2>/dev/null || true

  median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  o=$(median "${ours_times[@]}"); b=$(median "${bb_times[@]}")
  echo "$n $o $ours_ok $b $bb_ok/$n $(python3 -c "print('%.2f' % ($b/$o))")" | tee -a "$out"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out"
cat "$out"
