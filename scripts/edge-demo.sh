#!/usr/bin/env bash
# kwaf at the edge on this machine, on loopback: kwaf (the gateway, embedded silo, SQLite in the state folder,
# syslog on UDP), the demo API (scripts/demo-api.py), nginx in front of the demo API rendered from
# docker/nginx/templates/kwaf.conf.template (it asks kwaf about every request and logs every request to kwaf), and
# HAProxy in front of the same API from docker/haproxy/haproxy.cfg (kwaf keeps its maps in step with its decisions
# through the Runtime API socket in the state folder; HAProxy logs every request to kwaf).
#
#   scripts/edge-demo.sh start    build if needed, start everything, return once every part answers; the last
#                                 lines printed are kwaf=URL, nginx=URL and haproxy=URL
#   scripts/edge-demo.sh status   one line per process, then the URLs
#   scripts/edge-demo.sh stop     stop everything started here and remove the state folder
#
# Try it (each client from its own loopback address: only 127.0.0.1, nginx's own, may send kwaf syslog events):
#   curl -i --interface 127.0.0.2 "$nginx/products"                        # 200
#   for i in $(seq 12); do curl -so /dev/null --interface 127.0.0.3 -d password=wrong "$nginx/login"; done
#   curl -i --interface 127.0.0.3 "$nginx/products"                        # 403 within a second or two
#   curl -i --interface 127.0.0.3 "$haproxy/products"                      # 403 there too (kwaf pushed it)
#
# Environment:
#   KWAF_EDGE_DIR      state folder (default ${TMPDIR:-/tmp}/kwaf-edge-demo): pids, logs, ports, kwaf's data
#   KWAF_EDGE_CONFIG   build configuration (default Release)
#   KWAF_EDGE_BUILD    always | missing (default: build only if the gateway's output is absent) | never
# Any Kwaf__* variable set by the caller reaches kwaf (e.g. Kwaf__Policy__Allowlist__0=127.0.0.1).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${KWAF_EDGE_DIR:-${TMPDIR:-/tmp}/kwaf-edge-demo}"
config="${KWAF_EDGE_CONFIG:-Release}"
gateway_bin="${root}/gateway/bin/${config}/net10.0"
template="${root}/docker/nginx/templates/kwaf.conf.template"

die() { echo "edge-demo.sh: $*" >&2; exit 1; }

# shellcheck source=free-port.sh
. "$(dirname "${BASH_SOURCE[0]}")/free-port.sh"

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# The JSON log format that kwaf's syslog listener reads.
log_format_file() { echo "${root}/docker/nginx/kwaf-log-format.conf"; }

build() {
  local mode="${KWAF_EDGE_BUILD:-missing}"
  if [ "$mode" = never ]; then return 0; fi
  if [ "$mode" = missing ] && [ -f "${gateway_bin}/Kwaf.Gateway.dll" ]; then return 0; fi
  echo "edge-demo.sh: building the gateway (${config})" >&2
  dotnet build "${root}/gateway/Kwaf.Gateway.csproj" -c "$config" --nologo -v q >&2
}

# Waits until a command succeeds, while the process of a pid file lives; 120 s at most.
wait_until() {
  local name="$1"
  shift
  for _ in $(seq 1 600); do
    alive "${dir}/${name}.pid" || { tail -n 30 "${dir}/${name}.log" >&2; die "${name} exited while starting"; }
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  die "${name} not ready within 120 s (log: ${dir}/${name}.log)"
}

start_kwaf() {
  (
    cd "$gateway_bin"
    export Kwaf__Storage__Provider=Sqlite Kwaf__Storage__DataPath="${dir}/data"
    export Kwaf__Silo__SiloPort="$SILO_PORT" Kwaf__Silo__GatewayPort="$SILO_GATEWAY_PORT"
    export Kwaf__Syslog__Address=127.0.0.1 Kwaf__Syslog__UdpPort="$SYSLOG_PORT"
    # nginx and HAProxy send their log lines from their own address; clients come from 127.0.0.2 and up.
    export Kwaf__Syslog__AllowedSources__0=127.0.0.1
    # HAProxy's Runtime API is a Unix socket in the state folder, never a TCP port.
    export Kwaf__HAProxy__RuntimeApi__0="unix:${dir}/haproxy/admin.sock"
    export Kwaf__HAProxy__IpMap="${dir}/haproxy/kwaf-ips.map" Kwaf__HAProxy__UserMap="${dir}/haproxy/kwaf-users.map"
    nohup dotnet Kwaf.Gateway.dll --urls "http://127.0.0.1:${KWAF_PORT}" > "${dir}/kwaf.log" 2>&1 &
    echo $! > "${dir}/kwaf.pid"
  )
  wait_until kwaf curl -fsS "http://127.0.0.1:${KWAF_PORT}/health/ready"
  echo "kwaf: pid $(cat "${dir}/kwaf.pid"), ready" >&2
}

start_demo_api() {
  nohup python3 "${root}/scripts/demo-api.py" --listen "127.0.0.1:${DEMO_PORT}" > "${dir}/demo-api.log" 2>&1 &
  echo $! > "${dir}/demo-api.pid"
  wait_until demo-api curl -fsS "http://127.0.0.1:${DEMO_PORT}/health"
  echo "demo-api: pid $(cat "${dir}/demo-api.pid"), ready" >&2
}

