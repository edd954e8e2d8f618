#!/usr/bin/env bash
# Figure 5: detection latency on loopback, each from the moment of the change to the first status
# answer that shows it (status polled every 100 ms):
#   a) a replaced certificate file (cert-watch-service, file watch) -> goal: within 2 s
#   b) a changed WAN address (ddns-service; both discovery sources move) -> goal: within one interval
#   c) a broken port forward (reachability-service; the HTTPS listener goes away) -> goal: within
#      failure-threshold intervals
# Usage: benchmarks/scripts/detection-latency.sh [interval-seconds]   (after ./mvnw -q -DskipTests package)
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fleet.sh"
INTERVAL_S=${1:-5}
export FAILURE_THRESHOLD=${FAILURE_THRESHOLD:-3}
work=$(mktemp -d); chmod 755 "$work"   # nginx workers (nobody) read files here
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
JAVA_FLAGS=${JAVA_FLAGS-$(cat "$BENCH_ROOT/benchmarks/jvm-flags.txt" 2>/dev/null || echo "")}
fleet_up 1 "${INTERVAL_S}s"
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
status() { curl -fsS "http://127.0.0.1:$svc_port/api/v1/status"; }
# wait_for PYTHON-EXPR-ON-d LIMIT-S -> prints ms from $t0 until the status satisfies it, or "never"
wait_for() {
  local expr=$1 limit_ms=$(( $2 * 1000 ))
  while [ $(( $(now_ms) - t0 )) -lt "$limit_ms" ]; do
    if status | python3 -c "import json,sys; d=json.load(sys.stdin); sys.exit(0 if ($expr) else 1)" 2>/dev/null; then
      echo $(( $(now_ms) - t0 )); return
    fi
    sleep 0.1
  done
  echo never
}
out="$RESULTS_DIR/detection-latency.txt"
{
  echo "date: $(date -u +%FT%TZ)"
  echo "machine: $(machine_line)"
  echo "interval ${INTERVAL_S}s, failure-threshold $FAILURE_THRESHOLD, JVM flags: ${JAVA_FLAGS:-none}"
} > "$out"

# a) certificate file replaced (atomically, as certbot / acme.sh do with a rename).
cp "$work/certs/n1.pem" "$work/served.pem"
python3 - "$work/certwatch.yaml" "$work/served.pem" "$work/leaf.key" <<'PY'
import sys
p, cert, key = sys.argv[1:]
s = open(p).read().replace("  endpoints:\n", '  files:\n    - { id: served-file, path: "%s", key: "%s" }\n  endpoints:\n' % (cert, key), 1)
open(p, "w").write(s)
PY
sed -i "s/interval: ${INTERVAL_S}s/interval: 1h/" "$work/certwatch.yaml"   # only the file watch may see it
start_service cert-watch-service "$work/certwatch.yaml"
openssl req -x509 -new -key "$work/leaf.key" -CA "$work/ca.pem" -CAkey "$work/ca.key" -subj "/CN=n1.bench.test" \
  -addext "subjectAltName=DNS:n1.bench.test" -days 40 -sha256 -out "$work/new.pem" 2>/dev/null
new_serial=$(openssl x509 -in "$work/new.pem" -noout -serial | cut -d= -f2 | tr 'A-F' 'a-f')
t0=$(now_ms); mv "$work/new.pem" "$work/served.pem"
a=$(wait_for "any(c['id']=='served-file' and str(c['serial']).lower().replace(':','').lstrip('0')=='$new_serial'.lstrip('0') for c in d['certificates'])" 10)
echo "a) replaced certificate file -> status: $a ms (goal <= 2000 ms)" | tee -a "$out"
kill "$svc_pid"; wait "$svc_pid" 2>/dev/null || true

