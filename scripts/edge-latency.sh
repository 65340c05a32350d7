#!/usr/bin/env bash
# What kwaf costs a request through nginx, measured with wrk on loopback. Starts the edge demo
# (scripts/edge-demo.sh) plus a second, plain nginx in front of the same demo API (no auth_request, no log), then
# runs wrk against each:
#   plain     nginx -> demo API
#   kwaf      nginx -> demo API, with the kwaf check (cached per client for 1-2 s) and the JSON log to kwaf
#   kwaf-down the same nginx after kwaf was killed (fail-open; the client's last answer is served from the cache)
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

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( (RANDOM % 20000) + 20000 ))
    if ! ss -tuanH "sport = :${port}" | grep -q . && ! grep -qs "=${port}\$" "${dir}/ports"; then
      echo "$port"
      return 0
    fi
  done
  die "no free port found"
}

stop_all() {
  if [ -f "${plain}/nginx.pid" ]; then kill -TERM "$(cat "${plain}/nginx.pid")" 2>/dev/null || true; fi
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
urls="$(bash "${root}/scripts/edge-demo.sh" start)"
nginx_url="$(sed -n 's/^nginx=//p' <<< "$urls")"
# shellcheck disable=SC1091
. "${dir}/ports"
plain_port="$(free_port)"
start_plain "$plain_port"

# Warm-up: connections, the check cache, kwaf's first grain activation.
wrk -t1 -c8 -d2s "http://127.0.0.1:${plain_port}/products" >/dev/null
wrk -t1 -c8 -d2s "${nginx_url}/products" >/dev/null
# Alternating, so that drift in the machine's load touches both alike.
for _ in $(seq 1 "$runs"); do
  measure plain "http://127.0.0.1:${plain_port}/products" 1
  measure kwaf "${nginx_url}/products" 1
done
kill -KILL "$(cat "${dir}/kwaf.pid")"
wrk -t1 -c8 -d2s "${nginx_url}/products" >/dev/null
measure kwaf-down "${nginx_url}/products" "$runs"

echo "wrk -t1 -c8 -d${duration} --latency, /products of the demo API, ${runs} runs; medians over the runs (ms):"
echo "| proxy | p50 | p99 | requests/s |"
echo "|---|---|---|---|"
summary plain
summary kwaf
summary kwaf-down
