#!/usr/bin/env bash
# How fast checks answer while PostgreSQL is locked (CASES C-16), measured with wrk on loopback. Starts a private
# PostgreSQL (scripts/servers.sh), a gateway on it, blocks one client, then takes
# LOCK TABLE kwaf_grain_state IN ACCESS EXCLUSIVE MODE for the length of the run and sends GET /decisions/check for a
# blocked and a clean client alternately (wrk, 8 connections) while the lock is held; the same run without the lock
# comes first, for comparison. Prints the median and p99 of both and how many answers were neither 204 nor 403.
#
#   scripts/locked-store-latency.sh [SECONDS]    SECONDS of each run, default 10
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-10}"
[[ "$seconds" =~ ^[1-9][0-9]?$ ]] || { echo "usage: locked-store-latency.sh [SECONDS 1-99]" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is not installed (scripts/servers.sh installs it)" >&2; exit 1; }
work="$(mktemp -d "${TMPDIR:-/tmp}/kwaf-locked.XXXXXX")"
servers="$(bash "${root}/scripts/servers.sh" start)"
servers_dir="$(sed -n 's/^KWAF_SERVERS_DIR=//p' <<< "$servers")"
pg_port="$(sed -n 's/^KWAF_TEST_POSTGRES_PORT=//p' <<< "$servers")"
gateway_pid=""
lock_pid=""

cleanup() {
  [ -n "$lock_pid" ] && kill "$lock_pid" 2>/dev/null || true
  [ -n "$gateway_pid" ] && kill "$gateway_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  bash "${root}/scripts/servers.sh" stop "$servers_dir" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

psql_kwaf() { PGPASSWORD=kwaf psql -h 127.0.0.1 -p "$pg_port" -U kwaf -d kwaf -qAt "$@"; }
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

dotnet build "${root}/gateway/Kwaf.Gateway.csproj" -c Release --nologo -v q >/dev/null
http_port="$(port)"
(
  cd "${root}/gateway/bin/Release/net10.0"
  export Kwaf__Storage__Provider=PostgreSql Kwaf__Silo__SiloPort="$(port)" Kwaf__Silo__GatewayPort="$(port)"
  export ConnectionStrings__Postgres="Host=127.0.0.1;Port=${pg_port};Username=kwaf;Password=kwaf;Database=kwaf"
  export Kwaf__Persistence__WriteTimeout=00:00:00.500
  exec dotnet Kwaf.Gateway.dll --urls "http://127.0.0.1:${http_port}" > "${work}/gateway.log" 2>&1
) &
gateway_pid=$!
url="http://127.0.0.1:${http_port}"
for _ in $(seq 1 300); do curl -fsS -o /dev/null "${url}/health/ready" 2>/dev/null && break; sleep 0.2; done
curl -fsS -o /dev/null "${url}/health/ready"
curl -fsS -o /dev/null -XPOST "${url}/decisions" -H 'content-type: application/json' \
  -d '{"ip":"203.0.113.150","kind":"block","durationSeconds":3600,"reason":"locked-store latency run"}'
curl -fsS -o /dev/null -XPOST "${url}/events" -H 'content-type: application/json' \
  -d '{"ip":"198.51.100.150","method":"GET","path":"/","status":200}'

cat > "${work}/checks.lua" <<'LUA'
local n = 0
local wrong = 0
request = function()
  n = n + 1
  local ip = (n % 2 == 0) and "203.0.113.150" or "198.51.100.150"
  return wrk.format("GET", "/decisions/check?ip=" .. ip)
end
-- Answers arrive in request order on each connection, but not across connections: count the statuses instead.
response = function(status, headers, body)
  if status ~= 204 and status ~= 403 then wrong = wrong + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("answers other than 204/403: %d\n", wrong))
end
LUA

run() {
  local name="$1" out
  out="$(wrk -t1 -c8 -d"${seconds}s" --latency -s "${work}/checks.lua" "$url")"
  printf '%s: p50 %s, p99 %s, %s requests/s, answers other than 204/403: %s\n' "$name" \
    "$(awk '$1 == "50%" { print $2 }' <<< "$out")" "$(awk '$1 == "99%" { print $2 }' <<< "$out")" \
    "$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' <<< "$out")" \
    "$(awk '/answers other than/ { print $NF }' <<< "$out")"
}

wrk -t1 -c8 -d2s -s "${work}/checks.lua" "$url" >/dev/null
run "store healthy"
psql_kwaf -c "BEGIN; LOCK TABLE kwaf_grain_state IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep($((seconds + 5))); COMMIT;" \
  >/dev/null 2>&1 &
lock_pid=$!
until [ "$(psql_kwaf -c "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                          WHERE c.relname = 'kwaf_grain_state' AND l.mode = 'AccessExclusiveLock' AND l.granted")" = 1 ]; do
  sleep 0.1
done
run "table locked"
