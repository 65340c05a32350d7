#!/usr/bin/env bash
# What kwaf costs a request through nginx and HAProxy, measured with wrk on loopback. Starts the edge demo
# (scripts/edge-demo.sh, with kwaf's SPOE agent on) plus a plain nginx, a plain HAProxy and an HAProxy with the SPOE
# filter in front of the same demo API, then runs wrk against each:
#   nginx-plain     nginx -> demo API (no auth_request, no log)
#   nginx-kwaf      nginx -> demo API, with the kwaf check (cached per client to the end of the second) and the log
#   haproxy-plain   HAProxy -> demo API (no maps, no log)
#   haproxy-maps    HAProxy -> demo API, with kwaf's two map lookups and the JSON log to kwaf
#   haproxy-spoe    HAProxy -> demo API, asking kwaf's SPOE agent about every request
#   nginx-kwaf-down nginx after kwaf was killed (fail-open)
# and prints the median and p99 latency of every run and the median of each over the runs.
#
#   scripts/edge-latency.sh [RUNS]    RUNS defaults to 3; each run is `wrk -t1 -c8 -d${KWAF_LATENCY_DURATION}`
#
# wrk connects from 127.0.0.1 only, so one very busy client sends every request; kwaf would rate it (burst,
# endpoint concentration) and eventually throttle it. 127.0.0.1 is therefore on kwaf's allowlist for this
# measurement (Kwaf__Policy__Allowlist__0): it is still checked, logged and rated like any client, but never denied,
# so the figures are the cost of checking and logging, not of being throttled.
#
# Environment: KWAF_LATENCY_DURATION (default 10s), KWAF_EDGE_DIR (default ${TMPDIR:-/tmp}/kwaf-edge-latency),
# KWAF_EDGE_BUILD (see edge-demo.sh).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
duration="${KWAF_LATENCY_DURATION:-10s}"
export KWAF_EDGE_DIR="${KWAF_EDGE_DIR:-${TMPDIR:-/tmp}/kwaf-edge-latency}"
export Kwaf__Policy__Allowlist__0=127.0.0.1
dir="$KWAF_EDGE_DIR"
plain="${dir}/plain"

die() { echo "edge-latency.sh: $*" >&2; exit 1; }

[[ "$runs" =~ ^[1-9][0-9]?$ ]] || die "usage: edge-latency.sh [RUNS 1-99]"
command -v wrk >/dev/null || die "wrk is not installed (scripts/servers.sh installs it)"

# shellcheck source=free-port.sh
. "$(dirname "${BASH_SOURCE[0]}")/free-port.sh"

stop_all() {
  local pidfile
  for pidfile in "${plain}/nginx.pid" "${dir}/haproxy-plain/haproxy.pid" "${dir}/haproxy-spoe/haproxy.pid" \
                 "${dir}/backend/nginx.pid"; do
    if [ -f "$pidfile" ]; then kill -TERM "$(cat "$pidfile")" 2>/dev/null || true; fi
  done
  bash "${root}/scripts/edge-demo.sh" stop >/dev/null
}

# The plain proxy: the same upstream keep-alive as the template, nothing else.
start_plain() {
  local port="$1"
  mkdir -p "$plain"
  cat > "${plain}/nginx.conf" <<EOF
worker_processes 1;
error_log ${plain}/error.log warn;
pid nginx.pid;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path client_body_temp;
    proxy_temp_path proxy_temp;
    fastcgi_temp_path fastcgi_temp;
    uwsgi_temp_path uwsgi_temp;
    scgi_temp_path scgi_temp;
    upstream application { server 127.0.0.1:${DEMO_PORT}; keepalive 16; }
    server {
        listen 127.0.0.1:${port};
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        location / { proxy_pass http://application; }
    }
}
EOF
  nginx -p "${plain}/" -c "${plain}/nginx.conf" -e "${plain}/error.log"
  for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "http://127.0.0.1:${port}/health" 2>/dev/null && return 0
    sleep 0.1
  done
  die "the plain nginx did not answer (log: ${plain}/error.log)"
}

# The demo API is a Python server whose own latency (threads, the GIL) would hide what the proxies and kwaf cost:
# for the measurement it gives way to a static nginx answering 200 on the same port, behind every proxy alike.
start_static_backend() {
  kill -TERM "$(cat "${dir}/demo-api.pid")"
  for _ in $(seq 1 50); do ss -ltnH "sport = :${DEMO_PORT}" | grep -q . || break; sleep 0.1; done
  mkdir -p "${dir}/backend"
  cat > "${dir}/backend/nginx.conf" <<CFG
worker_processes 1;
error_log ${dir}/backend/error.log warn;
pid nginx.pid;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path client_body_temp;
    proxy_temp_path proxy_temp;
    fastcgi_temp_path fastcgi_temp;
    uwsgi_temp_path uwsgi_temp;
    scgi_temp_path scgi_temp;
    server {
        listen 127.0.0.1:${DEMO_PORT};
        default_type application/json;
        location / { return 200 '{"page":"static"}'; }
    }
}
CFG
  nginx -p "${dir}/backend/" -c "${dir}/backend/nginx.conf" -e "${dir}/backend/error.log"
  wait_http "http://127.0.0.1:${DEMO_PORT}/health" "static backend"
}