render_nginx() {
  mkdir -p "${dir}/nginx"
  cp "$(log_format_file)" "${dir}/nginx/kwaf-log-format.conf"
  KWAF_GATEWAY="127.0.0.1:${KWAF_PORT}" KWAF_SYSLOG="127.0.0.1:${SYSLOG_PORT}" DEMO_API="127.0.0.1:${DEMO_PORT}" \
    NGINX_LISTEN="127.0.0.1:${NGINX_PORT}" KWAF_FALLBACK="127.0.0.1:${FALLBACK_PORT}" \
    KWAF_CHECK_KEY="${KWAF_CHECK_KEY:-}" \
    envsubst '${KWAF_GATEWAY} ${KWAF_SYSLOG} ${DEMO_API} ${NGINX_LISTEN} ${KWAF_FALLBACK} ${KWAF_CHECK_KEY}' \
    < "$template" > "${dir}/nginx/nginx.conf"
}

start_nginx() {
  render_nginx
  local prefix="${dir}/nginx/"
  nginx -t -q -p "$prefix" -c "${prefix}nginx.conf" -e "${prefix}error.log" \
    || { tail -n 20 "${prefix}error.log" >&2; die "nginx rejected its configuration"; }
  nohup nginx -p "$prefix" -c "${prefix}nginx.conf" -e "${prefix}error.log" \
    -g "daemon off; error_log ${prefix}error.log warn;" > "${dir}/nginx.log" 2>&1 &
  echo $! > "${dir}/nginx.pid"
  wait_until nginx curl -fsS --interface 127.0.0.1 "http://127.0.0.1:${NGINX_PORT}/health"
  echo "nginx: pid $(cat "${dir}/nginx.pid"), ready" >&2
}

start_haproxy() {
  command -v haproxy >/dev/null || die "haproxy is not installed (scripts/servers.sh installs it)"
  (
    export HAPROXY_STATE="${dir}/haproxy" HAPROXY_LISTEN="127.0.0.1:${HAPROXY_PORT}"
    export DEMO_API="127.0.0.1:${DEMO_PORT}" KWAF_SYSLOG="127.0.0.1:${SYSLOG_PORT}"
    nohup sh "${root}/docker/haproxy/start-haproxy.sh" > "${dir}/haproxy.log" 2>&1 &
    echo $! > "${dir}/haproxy.pid"
  )
  wait_until haproxy curl -fsS --interface 127.0.0.1 "http://127.0.0.1:${HAPROXY_PORT}/health"
  # kwaf loads its decisions into the maps within a second of the socket appearing.
  wait_until haproxy grep -q "HAProxy at .* loaded in full" "${dir}/kwaf.log"
  echo "haproxy: pid $(cat "${dir}/haproxy.pid"), ready" >&2
}

haproxy_url() { echo "http://127.0.0.1:${HAPROXY_PORT}"; }

print_urls() {
  # shellcheck disable=SC1091
  . "${dir}/ports"
  echo "kwaf=http://127.0.0.1:${KWAF_PORT}"
  echo "nginx=http://127.0.0.1:${NGINX_PORT}"
  echo "haproxy=$(haproxy_url)"
}

cmd_start() {
  alive "${dir}/kwaf.pid" && die "a demo is already running in ${dir}; stop it first"
  rm -rf "$dir"
  mkdir -p "${dir}/data"
  # A start that fails half-way stops what it started.
  trap 'code=$?; [ "$code" -eq 0 ] || cmd_stop >/dev/null 2>&1; exit "$code"' EXIT
  command -v nginx >/dev/null || die "nginx is not installed (scripts/servers.sh installs it)"
  mkdir -p "${dir}/haproxy"
  build
  local name
  : > "${dir}/ports"
  for name in KWAF_PORT SILO_PORT SILO_GATEWAY_PORT SYSLOG_PORT DEMO_PORT NGINX_PORT FALLBACK_PORT HAPROXY_PORT; do
    echo "${name}=$(free_port "${dir}/ports")" >> "${dir}/ports"
  done
  # shellcheck disable=SC1091
  . "${dir}/ports"
  start_kwaf
  start_demo_api
  start_nginx
  start_haproxy
  trap - EXIT
  print_urls
}

cmd_status() {
  [ -f "${dir}/ports" ] || die "no demo in ${dir}"
  local name state
  for name in kwaf demo-api nginx haproxy; do
    state=dead; alive "${dir}/${name}.pid" && state=running
    echo "${name}: ${state}, pid $(cat "${dir}/${name}.pid" 2>/dev/null || echo -)"
  done
  print_urls
}

stop_process() {
  local pidfile="$1" pid
  alive "$pidfile" || return 0
  pid="$(cat "$pidfile")"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
}

cmd_stop() {
  [ -d "$dir" ] || { echo "stopped"; return 0; }
  local name
  for name in haproxy nginx demo-api kwaf; do stop_process "${dir}/${name}.pid"; done
  rm -rf "$dir"
  echo "stopped"
}

case "${1:-}" in
  start) cmd_start ;;
  status) cmd_status ;;
  stop) cmd_stop ;;
  *) die "usage: edge-demo.sh start | status | stop" ;;
esac
