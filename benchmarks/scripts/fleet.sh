#!/usr/bin/env bash
# Sourced by memory.sh, memory-soak.sh, status-read-path.sh and detection-latency.sh: a loopback "home" with N TLS
# names and configs for all three services watching N targets each.
#   fleet_up N INTERVAL   starts nginx (N SNI names, one certificate each, plus /ip and /ha-ws),
#                         dnsmasq (nI.bench.test -> 127.0.0.1, myip.opendns.com -> WAN_IP) and
#                         writes $work/{certwatch,reachability,ddns}.yaml
#   start_service NAME CONFIG -> sets svc_pid, svc_port, svc_ready_ms (CDS=0: without the images'
#                         class-data sharing archive)
#   blackbox_up N INTERVAL -> the peer, blackbox_exporter, probing the same N names every INTERVAL
# Needs: $work, pids array, cleanup trap, lib.sh sourced.
WAN_IP=${WAN_IP:-203.0.113.7}
export SUITE_API_TOKEN=${SUITE_API_TOKEN:-bench-token-$$}

fleet_up() {
  local n=$1 interval=$2 i
  make_ca "$work"
  openssl ecparam -name prime256v1 -genkey -noout -out "$work/leaf.key" 2>/dev/null
  mkdir -p "$work/certs" "$work/nginx/tmp" "$work/ddns-state"
  seq 1 "$n" | xargs -P 4 -I{} openssl req -x509 -new -key "$work/leaf.key" -CA "$work/ca.pem" \
    -CAkey "$work/ca.key" -subj "/CN=n{}.bench.test" -addext "subjectAltName=DNS:n{}.bench.test" \
    -addext "basicConstraints=critical,CA:FALSE" -addext "extendedKeyUsage=serverAuth" \
    -days 20 -sha256 -out "$work/certs/n{}.pem" 2>/dev/null
  nginx_port=$(free_port); echo_port=$(free_port); dns_port=$(free_port)
  echo "$WAN_IP" > "$work/wan-ip"
  {
    echo "worker_processes 1; error_log $work/nginx/error.log warn; pid $work/nginx/nginx.pid;"
    echo "events { worker_connections 4096; }"
    echo "http { access_log off; client_body_temp_path $work/nginx/tmp; proxy_temp_path $work/nginx/tmp;"
    echo "  fastcgi_temp_path $work/nginx/tmp; uwsgi_temp_path $work/nginx/tmp; scgi_temp_path $work/nginx/tmp;"
    echo "  server_names_hash_max_size 8192; ssl_protocols TLSv1.2 TLSv1.3;"
    echo "  server { listen 127.0.0.1:$echo_port; location = /ip { default_type text/plain; alias $work/wan-ip; } }"
    for i in $(seq 1 "$n"); do
      echo "  server { listen 127.0.0.1:$nginx_port ssl; server_name n$i.bench.test;"
      echo "    ssl_certificate $work/certs/n$i.pem; ssl_certificate_key $work/leaf.key;"
      echo "    location / { default_type text/html; return 200 '<title>Home Assistant</title>'; } }"
    done
    echo "}"
  } > "$work/nginx/nginx.conf"
  nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
  pids+=($!)
  write_dnsmasq_conf
  dnsmasq --keep-in-foreground --conf-file="$work/dnsmasq.conf" &
  dnsmasq_pid=$!
  pids+=($dnsmasq_pid)
  wait_port "$nginx_port"; wait_port "$echo_port"

  {
    echo "certwatch:"
    echo "  interval: $interval"
    echo "  ari: { enabled: false }"
    echo "  trust: { extra-ca-file: \"$work/ca.pem\" }"
    echo "  endpoints:"
    for i in $(seq 1 "$n"); do
      echo "    - { id: n$i, host: n$i.bench.test, port: $nginx_port, sni: n$i.bench.test, address: 127.0.0.1 }"
    done
  } > "$work/certwatch.yaml"
  {
    echo "reachability:"
    echo "  interval: $interval"
    echo "  failure-threshold: ${FAILURE_THRESHOLD:-3}"
    echo "  success-threshold: 2"
    echo "  resolvers: { internal: [\"127.0.0.1:$dns_port\"], public: [\"127.0.0.1:$dns_port\"] }"
    echo "  trust: { extra-ca-file: \"$work/ca.pem\" }"
    echo "  peers: []"
    echo "  targets:"
    for i in $(seq 1 "$n"); do
      echo "    - { id: n$i, url: \"https://n$i.bench.test:$nginx_port\", families: [ipv4] }"
    done
  } > "$work/reachability.yaml"
  {
    echo "ddns:"
    echo "  interval: $interval"
    echo "  state-dir: \"$work/ddns-state\""
    echo "  discovery:"
    echo "    quorum: 2"
    echo "    allow-ranges: [\"203.0.113.0/24\", \"198.51.100.0/24\"]"
    echo "    sources:"
    echo "      - { type: http, url: \"http://127.0.0.1:$echo_port/ip\", family: ipv4 }"
    echo "      - { type: dns, server: \"127.0.0.1:$dns_port\", name: myip.opendns.com, family: ipv4 }"
    echo "  resolvers: { public: [\"127.0.0.1:$dns_port\"] }"
    echo "  authoritative: [\"127.0.0.1:$dns_port\"]"
    echo "  records:"
    for i in $(seq 1 "$n"); do
      echo "    - { name: n$i.bench.test, families: [ipv4], provider: none, update: false }"
    done
  } > "$work/ddns.yaml"
}

