#!/usr/bin/env bash
# The remote-access lab: the guide's home network built from network namespaces.
#
#   lab.sh up                 build the namespaces, links, NAT and every server (not the suite's services)
#   lab.sh services           start the three services in `home` and the outside peer in `internet`
#   lab.sh assembly three-processes|one-process   the three services as three processes, or as the
#                             one-process assembly (one JVM on port 9080, each under /SERVICE-NAME):
#                             the services restarted (default: LAB_ASSEMBLY, else three-processes)
#   lab.sh down               stop everything and delete the namespaces
#   lab.sh shell NS           a shell inside namespace NS (internet, isp, router, home)
#   lab.sh status             the lab's current switches
#   lab.sh baseline           back to the healthy home (every switch below to its default)
#   lab.sh hairpin on|off     NAT loopback on the router
#   lab.sh rewrite on|off|stale  the internal resolver answers the DDNS name with the internal
#                             address, not at all, or with an old inside address (192.0.2.30,
#                             2001:db8:2::30: a host where nothing serves the port)
#   lab.sh forward443 nginx|ha|wrong|off   the router's port forward of WAN:443 (to nginx:443, to
#                             HA:8123, to the wrong host: a NAS's web page on 192.0.2.20, none)
#   lab.sh pinhole6 auto|open|closed  the router's IPv6 firewall for the forwarded ports (auto: open
#                             exactly for the ports forwarded over IPv4, as before)
#   lab.sh forward8123 on|off the router also forwards WAN:8123 to HA's plain HTTP port
#   lab.sh wan ADDR           the router's WAN IPv4 address (the ISP hands out a new one)
#   lab.sh cgnat on|off       the router sits behind the ISP's carrier NAT (100.64.0.0/10 on its WAN)
#   lab.sh cert good|expired|wrongname|leafonly   the certificate nginx (or HA in tls mode) serves,
#                             reloaded (leafonly: cert.pem without the intermediate)
#   lab.sh renew-file         a renewed certificate written to disk, the server NOT reloaded
#   lab.sh proxy ws|nows|off  nginx with WebSocket support, without it, or stopped
#   lab.sh ha proxied|untrusted|tls  the real Home Assistant (restarted): plain HTTP behind nginx
#                             (127.0.0.1 trusted), the same with nginx not in trusted_proxies, or
#                             TLS on 8123 itself with ssl_certificate/ssl_key (no proxy)
#   lab.sh ha-urls EXT INT    HA's External URL and Internal URL settings ("-": not set; "default":
#                             https://<DDNS name> and none), HA restarted
#   lab.sh outside peer|globalping  the home's outside view: the peer instance in `internet`, or
#                             Globalping's probes (the stand-in in `internet`) and no peer
#   lab.sh ha-packages        the services' HA packages into HA's packages/, check_config, HA restarted
#   lab.sh bad-logins N       N failed logins from home to the public name (IPv4, hairpin): HA bans
#                             the router's address after 3; `baseline` lifts the ban
#   lab.sh dns-set TYPE ADDR  set the DDNS name's record at the authoritative server (RFC 2136 + TSIG)
#   lab.sh flush-resolver     restart the public resolver (empties its cache)
#   lab.sh ddns-upnp on|off   the router's UPnP answer as a ddns discovery source (restarts ddns)
#   lab.sh ddns-update on|off ddns-service repairs the record, or only watches (restarts ddns)
#   lab.sh restart-service S  restart one service (ddns, certwatch, reach, peer) with fresh config
#   lab.sh clean-stale        delete namespaces of earlier runs whose owner process is gone
#
# Environment: LAB_ID (default "manual"), LAB_RUN (runtime dir, default /tmp/halab-$LAB_ID),
# LAB_CP (classpath of the lab module, default from lab/target/lab.classpath), LAB_REPO (repository root),
# HA_VENV (Home Assistant's venv, default that of scripts/install-home-assistant.sh),
# LAB_HA_START_SECONDS (how long HA may take to start, default 240), LAB_ASSEMBLY (three-processes or
# one-process: how `services` runs the suite until `lab.sh assembly` says otherwise).
#
# Safety: every address comes from the documentation ranges (192.0.2.0/24, 198.51.100.0/24,
# 203.0.113.0/24, 2001:db8::/32) or 100.64.0.0/10 and exists only inside the namespaces created here;
# nothing in the root namespace is touched (veths are created inside the namespaces).
set -Eeuo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LAB_REPO="${LAB_REPO:-$(cd "$SCRIPT_DIR/../.." && pwd)}"
LAB_ID="${LAB_ID:-manual}"
PREFIX="halab"
RUN="${LAB_RUN:-/tmp/$PREFIX-$LAB_ID}"
CONF="$SCRIPT_DIR/../config"

NS_INTERNET="$PREFIX-$LAB_ID-internet"
NS_ISP="$PREFIX-$LAB_ID-isp"
NS_ROUTER="$PREFIX-$LAB_ID-router"
NS_HOME="$PREFIX-$LAB_ID-home"

# The plan of addresses (all documentation ranges or 100.64.0.0/10).
DDNS_ZONE="dyn.example.net"
DDNS_NAME="my-home.$DDNS_ZONE"
AUTH_V4=198.51.100.53
AUTH_V6=2001:db8:ff::53
RESOLVER_V4=198.51.100.54
RESOLVER_V6=2001:db8:ff::54
ECHO_A_V4=198.51.100.80
ECHO_B_V4=198.51.100.81
ECHO_V6=2001:db8:ff::80
PEER_V4=198.51.100.90
GLOBALPING_V4=198.51.100.92
INET_WAN_V4=203.0.113.1
INET_WAN_V6=2001:db8:1::1
WAN_V4_DEFAULT=203.0.113.10
WAN_V6=2001:db8:1::10
INET_ISP_V4=198.51.100.129
ISP_UP_V4=198.51.100.130
ISP_DOWN_V4=100.64.0.1
ROUTER_CGN_V4=100.64.0.2
LAN_ROUTER_V4=192.0.2.1
LAN_ROUTER_V6=2001:db8:2::1
HOME_V4=192.0.2.10
HOME_V6=2001:db8:2::10
# The wrong host a port forward may point at (a NAS's own web page), and the old inside address a
# stale DNS rewrite still answers (a host where nothing serves the port).
NAS_V4=192.0.2.20
STALE_V4=192.0.2.30
STALE_V6=2001:db8:2::30
# An address the DDNS name pointed at before: somebody else's now, refusing the port.
OLD_WAN_V4=203.0.113.99
TTL=10

