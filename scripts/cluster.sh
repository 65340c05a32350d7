#!/usr/bin/env bash
# A whole kwaf cluster on this machine, on loopback: private PostgreSQL and Redis (scripts/servers.sh), N silos
# with Redis membership, one gateway in client mode.
#
#   scripts/cluster.sh start [--silos N]  build, start everything; the last line printed is the gateway URL;
#                                         returns once the gateway answers /health/ready (N defaults to 2)
#   scripts/cluster.sh kill-silo K        SIGKILL silo K (1-based)
#   scripts/cluster.sh add-silo           start one more silo and wait until it accepts clients
#   scripts/cluster.sh status             one line per process, then the servers and the gateway URL
#   scripts/cluster.sh stop [--keep]      stop everything started here; remove the state folder unless --keep
#
# Environment:
#   KWAF_CLUSTER_DIR      state folder (default ${TMPDIR:-/tmp}/kwaf-cluster): pids, logs, ports, servers
#   KWAF_CLUSTER_CONFIG   build configuration (default Release)
#   KWAF_CLUSTER_BUILD    always (default) | missing (build only if an output is absent) | never
#   KWAF_CLUSTER_STORAGE  grain storage of the silos: PostgreSql (default) or Sqlite (one shared file, for
#                         development only)
#   KWAF_CLUSTER_PG_POOL  Npgsql "Maximum Pool Size" of each process (default 20). Npgsql's own default, 100,
#                         equals PostgreSQL's default max_connections: under ingestion load three silos then
#                         failed activations with "53300: too many clients" and exhausted pools. Keep
#                         processes x pool below max_connections (200 in servers.sh's private instance).
# Any other Kwaf__* variable set by the caller reaches every process (e.g. Kwaf__Cluster__ProbeTimeout).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${KWAF_CLUSTER_DIR:-${TMPDIR:-/tmp}/kwaf-cluster}"
config="${KWAF_CLUSTER_CONFIG:-Release}"
silo_bin="${root}/silo/bin/${config}/net10.0"
gateway_bin="${root}/gateway/bin/${config}/net10.0"

die() { echo "cluster.sh: $*" >&2; exit 1; }

# shellcheck source=free-port.sh
. "$(dirname "${BASH_SOURCE[0]}")/free-port.sh"

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

build() {
  local mode="${KWAF_CLUSTER_BUILD:-always}"
  if [ "$mode" = never ]; then return 0; fi
  if [ "$mode" = missing ] && [ -f "${silo_bin}/Kwaf.Silo.dll" ] && [ -f "${gateway_bin}/Kwaf.Gateway.dll" ]; then
    return 0
  fi
  echo "cluster.sh: building silo and gateway (${config})" >&2
  dotnet build "${root}/silo/Kwaf.Silo.csproj" -c "$config" --nologo -v q >&2
  dotnet build "${root}/gateway/Kwaf.Gateway.csproj" -c "$config" --nologo -v q >&2
}

# The settings every process shares; KWAF_* comes from ${dir}/cluster.env.
common_env() {
  # shellcheck disable=SC1091
  . "${dir}/cluster.env"
  export ConnectionStrings__Redis="$KWAF_TEST_REDIS"
  export ConnectionStrings__Postgres="${KWAF_TEST_POSTGRES};Maximum Pool Size=${KWAF_CLUSTER_PG_POOL:-20}"
  export Kwaf__Cluster__Membership=Redis
  export Kwaf__Cluster__ClusterId="$CLUSTER_ID"
  export Kwaf__Cluster__ServiceId="${Kwaf__Cluster__ServiceId:-kwaf}"
  export Kwaf__Storage__Provider="$STORAGE"
  export Kwaf__Storage__DataPath="${dir}/data"
  export Kwaf__Silo__AdvertisedIp=127.0.0.1
}

wait_for_port() {
  local name="$1" port="$2"
  for _ in $(seq 1 600); do
    alive "${dir}/${name}.pid" || { tail -n 30 "${dir}/${name}.log" >&2; die "${name} exited while starting"; }
    ss -ltnH "sport = :${port}" | grep -q . && return 0
    sleep 0.2
  done
  die "${name} did not listen on ${port} within 120 s (log: ${dir}/${name}.log)"
}

start_silo() {
  local k="$1" silo_port gateway_port
  silo_port="$(free_port "${dir}"/*.ports)"
  gateway_port="$(free_port "${dir}"/*.ports)"
  printf 'SILO_PORT=%s\nGATEWAY_PORT=%s\n' "$silo_port" "$gateway_port" > "${dir}/silo-${k}.ports"
  (
    common_env
    export Kwaf__Silo__SiloPort="$silo_port" Kwaf__Silo__GatewayPort="$gateway_port"
    # `start` applied the migrations once, before any silo; silos do not race to apply them again.
    export Kwaf__Storage__MigrateOnStart=false
    cd "$silo_bin"
    nohup dotnet Kwaf.Silo.dll > "${dir}/silo-${k}.log" 2>&1 &
    echo $! > "${dir}/silo-${k}.pid"
  )
  wait_for_port "silo-${k}" "$gateway_port"
  echo "silo ${k}: pid $(cat "${dir}/silo-${k}.pid"), silo port ${silo_port}, gateway port ${gateway_port}"
}

