#!/usr/bin/env bash
# Private PostgreSQL and Redis instances for the integration tests, on loopback, on free ports, in a temporary
# folder. Installs the Debian packages when they are missing and this runs as root.
#
#   scripts/servers.sh start [DIR]   start both; prints KEY=VALUE lines (also written to DIR/env)
#   scripts/servers.sh stop DIR      stop both and remove DIR
#   scripts/servers.sh pg-stop DIR   stop PostgreSQL only (tests of an outage)
#   scripts/servers.sh pg-start DIR  start it again on the same port and data
#
# PostgreSQL refuses to run as root: when started by root, the cluster belongs to the "postgres" user.
set -euo pipefail

pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"

die() { echo "servers.sh: $*" >&2; exit 1; }

ensure_installed() {
  local missing=()
  [ -x "${pg_bin}/initdb" ] || missing+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  [ -x /usr/bin/chromium ] || missing+=(chromium); [ -d /usr/lib/python3/dist-packages/yaml ] || missing+=(python3-yaml)
  # The edge tests run private nginx and HAProxy instances and measure them with wrk.
  [ -x /usr/sbin/nginx ] || missing+=(nginx); [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "missing ${missing[*]}: install them (apt-get install ${missing[*]}) or run as root"
  echo "servers.sh: installing ${missing[*]}" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  # Debian starts a system-wide instance on install; the tests use their own.
  systemctl disable --now postgresql redis-server nginx haproxy >/dev/null 2>&1 || true
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
}

# shellcheck source=free-port.sh
. "$(dirname "${BASH_SOURCE[0]}")/free-port.sh"

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# max_connections is 200 rather than PostgreSQL's 100: a test run or scripts/cluster.sh holds several Npgsql pools
# (one per silo or test host) against this one server.
pg_ctl_start() {
  local dir="$1" port="$2"
  as_pg "${pg_bin}/pg_ctl" -D "${dir}/pg" -l "${dir}/pg.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p ${port} -k ${dir}/pgsock -c fsync=off -c max_connections=200" \
    start >/dev/null
}

start() {
  local dir="${1:-$(mktemp -d "${TMPDIR:-/tmp}/kwaf-servers.XXXXXX")}"
  ensure_installed
  mkdir -p "${dir}/pgsock"
  chmod 755 "${dir}"
  [ "$(id -u)" -eq 0 ] && chown postgres "${dir}" "${dir}/pgsock"
  local pg_port redis_port
  pg_port="$(free_port)"

  echo kwaf > "${dir}/pgpass"
  [ "$(id -u)" -eq 0 ] && chown postgres "${dir}/pgpass"
  as_pg "${pg_bin}/initdb" -D "${dir}/pg" -U kwaf --pwfile="${dir}/pgpass" -A scram-sha-256 >/dev/null
  pg_ctl_start "${dir}" "${pg_port}"
  PGPASSWORD=kwaf "${pg_bin}/psql" -h 127.0.0.1 -p "${pg_port}" -U kwaf -d postgres -qc "CREATE DATABASE kwaf" >/dev/null

  # Picked once PostgreSQL listens, so that the two can never be given the same port.
  redis_port="$(free_port)"
  redis-server --bind 127.0.0.1 --port "${redis_port}" --dir "${dir}" --appendonly yes \
    --daemonize yes --pidfile "${dir}/redis.pid" --logfile "${dir}/redis.log" --save ""
  for _ in $(seq 1 100); do
    redis-cli -h 127.0.0.1 -p "${redis_port}" ping 2>/dev/null | grep -q PONG && break
    sleep 0.1
  done

  cat > "${dir}/env" <<ENV
KWAF_SERVERS_DIR=${dir}
KWAF_TEST_POSTGRES_PORT=${pg_port}
KWAF_TEST_POSTGRES=Host=127.0.0.1;Port=${pg_port};Username=kwaf;Password=kwaf;Database=kwaf
KWAF_TEST_REDIS=127.0.0.1:${redis_port}
ENV
  cat "${dir}/env"
}

env_of() {
  [ -f "$1/env" ] || die "$1 holds no servers started by servers.sh"
  # shellcheck disable=SC1091
  . "$1/env"
}

stop() {
  local dir="$1"
  env_of "$dir"
  as_pg "${pg_bin}/pg_ctl" -D "${dir}/pg" -m fast stop >/dev/null 2>&1 || true
  [ -f "${dir}/redis.pid" ] && kill "$(cat "${dir}/redis.pid")" 2>/dev/null || true
  rm -rf "${dir}"
}

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) [ -n "${2:-}" ] || die "usage: servers.sh stop DIR"; stop "$2" ;;
  pg-stop) env_of "$2"; as_pg "${pg_bin}/pg_ctl" -D "$2/pg" -m fast -w stop >/dev/null ;;
  pg-start) env_of "$2"; pg_ctl_start "$2" "${KWAF_TEST_POSTGRES_PORT}" ;;
  *) die "usage: servers.sh start [DIR] | stop DIR | pg-stop DIR | pg-start DIR" ;;
esac