# Ports of the suite inside the lab's own namespaces (nothing else listens there).
REACH_PORT=9081
CERTWATCH_PORT=9082
DDNS_PORT=9083
# The one-process assembly: the three services in one JVM, each under its mount (docs/api.md).
ONE_PORT=9080
PEER_PORT=9081

log() { printf '[lab %s] %s\n' "$LAB_ID" "$*" >&2; }
die() { log "error: $*"; exit 1; }
in_ns() { local ns="$1"; shift; ip netns exec "$ns" "$@"; }
ns_of() {
  case "$1" in
    internet) echo "$NS_INTERNET" ;; isp) echo "$NS_ISP" ;; router) echo "$NS_ROUTER" ;;
    home) echo "$NS_HOME" ;; *) die "unknown namespace '$1' (internet, isp, router, home)" ;;
  esac
}
state_get() { cat "$RUN/state/$1" 2>/dev/null || echo "$2"; }
state_set() { mkdir -p "$RUN/state"; echo "$2" > "$RUN/state/$1"; }

lab_classpath() {
  if [[ -n "${LAB_CP:-}" ]]; then echo "$LAB_CP"; return; fi
  local cpfile="$LAB_REPO/lab/target/lab.classpath"
  [[ -f "$cpfile" ]] || die "no $cpfile: build first (./mvnw -B -pl lab -am package -DskipTests)"
  echo "$LAB_REPO/lab/target/classes:$(cat "$cpfile")"
}

# Start a long-running process inside a namespace; its pid goes to $RUN/pids/NAME.
start_bg() {
  local name="$1" ns="$2"; shift 2
  mkdir -p "$RUN/pids" "$RUN/logs"
  # Appended: a restarted server's log keeps what the earlier run said (the tests read HA's).
  ip netns exec "$ns" setsid "$@" >>"$RUN/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$RUN/pids/$name"
}
# SIGTERM, then SIGKILL after TENTHS tenths of a second (default 50).
stop_bg() {
  local name="$1" pidfile="$RUN/pids/$1" tenths="${2:-50}"
  [[ -f "$pidfile" ]] || return 0
  local pid; pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 "$tenths"); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}
# Wait until something accepts TCP connections on ADDR PORT inside NS.
wait_tcp() {
  local ns="$1" addr="$2" port="$3" what="$4" tries="${5:-100}"
  for _ in $(seq 1 "$tries"); do
    if in_ns "$ns" bash -c "exec 3<>/dev/tcp/$addr/$port" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  die "$what did not listen on $addr:$port in $ns (log: $RUN/logs)"
}

# ---------------------------------------------------------------- topology

make_namespaces() {
  # The process that owns this lab (the test JVM); a manual lab has none and is never "stale".
  # Written before the namespaces exist, so that a concurrent clean-stale never takes them.
  echo "${LAB_OWNER_PID:-}" > "$RUN/owner.pid"
  for ns in "$NS_INTERNET" "$NS_ISP" "$NS_ROUTER" "$NS_HOME"; do
    ip netns add "$ns"
    in_ns "$ns" ip link set lo up
    # Addresses are usable at once (no duplicate address detection delay).
    in_ns "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
  done
  # Veth pairs are created inside a lab namespace and their other end moved to another lab namespace.
  ip -n "$NS_INTERNET" link add wan type veth peer name wan0 netns "$NS_ROUTER"
  ip -n "$NS_INTERNET" link add isp type veth peer name up0 netns "$NS_ISP"
  ip -n "$NS_ISP" link add down0 type veth peer name cgn0 netns "$NS_ROUTER"
  ip -n "$NS_ROUTER" link add lan0 type veth peer name eth0 netns "$NS_HOME"
}

address_internet() {
  local n="$NS_INTERNET"
  for a in $AUTH_V4 $RESOLVER_V4 $ECHO_A_V4 $ECHO_B_V4 $PEER_V4 $GLOBALPING_V4; do in_ns $n ip addr add "$a/32" dev lo; done
  for a in $AUTH_V6 $RESOLVER_V6 $ECHO_V6; do in_ns $n ip addr add "$a/128" dev lo nodad; done
  in_ns $n ip addr add "$OLD_WAN_V4/32" dev lo
  in_ns $n ip addr add "$INET_WAN_V4/24" dev wan
  in_ns $n ip addr add "$INET_WAN_V6/64" dev wan nodad
  in_ns $n ip addr add "$INET_ISP_V4/25" dev isp
  in_ns $n ip link set wan up
  in_ns $n ip link set isp up
  # IPv6 is routed to the home without NAT; the home's IPv4 LAN stays private behind the router.
  in_ns $n ip -6 route add 2001:db8:2::/64 via "$WAN_V6"
}

address_isp() {
  local n="$NS_ISP"
  in_ns $n ip addr add "$ISP_UP_V4/25" dev up0
  in_ns $n ip addr add "$ISP_DOWN_V4/24" dev down0
  in_ns $n ip link set up0 up
  in_ns $n ip link set down0 up
  in_ns $n ip route add default via "$INET_ISP_V4"
  in_ns $n sysctl -qw net.ipv4.ip_forward=1
  # The carrier NAT: every customer behind 100.64.0.0/10 shares the ISP's one public address.
  in_ns $n iptables -t nat -A POSTROUTING -s 100.64.0.0/10 -o up0 -j MASQUERADE
}