# b) WAN address changes: the echo source and the DNS source both move to NEW_WAN.
NEW_WAN=203.0.113.99
sed -i 's/name: n1.bench.test,/name: home.ddns.bench.test,/' "$work/ddns.yaml"
start_service ddns-service "$work/ddns.yaml"
before=$(status | python3 -c "import json,sys; d=json.load(sys.stdin); print(d['public_ipv4'], d['in_sync'])")
t0=$(now_ms)
echo "$NEW_WAN" > "$work/wan-ip.new"; mv "$work/wan-ip.new" "$work/wan-ip"
sed -i "s#address=/myip.opendns.com/.*#address=/myip.opendns.com/$NEW_WAN#" "$work/dnsmasq.conf"
kill "$dnsmasq_pid"; wait "$dnsmasq_pid" 2>/dev/null || true
dnsmasq --keep-in-foreground --conf-file="$work/dnsmasq.conf" & dnsmasq_pid=$!; pids+=($dnsmasq_pid)
b=$(wait_for "d['public_ipv4']=='$NEW_WAN' and d['in_sync'] is False" $((INTERVAL_S * 3)))
echo "b) WAN address change -> drift reported: $b ms (before: $before; goal <= $((INTERVAL_S * 1000)) ms + one round)" | tee -a "$out"
kill "$svc_pid"; wait "$svc_pid" 2>/dev/null || true

# c) broken port forward: the demo home's Home Assistant stand-in (labkit DemoHome) behind a TCP
#    forwarder, the "port forward"; breaking it = stopping the forwarder.
[ -s "$BENCH_ROOT/labkit/target/classpath.txt" ] || (cd "$BENCH_ROOT" && ./mvnw -B -q -pl labkit \
  dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >/dev/null)
mkdir -p "$work/demo"
java -Dslf4j.internal.verbosity=ERROR -cp "$BENCH_ROOT/labkit/target/classes:$(cat "$BENCH_ROOT/labkit/target/classpath.txt")" \
  dev.haremote.labkit.demo.DemoHome "$work/demo" > "$work/demo.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 600); do [ -e "$work/demo/demo-ready" ] && break; sleep 0.1; done
ha_port=$(grep -o 'url: "https://[^"]*"' "$work/demo/reachability.yaml" | head -1 | sed 's/.*:\([0-9]*\)"$/\1/')
fwd_port=$(free_port)
python3 -c "
import asyncio
async def pipe(r, w):
    try:
        while (b := await r.read(65536)): w.write(b); await w.drain()
    finally: w.close()
async def handle(cr, cw):
    try: ur, uw = await asyncio.open_connection('127.0.0.1', $ha_port)
    except OSError: cw.close(); return
    await asyncio.gather(pipe(cr, uw), pipe(ur, cw), return_exceptions=True)
async def main():
    srv = await asyncio.start_server(handle, '127.0.0.1', $fwd_port)
    await srv.serve_forever()
asyncio.run(main())" &
fwd_pid=$!; pids+=($fwd_pid)
wait_port "$fwd_port"
# Both resolvers (the fleet's dnsmasq) answer 127.0.0.1 for the demo name: inside and outside agree.
sed -i "s#^address=/bench.test/#address=/demo-home.duckdns.org/127.0.0.1\naddress=/bench.test/#" "$work/dnsmasq.conf"
kill "$dnsmasq_pid"; wait "$dnsmasq_pid" 2>/dev/null || true
dnsmasq --keep-in-foreground --conf-file="$work/dnsmasq.conf" & dnsmasq_pid=$!; pids+=($dnsmasq_pid)
cat > "$work/reach-demo.yaml" <<YAML
reachability:
  interval: ${INTERVAL_S}s
  failure-threshold: $FAILURE_THRESHOLD
  success-threshold: 1
  resolvers: { internal: ["127.0.0.1:$dns_port"], public: ["127.0.0.1:$dns_port"] }
  trust: { extra-ca-file: "$work/demo/demo-ca.pem" }
  peers: []
  targets:
    - { id: home, url: "https://demo-home.duckdns.org:$fwd_port", families: [ipv4] }
YAML
start_service reachability-service "$work/reach-demo.yaml"
t0=$(now_ms)
up=$(wait_for "d['targets'][0]['reachable'] is True" $((INTERVAL_S * 4)))
before=$(status | python3 -c "import json,sys; d=json.load(sys.stdin); print(d['targets'][0]['reachable'], d['targets'][0]['verdict'])")
t0=$(now_ms)
kill "$fwd_pid"
c=$(wait_for "d['targets'][0]['reachable'] is False" $((INTERVAL_S * (FAILURE_THRESHOLD + 2))))
after=$(status | python3 -c "import json,sys; d=json.load(sys.stdin); print(d['targets'][0]['reachable'], d['targets'][0]['verdict'])")
echo "c) broken port forward -> reachable false: $c ms (before: $before after ${up} ms, after: $after; goal <= $((INTERVAL_S * FAILURE_THRESHOLD * 1000)) ms)" | tee -a "$out"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out"