# dnsmasq answers for the fleet; the published address of every record is the WAN address.
write_dnsmasq_conf() {
  cat > "$work/dnsmasq.conf" <<DNS
port=$dns_port
listen-address=127.0.0.1
bind-interfaces
no-resolv
no-hosts
pid-file=
address=/myip.opendns.com/$(cat "$work/wan-ip")
address=/bench.test/127.0.0.1
address=/ddns.bench.test/$(cat "$work/wan-ip")
DNS
}

# service_jar SERVICE: the Quarkus launcher of a service module (or of benchmarks/quarkus-floor)
service_jar() { echo "$BENCH_ROOT/$1/target/quarkus-app/quarkus-run.jar"; }

# cds_archive SERVICE: the images' class-data sharing training run (src/main/docker/Dockerfile.jvm):
# the service starts without configuration and stops by itself; the JVM writes $work/<name>.jsa.
# (The floor app has no such switch: it is stopped by SIGTERM once started, which also writes it.)
cds_archive() {
  local service=$1 name=${1##*/} pid
  # shellcheck disable=SC2086
  java $JAVA_FLAGS -XX:ArchiveClassesAtExit="$work/$name.jsa" -Xlog:cds=off -Dharemote.exit-after-start=true \
    -Dquarkus.scheduler.enabled=false -Dquarkus.http.port=0 -Dddns.state-dir="$work/cds-training" \
    -jar "$(service_jar "$service")" > "$work/$name-cds.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    kill -0 "$pid" 2>/dev/null || break
    grep -q "started in" "$work/$name-cds.log" && { sleep 1; kill -TERM "$pid" 2>/dev/null || true; }
    sleep 0.1
  done
  wait "$pid" 2>/dev/null || true
}

# start_service SERVICE CONFIG: java with $JAVA_FLAGS and, as the images do, the service's class-data
# sharing archive (made first; CDS=0: none); $JAVA_ENV (NAME=value words, e.g. MALLOC_ARENA_MAX=2) goes
# into the JVM's environment; waits for readiness (first round done).
start_service() {
  local service=$1 config=$2 name=${1##*/} t0 cds=""
  svc_port=$(free_port)
  if [ "${CDS:-1}" = 1 ]; then
    [ -f "$work/$name.jsa" ] || cds_archive "$service"
    cds="-XX:SharedArchiveFile=$work/$name.jsa"
  fi
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  env ${JAVA_ENV:-} QUARKUS_CONFIG_LOCATIONS="$config" java $cds $JAVA_FLAGS -Dquarkus.http.port="$svc_port" -Dquarkus.http.host=127.0.0.1 \
    -jar "$(service_jar "$service")" > "$work/$name.log" 2>&1 &
  svc_pid=$!
  pids+=($svc_pid)
  svc_live_ms=""
  for _ in $(seq 1 3000); do
    if [ -z "$svc_live_ms" ] && curl -fsS "http://127.0.0.1:$svc_port/q/health/live" >/dev/null 2>&1; then
      svc_live_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    fi
    curl -fsS "http://127.0.0.1:$svc_port/q/health/ready" >/dev/null 2>&1 && break
    kill -0 "$svc_pid" 2>/dev/null || { echo "$service stopped:" >&2; tail -30 "$work/$name.log" >&2; return 1; }
    sleep 0.02
  done
  svc_ready_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  svc_live_ms=${svc_live_ms:-$svc_ready_ms} # the server came up between the two requests
  svc_started_s=$(grep -o 'started in [0-9.]*s' "$work/$name.log" | head -1 | grep -o '[0-9.]*' || echo "?")
}

# blackbox_up N INTERVAL: blackbox_exporter doing the fleet's N HTTPS probes (one module per SNI
# name) every INTERVAL, 8 at a time, as Prometheus would drive it -> sets bb_pid, bb_port, bb_driver
blackbox_up() {
  local n=$1 interval_s=${2%s} i
  {
    echo "modules:"
    for i in $(seq 1 "$n"); do
      echo "  n$i: { prober: http, timeout: 10s, http: { preferred_ip_protocol: ip4, tls_config: { ca_file: \"$work/ca.pem\", server_name: n$i.bench.test } } }"
    done
  } > "$work/blackbox.yml"
  start_blackbox "$work/blackbox.yml"
  ( while :; do
      seq 1 "$n" | xargs -P 8 -I{} curl -s -o /dev/null "http://127.0.0.1:$bb_port/probe?module=n{}&target=https://127.0.0.1:$nginx_port/"
      sleep "$interval_s"
    done ) &
  bb_driver=$!; pids+=($bb_driver)
}