address_router() {
  local n="$NS_ROUTER"
  in_ns $n ip addr add "$WAN_V4_DEFAULT/24" dev wan0
  in_ns $n ip addr add "$WAN_V6/64" dev wan0 nodad
  in_ns $n ip addr add "$ROUTER_CGN_V4/24" dev cgn0
  in_ns $n ip addr add "$LAN_ROUTER_V4/24" dev lan0
  in_ns $n ip addr add "$LAN_ROUTER_V6/64" dev lan0 nodad
  for l in wan0 cgn0 lan0; do in_ns $n ip link set $l up; done
  in_ns $n ip route add default via "$INET_WAN_V4"
  in_ns $n ip -6 route add default via "$INET_WAN_V6"
  in_ns $n sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
  # A new WAN address is added before the old one goes: keep the new one when the old is removed.
  in_ns $n sysctl -qw net.ipv4.conf.all.promote_secondaries=1 net.ipv4.conf.wan0.promote_secondaries=1
  # NAT for the LAN on whichever uplink is in use; IPv6 is forwarded as is.
  in_ns $n iptables -t nat -A POSTROUTING -s 192.0.2.0/24 -o wan0 -j MASQUERADE
  in_ns $n iptables -t nat -A POSTROUTING -s 192.0.2.0/24 -o cgn0 -j MASQUERADE
  in_ns $n iptables -t nat -N LAB_FORWARDS
  in_ns $n iptables -t nat -A PREROUTING -j LAB_FORWARDS
  in_ns $n iptables -t nat -N LAB_HAIRPIN_SNAT
  in_ns $n iptables -t nat -A POSTROUTING -j LAB_HAIRPIN_SNAT
  # IPv6 is routed, not NATed; like a home router's firewall, inbound connections pass only
  # through pinholes opened for the forwarded ports (OpenWrt-style REJECT for the rest).
  in_ns $n ip6tables -N LAB_PINHOLES
  in_ns $n ip6tables -A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
  in_ns $n ip6tables -A FORWARD -i lan0 -j ACCEPT
  in_ns $n ip6tables -A FORWARD -p ipv6-icmp -j ACCEPT
  in_ns $n ip6tables -A FORWARD -j LAB_PINHOLES
  in_ns $n ip6tables -A FORWARD -p tcp -j REJECT --reject-with tcp-reset
  in_ns $n ip6tables -A FORWARD -j REJECT
  state_set wan "$WAN_V4_DEFAULT"
}

address_home() {
  local n="$NS_HOME"
  in_ns $n ip addr add "$HOME_V4/24" dev eth0
  in_ns $n ip addr add "$HOME_V6/64" dev eth0 nodad
  in_ns $n ip addr add "$NAS_V4/24" dev eth0
  in_ns $n ip addr add "$STALE_V4/24" dev eth0
  # Deprecated (preferred_lft 0): never chosen as the source of the home's own connections, and
  # not reported as the home's address by ddns-service's interface source.
  in_ns $n ip addr add "$STALE_V6/64" dev eth0 nodad preferred_lft 0
  in_ns $n ip link set eth0 up
  in_ns $n ip route add default via "$LAN_ROUTER_V4"
  in_ns $n ip -6 route add default via "$LAN_ROUTER_V6"
}

# `ip netns exec` bind-mounts /etc/netns/NS/resolv.conf over /etc/resolv.conf: each namespace asks
# its own resolver (home: the internal one, everyone else: the public one).
write_resolv_confs() {
  for ns in "$NS_INTERNET" "$NS_ISP" "$NS_ROUTER"; do
    mkdir -p "/etc/netns/$ns"
    echo "nameserver $RESOLVER_V4" > "/etc/netns/$ns/resolv.conf"
  done
  mkdir -p "/etc/netns/$NS_HOME"
  echo "nameserver $HOME_V4" > "/etc/netns/$NS_HOME/resolv.conf"
}

# Regenerate the router's port forwards and hairpin NAT from the switches.
apply_forwards() {
  local n="$NS_ROUTER" fwd443 fwd8123 hairpin pinhole6
  fwd443="$(state_get fwd443 nginx)"; fwd8123="$(state_get fwd8123 off)"; hairpin="$(state_get hairpin on)"
  pinhole6="$(state_get pinhole6 auto)"
  in_ns $n iptables -t nat -F LAB_FORWARDS
  in_ns $n iptables -t nat -F LAB_HAIRPIN_SNAT
  in_ns $n ip6tables -F LAB_PINHOLES
  local -a rules=()
  case "$fwd443" in
    nginx) rules+=("443 $HOME_V4:443") ;; ha) rules+=("443 $HOME_V4:8123") ;;
    wrong) rules+=("443 $NAS_V4:443") ;; off) ;;
    *) die "forward443: nginx|ha|wrong|off" ;;
  esac
  [[ "$fwd8123" == on ]] && rules+=("8123 $HOME_V4:8123")
  local r port to
  for r in "${rules[@]+"${rules[@]}"}"; do
    port="${r%% *}"; to="${r#* }"
    # The same outside port, opened to the home host over IPv6 (no port translation there).
    [[ "$pinhole6" == auto ]] &&
      in_ns $n ip6tables -A LAB_PINHOLES ! -i lan0 -d "$HOME_V6" -p tcp --dport "$port" -j ACCEPT
    # From outside: to one of the router's own addresses on this port, arriving on an uplink.
    in_ns $n iptables -t nat -A LAB_FORWARDS ! -i lan0 -m addrtype --dst-type LOCAL \
      -p tcp --dport "$port" -j DNAT --to-destination "$to"
    if [[ "$hairpin" == on ]]; then
      # NAT loopback: from the LAN to one of the router's own public addresses, sent back inside ...
      in_ns $n iptables -t nat -A LAB_FORWARDS -i lan0 ! -d "$LAN_ROUTER_V4" -m addrtype --dst-type LOCAL \
        -p tcp --dport "$port" -j DNAT --to-destination "$to"
      # ... with the router as source, so that the answer comes back through the router.
      in_ns $n iptables -t nat -A LAB_HAIRPIN_SNAT -s 192.0.2.0/24 -d "${to%:*}" -o lan0 -p tcp \
        --dport "${to#*:}" -j MASQUERADE
    fi
  done
  # An explicit IPv6 firewall setting: port 443 open to the home host or not, whatever IPv4 does.
  if [[ "$pinhole6" == open ]]; then
    in_ns $n ip6tables -A LAB_PINHOLES ! -i lan0 -d "$HOME_V6" -p tcp --dport 443 -j ACCEPT
  fi
}

# ---------------------------------------------------------------- servers

make_pki() {
  mkdir -p "$RUN/pki" "$RUN/served"
  java -cp "$(lab_classpath)" dev.haremote.lab.tool.LabTool certs "$RUN/pki" "$DDNS_NAME"
  install_cert good
}
install_cert() {
  local which="$1"
  [[ -f "$RUN/pki/$which.pem" ]] || die "no certificate '$which' (good, expired, wrongname, leafonly, renewed)"
  cp "$RUN/pki/$which.pem" "$RUN/served/fullchain.pem.tmp"
  cp "$RUN/pki/$which.key" "$RUN/served/privkey.pem.tmp"
  mv "$RUN/served/fullchain.pem.tmp" "$RUN/served/fullchain.pem"
  mv "$RUN/served/privkey.pem.tmp" "$RUN/served/privkey.pem"
}

write_tsig() {
  mkdir -p "$RUN/dns"
  # A fresh random TSIG secret per run; never printed.
  head -c 32 /dev/urandom | base64 > "$RUN/dns/tsig.secret"
  chmod 600 "$RUN/dns/tsig.secret"
  cat > "$RUN/dns/tsig.key" <<EOF
key "ddns-key" {
  algorithm hmac-sha256;
  secret "$(cat "$RUN/dns/tsig.secret")";
};
EOF
  chmod 600 "$RUN/dns/tsig.key"
}