start_gateway() {
  local port
  port="$(free_port "${dir}"/*.ports)"
  printf 'HTTP_PORT=%s\n' "$port" > "${dir}/gateway.ports"
  (
    common_env
    # The gateway reaches the silos through Redis; its own silo ports are unused in client mode.
    export Kwaf__Gateway__Mode=Client
    cd "$gateway_bin"
    nohup dotnet Kwaf.Gateway.dll --urls "http://127.0.0.1:${port}" > "${dir}/gateway.log" 2>&1 &
    echo $! > "${dir}/gateway.pid"
  )
  for _ in $(seq 1 600); do
    alive "${dir}/gateway.pid" || { tail -n 30 "${dir}/gateway.log" >&2; die "gateway exited while starting"; }
    if curl -fsS -o /dev/null "http://127.0.0.1:${port}/health/ready" 2>/dev/null; then
      echo "gateway: pid $(cat "${dir}/gateway.pid"), ready"
      return 0
    fi
    sleep 0.2
  done
  die "gateway not ready within 120 s (log: ${dir}/gateway.log)"
}

migrate() {
  [ "$STORAGE" = PostgreSql ] || return 0
  ( common_env; cd "$silo_bin"; dotnet Kwaf.Silo.dll migrate > "${dir}/migrate.log" 2>&1 ) \
    || { tail -n 30 "${dir}/migrate.log" >&2; die "migrations failed (log: ${dir}/migrate.log)"; }
}

gateway_url() { # shellcheck disable=SC1091
  . "${dir}/gateway.ports"; echo "http://127.0.0.1:${HTTP_PORT}"; }

silo_count() { find "$dir" -maxdepth 1 -name 'silo-*.ports' | wc -l; }

cmd_start() {
  local silos=2
  while [ $# -gt 0 ]; do
    case "$1" in
      --silos) silos="${2:-}"; shift 2 ;;
      *) die "usage: cluster.sh start [--silos N]" ;;
    esac
  done
  [[ "$silos" =~ ^[1-9][0-9]?$ ]] || die "--silos takes a number from 1 to 99"
  [[ "${KWAF_CLUSTER_PG_POOL:-20}" =~ ^[1-9][0-9]*$ ]] || die "KWAF_CLUSTER_PG_POOL takes a positive number"
  alive "${dir}/gateway.pid" && die "a cluster is already running in ${dir}; stop it first"
  rm -rf "$dir"
  mkdir -p "$dir"
  # A start that fails half-way stops what it started.
  trap 'code=$?; [ "$code" -eq 0 ] || cmd_stop >/dev/null 2>&1; exit "$code"' EXIT
  build
  local servers
  servers="$(bash "${root}/scripts/servers.sh" start "${dir}/servers")"
  STORAGE="${KWAF_CLUSTER_STORAGE:-PostgreSql}"
  # Values are single-quoted: the PostgreSQL connection string holds semicolons.
  { echo "$servers"; echo "CLUSTER_ID=kwaf-$(date +%s)-$RANDOM"; echo "STORAGE=${STORAGE}"; } \
    | sed -E "s/^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/\1='\2'/" > "${dir}/cluster.env"
  migrate
  for k in $(seq 1 "$silos"); do start_silo "$k"; done
  start_gateway
  trap - EXIT
  gateway_url
}

cmd_kill_silo() {
  local k="${1:-}"
  [ -f "${dir}/silo-${k}.pid" ] || die "no silo ${k} in ${dir}"
  alive "${dir}/silo-${k}.pid" || die "silo ${k} is not running"
  kill -KILL "$(cat "${dir}/silo-${k}.pid")"
  echo "silo ${k}: killed"
}

cmd_add_silo() {
  [ -f "${dir}/cluster.env" ] || die "no cluster in ${dir}"
  # shellcheck disable=SC1091
  . "${dir}/cluster.env"
  start_silo "$(( $(silo_count) + 1 ))"
}

cmd_status() {
  [ -f "${dir}/cluster.env" ] || die "no cluster in ${dir}"
  local k state
  for k in $(seq 1 "$(silo_count)"); do
    state=dead; alive "${dir}/silo-${k}.pid" && state=running
    # shellcheck disable=SC1090
    . "${dir}/silo-${k}.ports"
    echo "silo ${k}: ${state}, pid $(cat "${dir}/silo-${k}.pid"), silo port ${SILO_PORT}, gateway port ${GATEWAY_PORT}"
  done
  state=dead; alive "${dir}/gateway.pid" && state=running
  echo "gateway: ${state}, pid $(cat "${dir}/gateway.pid" 2>/dev/null || echo -)"
  grep -E '^(KWAF_TEST_POSTGRES|KWAF_TEST_REDIS|CLUSTER_ID|STORAGE)=' "${dir}/cluster.env"
  gateway_url
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
  local keep=false
  [ "${1:-}" = --keep ] && keep=true
  [ -d "$dir" ] || return 0
  stop_process "${dir}/gateway.pid"
  local pidfile
  for pidfile in "${dir}"/silo-*.pid; do [ -e "$pidfile" ] && stop_process "$pidfile"; done
  if [ -f "${dir}/servers/env" ]; then
    if $keep; then
      bash "${root}/scripts/servers.sh" pg-stop "${dir}/servers" || true
      [ -f "${dir}/servers/redis.pid" ] && kill "$(cat "${dir}/servers/redis.pid")" 2>/dev/null || true
    else
      bash "${root}/scripts/servers.sh" stop "${dir}/servers" || true
    fi
  fi
  if $keep; then echo "stopped; state kept in ${dir}"; else rm -rf "$dir"; echo "stopped"; fi
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  kill-silo) cmd_kill_silo "${2:-}" ;;
  add-silo) cmd_add_silo ;;
  status) cmd_status ;;
  stop) cmd_stop "${2:-}" ;;
  *) die "usage: cluster.sh start [--silos N] | kill-silo K | add-silo | status | stop [--keep]" ;;
esac