# A plain HAProxy, and one with the SPOE filter from docker/haproxy/haproxy-spoe.cfg.
start_haproxy_plain() {
  local port="$1"
  mkdir -p "${dir}/haproxy-plain"
  cat > "${dir}/haproxy-plain/haproxy.cfg" <<CFG
global
    pidfile ${dir}/haproxy-plain/haproxy.pid
defaults
    mode http
    timeout connect 1s
    timeout client 30s
    timeout server 30s
    option http-keep-alive
frontend web
    bind 127.0.0.1:${port}
    default_backend api
backend api
    server api 127.0.0.1:${DEMO_PORT}
CFG
  haproxy -D -f "${dir}/haproxy-plain/haproxy.cfg"
  wait_http "http://127.0.0.1:${port}/health" "plain haproxy"
}

start_haproxy_spoe() {
  local port="$1"
  mkdir -p "${dir}/haproxy-spoe"
  HAPROXY_LISTEN="127.0.0.1:${port}" DEMO_API="127.0.0.1:${DEMO_PORT}" KWAF_SPOE="127.0.0.1:${SPOE_PORT}" \
    KWAF_SPOE_CONFIG="${root}/docker/haproxy/spoe-kwaf.conf" HAPROXY_STATE="${dir}/haproxy-spoe" \
    haproxy -D -f "${root}/docker/haproxy/haproxy-spoe.cfg"
  wait_http "http://127.0.0.1:${port}/health" "haproxy with SPOE"
}

wait_http() {
  for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  die "$2 did not answer at $1"
}

# wrk's latency line ("50%  1.91ms") in milliseconds.
to_ms() {
  awk '{ v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
         if (u == "us") v /= 1000; else if (u == "s") v *= 1000; else if (u == "m") v *= 60000;
         printf "%.2f", v }'
}

# One wrk run: prints "p50 p99 requests/s" and fails on errors other than none.
run_wrk() {
  local url="$1" out
  out="$(wrk -t1 -c8 -d"$duration" --latency "$url")"
  if grep -q "Non-2xx or 3xx responses" <<< "$out"; then
    echo "$out" >&2
    die "non-2xx answers from ${url}"
  fi
  printf '%s %s %s\n' \
    "$(grep -E '^ +50%' <<< "$out" | to_ms)" \
    "$(grep -E '^ +99%' <<< "$out" | to_ms)" \
    "$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' <<< "$out")"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

summary() {
  local name="$1" file="${dir}/results-$1"
  printf '| %s | %s | %s | %s |\n' "$name" \
    "$(awk '{ print $1 }' "$file" | median)" "$(awk '{ print $2 }' "$file" | median)" \
    "$(awk '{ print $3 }' "$file" | median)"
}

measure() {
  local name="$1" url="$2" count="$3" k result
  for k in $(seq 1 "$count"); do
    result="$(run_wrk "$url")"
    echo "$result" >> "${dir}/results-${name}"
    echo "${name}: p50 $(cut -d' ' -f1 <<< "$result") ms, p99 $(cut -d' ' -f2 <<< "$result") ms," \
      "$(cut -d' ' -f3 <<< "$result") req/s" >&2
  done
}

trap stop_all EXIT
SPOE_PORT="$(free_port "${dir}/ports")"
export Kwaf__Spoe__Port="$SPOE_PORT"
urls="$(bash "${root}/scripts/edge-demo.sh" start)"
nginx_url="$(sed -n 's/^nginx=//p' <<< "$urls")"
haproxy_url="$(sed -n 's/^haproxy=//p' <<< "$urls")"
# shellcheck disable=SC1091
. "${dir}/ports"
start_static_backend
plain_port="$(free_port "${dir}/ports")"
start_plain "$plain_port"
haproxy_plain_port="$(free_port "${dir}/ports")"
start_haproxy_plain "$haproxy_plain_port"
spoe_port="$(free_port "${dir}/ports")"
start_haproxy_spoe "$spoe_port"

declare -A targets=(
  [nginx-plain]="http://127.0.0.1:${plain_port}/products"
  [nginx-kwaf]="${nginx_url}/products"
  [haproxy-plain]="http://127.0.0.1:${haproxy_plain_port}/products"
  [haproxy-maps]="${haproxy_url}/products"
  [haproxy-spoe]="http://127.0.0.1:${spoe_port}/products"
)
order=(nginx-plain nginx-kwaf haproxy-plain haproxy-maps haproxy-spoe)

# Warm-up: connections, the check cache, kwaf's first grain activation.
for name in "${order[@]}"; do wrk -t1 -c8 -d2s "${targets[$name]}" >/dev/null; done
# Interleaved, so that drift in the machine's load touches every proxy alike.
for _ in $(seq 1 "$runs"); do
  for name in "${order[@]}"; do measure "$name" "${targets[$name]}" 1; done
done
kill -KILL "$(cat "${dir}/kwaf.pid")"
wrk -t1 -c8 -d2s "${nginx_url}/products" >/dev/null
measure nginx-kwaf-down "${nginx_url}/products" "$runs"

echo "wrk -t1 -c8 -d${duration} --latency, /products of a static backend, ${runs} runs; medians over the runs (ms):"
echo "| proxy | p50 | p99 | requests/s |"
echo "|---|---|---|---|"
for name in "${order[@]}" nginx-kwaf-down; do summary "$name"; done