start_authoritative() {
  local d="$RUN/dns/auth"
  mkdir -p "$d"
  sed -e "s|@TTL@|$TTL|g" -e "s|@AUTH_V4@|$AUTH_V4|g" -e "s|@AUTH_V6@|$AUTH_V6|g" \
      -e "s|@WAN_V4@|$WAN_V4_DEFAULT|g" -e "s|@HOME_V6@|$HOME_V6|g" \
      "$CONF/bind/dyn.example.net.zone" > "$d/dyn.example.net.zone"
  sed -e "s|@DIR@|$d|g" -e "s|@AUTH_V4@|$AUTH_V4|g" -e "s|@AUTH_V6@|$AUTH_V6|g" \
      -e "s|@KEYFILE@|$RUN/dns/tsig.key|g" "$CONF/bind/named-authoritative.conf" > "$d/named.conf"
  start_bg named-auth "$NS_INTERNET" named -g -c "$d/named.conf"
  wait_tcp "$NS_INTERNET" "$AUTH_V4" 53 "authoritative BIND"
}

start_resolver() {
  local d="$RUN/dns/resolver"
  mkdir -p "$d"
  sed -e "s|@DIR@|$d|g" -e "s|@RESOLVER_V4@|$RESOLVER_V4|g" -e "s|@RESOLVER_V6@|$RESOLVER_V6|g" \
      -e "s|@AUTH_V4@|$AUTH_V4|g" "$CONF/bind/named-resolver.conf" > "$d/named.conf"
  start_bg named-resolver "$NS_INTERNET" named -g -c "$d/named.conf"
  wait_tcp "$NS_INTERNET" "$RESOLVER_V4" 53 "public resolver"
}

start_echo() {
  start_bg echo "$NS_INTERNET" java -Xmx32m -XX:TieredStopAtLevel=1 -cp "$(lab_classpath)" \
    dev.haremote.lab.tool.LabTool echo "$ECHO_A_V4:80" "$ECHO_B_V4:80" "[$ECHO_V6]:80"
  wait_tcp "$NS_INTERNET" "$ECHO_A_V4" 80 "echo service"
}

# Globalping's API (labkit's stand-in): its probes measure the home from `internet`.
start_globalping() {
  mkdir -p "$RUN/services"
  [[ -f "$RUN/services/globalping-token" ]] ||
    { head -c 18 /dev/urandom | base64 | tr '+/' '-_' > "$RUN/services/globalping-token"; chmod 600 "$RUN/services/globalping-token"; }
  stop_bg globalping
  start_bg globalping "$NS_INTERNET" java -Xmx48m -XX:TieredStopAtLevel=1 -cp "$(lab_classpath)" \
    dev.haremote.lab.tool.LabTool globalping "$GLOBALPING_V4:80" "$RUN/pki/ca.pem" "$RUN/services/globalping-token"
  wait_tcp "$NS_INTERNET" "$GLOBALPING_V4" 80 "Globalping stand-in"
}

start_dnsmasq() {
  local d="$RUN/dnsmasq" rewrite
  rewrite="$(state_get rewrite off)"
  mkdir -p "$d"
  {
    echo "listen-address=$HOME_V4"
    echo "bind-interfaces"
    echo "no-resolv"
    echo "no-hosts"
    echo "server=$RESOLVER_V4"
    # No cache: what the home sees is what the public resolver says right now.
    echo "cache-size=0"
    echo "pid-file=$d/dnsmasq.pid"
    if [[ "$rewrite" == on ]]; then
      # AdGuard Home's "DNS rewrite": the public name answered with the internal address.
      echo "address=/$DDNS_NAME/$HOME_V4"
      echo "address=/$DDNS_NAME/$HOME_V6"
    elif [[ "$rewrite" == stale ]]; then
      # The same rewrite, left behind when Home Assistant moved to another address.
      echo "address=/$DDNS_NAME/$STALE_V4"
      echo "address=/$DDNS_NAME/$STALE_V6"
    fi
  } > "$d/dnsmasq.conf"
  stop_bg dnsmasq
  start_bg dnsmasq "$NS_HOME" dnsmasq --keep-in-foreground --log-facility=- --conf-file="$d/dnsmasq.conf"
  wait_tcp "$NS_HOME" "$HOME_V4" 53 "dnsmasq"
}

start_miniupnpd() {
  local d="$RUN/miniupnpd"
  mkdir -p "$d"
  sed -e "s|@LAN@|lan0|g" -e "s|@WAN@|$(wan_interface)|g" "$CONF/miniupnpd/miniupnpd.conf" > "$d/miniupnpd.conf"
  stop_bg miniupnpd
  start_bg miniupnpd "$NS_ROUTER" miniupnpd -d -f "$d/miniupnpd.conf" -P "$d/miniupnpd.pid"
}
wan_interface() { [[ "$(state_get cgnat off)" == on ]] && echo cgn0 || echo wan0; }

nginx_conf() {
  local mode="$1" d="$RUN/nginx"
  mkdir -p "$d/tmp"
  local ws=""
  if [[ "$mode" == ws ]]; then
    ws="proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \"upgrade\";"
  fi
  sed -e "s|@DIR@|$d|g" -e "s|@NAME@|$DDNS_NAME|g" -e "s|@CERT@|$RUN/served/fullchain.pem|g" \
      -e "s|@KEY@|$RUN/served/privkey.pem|g" -e "s|@NAS_V4@|$NAS_V4|g" \
      -e "s|@HOME_V4@|$HOME_V4|g" -e "s|@HOME_V6@|$HOME_V6|g" "$CONF/nginx/nginx.conf" \
    | awk -v ws="$ws" '{ if ($0 ~ /@WEBSOCKET@/) print "      " ws; else print }' > "$d/nginx.conf"
}
start_nginx() {
  local mode="$1"
  stop_bg nginx
  state_set proxy "$mode"
  [[ "$mode" == off ]] && return 0
  nginx_conf "$mode"
  start_bg nginx "$NS_HOME" nginx -e stderr -p "$RUN/nginx" -c "$RUN/nginx/nginx.conf" -g "daemon off;"
  wait_tcp "$NS_HOME" "$HOME_V4" 443 "nginx"
}
reload_nginx() {
  [[ "$(state_get proxy ws)" == off ]] && return 0
  in_ns "$NS_HOME" nginx -e stderr -p "$RUN/nginx" -c "$RUN/nginx/nginx.conf" -g "daemon off;" -s reload
  sleep 0.5
}

# The real Home Assistant Core, installed by scripts/install-home-assistant.sh (HA_VENV overrides).
hass_bin() {
  local venv="${HA_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/ha-remote-access/homeassistant}"
  [[ -x "$venv/bin/hass" && -f "$venv/.ha-remote-access-installed" ]] ||
    die "no Home Assistant in $venv: run scripts/install-home-assistant.sh (or set HA_VENV)"
  echo "$venv/bin/hass"
}

# HA in one of the guide's setups (see LabHomeAssistantConfig): the configuration is rewritten and
# HA restarted, as a user does after editing configuration.yaml; a new certificate in tls mode
# also needs a restart, as it does for the real one.
start_ha() {
  local mode="$1" hass scheme=http
  case "$mode" in proxied|untrusted|tls) ;; *) die "ha: proxied|untrusted|tls" ;; esac
  hass="$(hass_bin)"
  # HA's clean shutdown (SIGTERM) writes its state files; give it time before SIGKILL.
  stop_bg ha 300
  state_set ha "$mode"
  java -Xmx32m -XX:TieredStopAtLevel=1 -cp "$(lab_classpath)" dev.haremote.lab.tool.LabTool \
    ha-config "$RUN/ha" "$mode" "$RUN/served/fullchain.pem" "$RUN/served/privkey.pem" \
    "$(state_get ha_external "https://$DDNS_NAME")" "$(state_get ha_internal -)"
  start_bg ha "$NS_HOME" "$hass" -c "$RUN/ha" --skip-pip
  [[ "$mode" == tls ]] && scheme=https
  wait_ha "$scheme"
  [[ -s "$RUN/services/ha-token" ]] && apply_ha_urls
  return 0
}

# The owner account (onboarding) and a long-lived access token, as a user makes one in HA's UI:
# reachability-service uses it for the WebSocket's auth phase (ha-token-file), the tests to read
# HA's states. Written to files (0600), never printed.
ha_owner() {
  local python
  python="$(dirname "$(hass_bin)")/python"
  in_ns "$NS_HOME" "$python" "$SCRIPT_DIR/ha-owner.py" http://127.0.0.1:8123 \
    "$RUN/services/ha-token" "$RUN/ha-client/auth-header" || die "Home Assistant onboarding failed"
}

# The three services' packages saved unchanged into HA's packages/ (as docs/home-assistant.md tells
# users), checked with `hass --script check_config`, then HA restarted to load them.
ha_packages() {
  local hass pair name base out
  hass="$(hass_bin)"
  mkdir -p "$RUN/ha/packages"
  # The file names docs/home-assistant.md gives (file name = package name).
  for pair in "ha_remote_access_reachability:$(service_base "$REACH_PORT" reachability-service)" \
      "ha_remote_access_certwatch:$(service_base "$CERTWATCH_PORT" cert-watch-service)" \
      "ha_remote_access_ddns:$(service_base "$DDNS_PORT" ddns-service)"; do
    name="${pair%%:*}"; base="${pair#*:}"
    in_ns "$NS_HOME" curl -fsS -m 10 -o "$RUN/ha/packages/$name.yaml" \
      "$base/api/v1/ha/package" || die "no package from $base"
  done
  start_ha "$(state_get ha proxied)"
  out="$("$hass" --script check_config -c "$RUN/ha" 2>&1)" || { echo "$out" >&2; die "check_config failed"; }
  if grep -q -e "Failed config" -e "Incorrect config" <<<"$out"; then echo "$out" >&2; die "check_config: invalid"; fi
  log "packages loaded: $(ls "$RUN/ha/packages" | tr '\n' ' ')"
}

# Until HA serves its /manifest.json (it listens only once every integration is set up).
wait_ha() {
  local scheme="$1" pid deadline=$((SECONDS + ${LAB_HA_START_SECONDS:-240}))
  pid="$(cat "$RUN/pids/ha")"
  while ((SECONDS < deadline)); do
    if in_ns "$NS_HOME" curl -fsk -m 2 -o /dev/null "$scheme://127.0.0.1:8123/manifest.json"; then
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$RUN/logs/ha.log" >&2; die "Home Assistant exited"; }
    sleep 0.5
  done
  tail -n 30 "$RUN/logs/ha.log" >&2
  die "Home Assistant did not serve /manifest.json within ${LAB_HA_START_SECONDS:-240} s"
}

# ---------------------------------------------------------------- the suite's services

# LAB_SERVICES_DIR: another checkout whose services are built (default: this repository).
service_jar() { echo "${LAB_SERVICES_DIR:-$LAB_REPO}/$1/target/quarkus-app/quarkus-run.jar"; }

write_service_configs() {
  local d="$RUN/services"
  mkdir -p "$d"
  if [[ ! -f "$d/api-token" ]]; then
    # One random API token per lab, shared by the services and the outside peer.
    echo "lab-$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')" > "$d/api-token"; chmod 600 "$d/api-token"
    # For curl -H @file: the token stays out of command lines.
    echo "Authorization: Bearer $(cat "$d/api-token")" > "$d/auth-header"; chmod 600 "$d/auth-header"
  fi
  local f
  for f in "$CONF"/services/*.yaml; do
    sed -e "s|@RUN@|$RUN|g" -e "s|@NAME@|$DDNS_NAME|g" -e "s|@ZONE@|$DDNS_ZONE|g" \
        -e "s|@AUTH_V4@|$AUTH_V4|g" -e "s|@RESOLVER_V4@|$RESOLVER_V4|g" -e "s|@HOME_V4@|$HOME_V4|g" \
        -e "s|@ECHO_A_V4@|$ECHO_A_V4|g" -e "s|@ECHO_B_V4@|$ECHO_B_V4|g" -e "s|@ECHO_V6@|$ECHO_V6|g" \
        -e "s|@PEER_V4@|$PEER_V4|g" -e "s|@PEER_PORT@|$PEER_PORT|g" -e "s|@REACH_PORT@|$REACH_PORT|g" \
        -e "s|@CERTWATCH_PORT@|$CERTWATCH_PORT|g" -e "s|@DDNS_PORT@|$DDNS_PORT|g" \
        -e "s|@DDNS_UPDATE@|$(state_get ddns_update true)|g" \
        "$f" | awk -v upnp="$(upnp_source_line)" -v outside="$(outside_block)" \
          '{ if ($0 == "@UPNP_SOURCE@") { if (upnp != "") print upnp }
             else if ($0 == "@OUTSIDE@") print outside; else print }' \
        > "$d/$(basename "$f")"
  done
}

# The router's UPnP answer as a discovery source. Debian's miniupnpd answers GetExternalIPAddress
# with an empty address whenever its WAN address is private or reserved: 100.64.0.0/10 (CG-NAT, the
# point of the cgnat scenario) but also the documentation ranges of the lab's "public" WAN. So the
# healthy lab leaves it out, and the CG-NAT scenario switches it on (lab.sh ddns-upnp on).
upnp_source_line() {
  if [[ "$(state_get ddns_upnp off)" == on ]]; then
    echo "      - { type: upnp, family: ipv4 }"
  fi
}

# The home's outside view: the lab's peer instance in `internet`, or Globalping's public probes
# (the stand-in there) and no peer at all. One probe per measurement, so the measurement cache can
# be 15 s, the shortest the hourly budget allows for the lab's two measurements (one target, IPv4
# and IPv6: 2 x 1 x 240 = 480 of 500 tests an hour with a token; two probes would need 30 s).
# LabOutsideViewTest waits one cache interval per step; several probes (3) measuring is
# GlobalpingEndToEndTest's, their agreement (min-agreeing) ProbeReadingTest's.
outside_block() {
  if [[ "$(state_get outside peer)" == globalping ]]; then
    printf '%s\n' "  outside:" "    globalping:" "      enabled: true" \
      "      url: http://$GLOBALPING_V4" "      token-file: $RUN/services/globalping-token" \
      "      limit: 1" "      min-agreeing: 1" "      interval: 15s" "      timeout: 20s"
  else
    printf '%s\n' "  peers:" "    - url: http://$PEER_V4:$PEER_PORT" \
      "      token-file: $RUN/services/api-token"
  fi
}

start_service() {
  local name="$1" module="$2" ns="$3" port="$4" jar
  jar="$(service_jar "$module")"
  [[ -f "$jar" ]] || die "no $jar: build the services first"
  stop_bg "$name"
  mkdir -p "$RUN/services/$name-state"
  # The JVM flags the chart ships (benchmarks/jvm-flags.txt). sun.net.inetaddr.ttl: the JVM caches
  # system-resolver answers for 30 s by default, longer than the DDNS record's TTL; after
  # `lab.sh wan` a service would keep the old address that long.
  start_bg "$name" "$ns" env QUARKUS_CONFIG_LOCATIONS="$RUN/services/$name.yaml" \
    java $(cat "$LAB_REPO/benchmarks/jvm-flags.txt") -Dsun.net.inetaddr.ttl=1 \
    -Dquarkus.http.port="$port" -jar "$jar"
}

assembly() { state_get assembly "${LAB_ASSEMBLY:-three-processes}"; }

# The one process's configuration: the three services' files with one suite: section (public-url:
# the one process, which adds each service's mount) and reachability reading ddns under its mount.
write_one_process_config() {
  local d="$RUN/services" f
  {
    echo "# The three services in one process (the one-process assembly), from reach, certwatch, ddns.yaml."
    printf '%s\n' "suite:" "  api-token-file: $d/api-token" "  public-url: http://127.0.0.1:$ONE_PORT"
    for f in reach certwatch ddns; do
      awk '/^(reachability|certwatch|ddns):/ { on = 1 } on' "$d/$f.yaml"
    done
  } | sed "s|ddns-url: http://127.0.0.1:$DDNS_PORT\$|ddns-url: http://127.0.0.1:$ONE_PORT/ddns-service|" > "$d/one.yaml"
  grep -q "ddns-url: http://127.0.0.1:$ONE_PORT/ddns-service" "$d/one.yaml" || die "one.yaml: no ddns-url"
  mkdir -p "$d/ddns-state"
}

# The suite in `home`: three processes, or the one process (whichever `assembly` says).
start_home_services() {
  if [[ "$(assembly)" == one-process ]]; then
    write_one_process_config
    start_service one one-process "$NS_HOME" "$ONE_PORT"
    wait_tcp "$NS_HOME" 127.0.0.1 "$ONE_PORT" one-process 600
  else
    start_service ddns ddns-service "$NS_HOME" "$DDNS_PORT"
    start_service certwatch cert-watch-service "$NS_HOME" "$CERTWATCH_PORT"
    start_service reach reachability-service "$NS_HOME" "$REACH_PORT"
    wait_tcp "$NS_HOME" 127.0.0.1 "$DDNS_PORT" ddns-service 600
    wait_tcp "$NS_HOME" 127.0.0.1 "$CERTWATCH_PORT" cert-watch-service 600
    wait_tcp "$NS_HOME" 127.0.0.1 "$REACH_PORT" reachability-service 600
  fi
}

# Where a service in `home` answers: its own port, or its mount in the one process.
service_base() {
  local port="$1" module="$2"
  if [[ "$(assembly)" == one-process ]]; then
    echo "http://127.0.0.1:$ONE_PORT/$module"
  else
    echo "http://127.0.0.1:$port"
  fi
}

# Whether a service in `home` runs: its own process, or the one process holding it.
home_service_running() {
  if [[ "$(assembly)" == one-process ]]; then [[ -f "$RUN/pids/one" ]]; else [[ -f "$RUN/pids/$1" ]]; fi
}

set_assembly() {
  case "$1" in three-processes|one-process) ;; *) die "assembly: three-processes|one-process" ;; esac
  services_down
  state_set assembly "$1"
  services_up
  log "assembly: $1"
}

services_up() {
  write_service_configs
  start_service peer reachability-service "$NS_INTERNET" "$PEER_PORT"
  start_home_services
  wait_tcp "$NS_INTERNET" "$PEER_V4" "$PEER_PORT" "outside reachability peer" 600
}
restart_service() {
  write_service_configs
  # One process: restarting one service restarts the three (the peer is its own process).
  if [[ "$(assembly)" == one-process && "$1" != peer ]]; then
    case "$1" in ddns|certwatch|reach) start_home_services; return ;; esac
  fi
  case "$1" in
    ddns) start_service ddns ddns-service "$NS_HOME" "$DDNS_PORT"; wait_tcp "$NS_HOME" 127.0.0.1 "$DDNS_PORT" ddns 600 ;;
    certwatch) start_service certwatch cert-watch-service "$NS_HOME" "$CERTWATCH_PORT"
      wait_tcp "$NS_HOME" 127.0.0.1 "$CERTWATCH_PORT" certwatch 600 ;;
    reach) start_service reach reachability-service "$NS_HOME" "$REACH_PORT"
      wait_tcp "$NS_HOME" 127.0.0.1 "$REACH_PORT" reach 600 ;;
    peer) start_service peer reachability-service "$NS_INTERNET" "$PEER_PORT"
      wait_tcp "$NS_INTERNET" "$PEER_V4" "$PEER_PORT" peer 600 ;;
    *) die "restart-service ddns|certwatch|reach|peer" ;;
  esac
}
services_down() { for s in reach certwatch ddns one peer; do stop_bg $s; done; }

# ---------------------------------------------------------------- switches

set_hairpin() { state_set hairpin "$1"; apply_forwards; }
set_forward443() { state_set fwd443 "$1"; apply_forwards; }
set_forward8123() { state_set fwd8123 "$1"; apply_forwards; }
set_pinhole6() {
  case "$1" in auto|open|closed) ;; *) die "pinhole6: auto|open|closed" ;; esac
  state_set pinhole6 "$1"; apply_forwards
}

set_wan() {
  local new="$1" old
  old="$(state_get wan "$WAN_V4_DEFAULT")"
  [[ "$new" == 203.0.113.* ]] || die "wan: an address in 203.0.113.0/24"
  if [[ "$new" != "$old" ]]; then
    in_ns "$NS_ROUTER" ip addr add "$new/24" dev wan0
    in_ns "$NS_ROUTER" ip addr del "$old/24" dev wan0
    [[ "$(state_get cgnat off)" == off ]] && in_ns "$NS_ROUTER" ip route replace default via "$INET_WAN_V4"
    # Connections NATed to the old address are gone with it, as on a real router.
    in_ns "$NS_ROUTER" bash -c 'command -v conntrack >/dev/null && conntrack -F >/dev/null 2>&1 || true'
    state_set wan "$new"
  fi
}

set_cgnat() {
  local on="$1" wan
  wan="$(state_get wan "$WAN_V4_DEFAULT")"
  if [[ "$on" == on && "$(state_get cgnat off)" == off ]]; then
    # The router loses its public address: its only IPv4 uplink is the carrier's 100.64.0.0/10.
    in_ns "$NS_ROUTER" ip addr del "$wan/24" dev wan0
    in_ns "$NS_ROUTER" ip route replace default via "$ISP_DOWN_V4"
    state_set cgnat on
  elif [[ "$on" == off && "$(state_get cgnat off)" == on ]]; then
    in_ns "$NS_ROUTER" ip addr add "$wan/24" dev wan0
    in_ns "$NS_ROUTER" ip route replace default via "$INET_WAN_V4"
    state_set cgnat off
  fi
  start_miniupnpd
}

set_cert() {
  install_cert "$1"
  state_set cert "$1"
  if [[ "$(state_get ha proxied)" == tls ]]; then start_ha tls; else reload_nginx; fi
}

# HA's own URL settings (Settings > System > Network), as a user edits them; HA restarted.
set_ha_urls() {
  local external="$1" internal="$2"
  if [[ "$external" == default ]]; then external="https://$DDNS_NAME"; internal=-; fi
  state_set ha_external "$external"; state_set ha_internal "$internal"
  if [[ -s "$RUN/services/ha-token" ]] && kill -0 "$(cat "$RUN/pids/ha" 2>/dev/null)" 2>/dev/null; then
    apply_ha_urls
  else
    start_ha "$(state_get ha proxied)" # before the owner exists: the configuration says them
  fi
}

# HA's External and Internal URL as the state says, set as Settings > System > Network does: HA's
# WebSocket command config/core/update with the owner's token, applied at once (a restart took
# ~15 s per change). Also after every restart: HA keeps a URL set this way in .storage across
# restarts while configuration.yaml does not name it (the "-" of the state), so the running HA
# would otherwise disagree with the state.
apply_ha_urls() {
  local python scheme=http
  python="$(dirname "$(hass_bin)")/python"
  [[ "$(state_get ha proxied)" == tls ]] && scheme=https
  in_ns "$NS_HOME" "$python" "$SCRIPT_DIR/ha-network-urls.py" "$scheme://127.0.0.1:8123" \
    "$RUN/services/ha-token" "$(state_get ha_external "https://$DDNS_NAME")" \
    "$(state_get ha_internal -)" || die "Home Assistant refused its URL settings"
}

set_rewrite() {
  case "$1" in on|off|stale) ;; *) die "rewrite: on|off|stale" ;; esac
  state_set rewrite "$1"; start_dnsmasq
}

dns_set() {
  local type="$1" addr="$2"
  in_ns "$NS_INTERNET" nsupdate -k "$RUN/dns/tsig.key" <<EOF
server $AUTH_V4 53
zone $DDNS_ZONE
update delete $DDNS_NAME $type
update add $DDNS_NAME $TTL $type $addr
send
EOF
}

# N failed logins from inside the home to the public name over IPv4, as a phone on the home Wi-Fi
# with a stale token: through hairpin NAT HA sees the router's address, and bans it after its
# login_attempts_threshold (LabHomeAssistantConfig), locking out every home client.
bad_logins() {
  local n="$1" i
  for i in $(seq 1 "$n"); do
    in_ns "$NS_HOME" curl -4 -sk -m 5 -o /dev/null -w "failed login $i: HTTP %{http_code}\n" \
      -H "Authorization: Bearer not-a-valid-token" "https://$DDNS_NAME/api/" || true
  done
}

flush_resolver() { stop_bg named-resolver; start_resolver; }

baseline() {
  if [[ "$(state_get ddns_upnp off)" == on ]]; then
    state_set ddns_upnp off
    home_service_running ddns && restart_service ddns
  fi
  set_cgnat off
  set_wan "$WAN_V4_DEFAULT"
  if [[ "$(state_get outside peer)" != peer ]]; then
    state_set outside peer
    home_service_running reach && restart_service reach
  fi
  if [[ "$(state_get ddns_update true)" != true ]]; then
    state_set ddns_update true
    home_service_running ddns && restart_service ddns
  fi
  state_set hairpin on; state_set fwd443 nginx; state_set fwd8123 off; state_set pinhole6 auto
  apply_forwards
  [[ "$(state_get rewrite off)" != off ]] && set_rewrite off
  install_cert good; state_set cert good
  if [[ "$(state_get ha proxied)" != proxied || -f "$RUN/ha/ip_bans.yaml" ||
        "$(state_get ha_external "https://$DDNS_NAME")" != "https://$DDNS_NAME" ||
        "$(state_get ha_internal -)" != - ]]; then
    state_set ha_external "https://$DDNS_NAME"; state_set ha_internal -
    # Lifting a ban is what HA's advice says: delete ip_bans.yaml while HA is stopped, start it.
    stop_bg ha 300
    rm -f "$RUN/ha/ip_bans.yaml"
    start_ha proxied
  fi
  if [[ "$(state_get proxy ws)" != ws ]]; then start_nginx ws; else reload_nginx; fi
  local published
  published="$(in_ns "$NS_INTERNET" dig +short @"$AUTH_V4" "$DDNS_NAME" A)"
  if [[ "$published" != "$WAN_V4_DEFAULT" ]]; then
    dns_set A "$WAN_V4_DEFAULT"
    flush_resolver
  fi
}

show_status() {
  local k
  for k in assembly wan cgnat hairpin fwd443 fwd8123 pinhole6 rewrite cert proxy ha ha_external ha_internal ddns_update ddns_upnp outside; do
    printf '%-8s %s\n' "$k" "$(state_get $k -)"
  done
  printf '%-8s %s\n' bans "$(grep -s -o '^[^ :][^:]*' "$RUN/ha/ip_bans.yaml" | tr '\n' ' ' || true)"
  echo "namespaces: $NS_INTERNET $NS_ISP $NS_ROUTER $NS_HOME"
  echo "runtime:    $RUN"
}

# ---------------------------------------------------------------- lifecycle

lab_up() {
  clean_stale
  if ip netns list | grep -q "^$NS_HOME\b"; then die "lab '$LAB_ID' is already up (lab.sh down first)"; fi
  rm -rf "$RUN"; mkdir -p "$RUN"
  # A half-built lab is torn down again: nothing stays behind when a step fails.
  trap 'rc=$?; if [[ $rc != 0 ]]; then log "up failed, tearing down"; lab_down; fi' EXIT
  log "namespaces and links"
  make_namespaces
  address_internet; address_isp; address_router; address_home
  write_resolv_confs
  state_set hairpin on; state_set fwd443 nginx; state_set fwd8123 off; state_set cgnat off
  state_set rewrite off; state_set cert good
  apply_forwards
  log "certificates"
  make_pki
  log "DNS: authoritative, public resolver, internal resolver"
  write_tsig
  start_authoritative
  start_resolver
  start_dnsmasq
  log "echo service, UPnP, Home Assistant, nginx"
  start_echo
  start_globalping
  start_miniupnpd
  start_ha proxied
  ha_owner
  start_nginx ws
  trap - EXIT
  log "up: $NS_INTERNET $NS_ISP $NS_ROUTER $NS_HOME (runtime $RUN)"
}

lab_down() {
  local name
  if [[ -d "$RUN/pids" ]]; then
    for name in $(ls "$RUN/pids"); do stop_bg "$name"; done
  fi
  for ns in "$NS_HOME" "$NS_ROUTER" "$NS_ISP" "$NS_INTERNET"; do
    if ip netns list | grep -q "^$ns\b"; then
      # Whatever still runs inside the lab's own namespaces (started by this lab) ends with it.
      for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
      ip netns del "$ns" || true
    fi
    rm -rf "/etc/netns/$ns"
  done
  rm -rf "$RUN"
}

# Namespaces named halab-<id>-* whose owner (the process that ran `up`) no longer exists.
clean_stale() {
  local ns id owner
  for id in $(ip netns list | awk '{print $1}' | sed -n "s/^$PREFIX-\(.*\)-\(internet\|isp\|router\|home\)$/\1/p" | sort -u); do
    [[ "$id" == "$LAB_ID" ]] && continue
    if [[ -f "/tmp/$PREFIX-$id/owner.pid" ]]; then
      owner="$(cat "/tmp/$PREFIX-$id/owner.pid")"
      [[ -z "$owner" ]] && continue
      kill -0 "$owner" 2>/dev/null && continue
    fi
    log "removing stale lab '$id'"
    LAB_ID="$id" LAB_RUN="/tmp/$PREFIX-$id" "$0" down || true
  done
}

main() {
  local cmd="${1:-}"; shift || true
  case "$cmd" in
    up) lab_up ;;
    down) lab_down ;;
    services) services_up ;;
    assembly) set_assembly "${1:?three-processes|one-process}" ;;
    services-down) services_down ;;
    restart-service) restart_service "${1:?ddns|certwatch|reach|peer}" ;;
    ddns-upnp) state_set ddns_upnp "${1:?on|off}"; restart_service ddns ;;
    shell) ns="$(ns_of "${1:-home}")"; shift || true; exec ip netns exec "$ns" "${@:-bash}" ;;
    exec) ns="$(ns_of "${1:?namespace}")"; shift; exec ip netns exec "$ns" "$@" ;;
    status) show_status ;;
    baseline) baseline ;;
    hairpin) set_hairpin "${1:?on|off}" ;;
    rewrite) set_rewrite "${1:?on|off|stale}" ;;
    forward443) set_forward443 "${1:?nginx|ha|off}" ;;
    forward8123) set_forward8123 "${1:?on|off}" ;;
    pinhole6) set_pinhole6 "${1:?auto|open|closed}" ;;
    ddns-update)
      case "${1:?on|off}" in on) state_set ddns_update true ;; off) state_set ddns_update false ;;
        *) die "ddns-update: on|off" ;; esac
      restart_service ddns ;;
    wan) set_wan "${1:?address}" ;;
    cgnat) set_cgnat "${1:?on|off}" ;;
    cert) set_cert "${1:?good|expired|wrongname|leafonly}" ;;
    renew-file) install_cert renewed; state_set cert renewed-on-disk ;;
    proxy) start_nginx "${1:?ws|nows|off}" ;;
    ha) start_ha "${1:?proxied|untrusted|tls}" ;;
    ha-packages) ha_packages ;;
    ha-urls) set_ha_urls "${1:?external URL, - or default}" "${2:--}" ;;
    outside)
      case "${1:?peer|globalping}" in peer|globalping) state_set outside "$1" ;; *) die "outside: peer|globalping" ;; esac
      restart_service reach ;;
    bad-logins) bad_logins "${1:?count}" ;;
    dns-set) dns_set "${1:?A|AAAA}" "${2:?address}" ;;
    flush-resolver) flush_resolver ;;
    clean-stale) clean_stale ;;
    *) sed -n '2,45p' "$0" | sed 's/^# \{0,1\}//'; [[ -z "$cmd" ]] || exit 2 ;;
  esac
}
main "$@"
