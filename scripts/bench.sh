#!/usr/bin/env bash
# The benchmark suite: builds Release, runs the micro benchmarks (BenchmarkDotNet, in process) and the end-to-end
# workloads (bench/Kwaf.Bench.Load: kwaf gateways and the bare reference app on loopback, PostgreSQL from
# scripts/servers.sh), and writes bench/results/latest.json and bench/results/latest.md.
#
#   scripts/bench.sh [--quick] [--no-build] [--skip-micro] [--stages LIST] [--out DIR]
#
# --stages: a comma list of embedded, check, profile, memory, replay, persistence (default: all; persistence needs
# embedded). --out: where the results go (default bench/results).
# --quick: fewer repetitions and smaller counts (100k active subjects instead of 100k and 1M), under 10 minutes on a
# 2-core machine once built. Every server the suite starts is stopped when it ends, also on failure or Ctrl-C.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
quick=""
build=1
micro=1
stages=()
out="$root/bench/results"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick="--quick" ;;
    --no-build) build=0 ;;
    --skip-micro) micro=0 ;;
    --stages) stages=(--stages "$2"); shift ;;
    --out) out="$2"; shift ;;
    *) echo "usage: scripts/bench.sh [--quick] [--no-build] [--skip-micro] [--stages LIST] [--out DIR]" >&2; exit 2 ;;
  esac
  shift
done

cd "$root"
work="$(mktemp -d "${TMPDIR:-/tmp}/kwaf-bench.XXXXXX")"
servers_dir=""
status=0
cleanup() {
  if [ -n "$servers_dir" ]; then bash "$root/scripts/servers.sh" stop "$servers_dir" >/dev/null 2>&1 || true; fi
  # A failed run keeps its folder (server logs, generated log file) for a look; a good one leaves nothing.
  if [ "$status" -eq 0 ]; then rm -rf "$work"; else echo "bench.sh: kept $work" >&2; fi
}
trap cleanup EXIT

if [ "$build" -eq 1 ]; then
  for project in gateway bench/Kwaf.Bench.Bare bench/Kwaf.Bench.Load bench/Kwaf.Bench.Micro; do
    dotnet build "$project" -c Release --nologo -v quiet 2>&1 | grep -E " error |rror\(s\)" | grep -v " 0 Error" || true
  done
fi

bin=net10.0
gateway_dll="$root/gateway/bin/Release/$bin/Kwaf.Gateway.dll"
bare_dll="$root/bench/Kwaf.Bench.Bare/bin/Release/$bin/Kwaf.Bench.Bare.dll"
load_dll="$root/bench/Kwaf.Bench.Load/bin/Release/$bin/Kwaf.Bench.Load.dll"
micro_dll="$root/bench/Kwaf.Bench.Micro/bin/Release/$bin/Kwaf.Bench.Micro.dll"
for dll in "$gateway_dll" "$bare_dll" "$load_dll" "$micro_dll"; do
  [ -f "$dll" ] || { echo "bench.sh: $dll is missing (build failed?)" >&2; exit 1; }
done

started=$SECONDS
if [ "$micro" -eq 1 ]; then
  echo "bench.sh: micro benchmarks" >&2
  dotnet "$micro_dll" $quick --artifacts "$work/micro" > "$work/micro.log" 2>&1 \
    || { status=$?; tail -n 30 "$work/micro.log" >&2; echo "bench.sh: micro benchmarks failed" >&2; exit 1; }
fi

echo "bench.sh: starting PostgreSQL" >&2
servers_env="$(bash "$root/scripts/servers.sh" start)"
servers_dir="$(printf '%s\n' "$servers_env" | sed -n 's/^KWAF_SERVERS_DIR=//p')"
postgres="$(printf '%s\n' "$servers_env" | sed -n 's/^KWAF_TEST_POSTGRES=//p')"

# The replay stage compares kwaf with fail2ban-regex on the same log. Only that command runs: the fail2ban service is
# kept from starting while the package installs (policy-rc.d) and from starting at boot.
if [[ ${#stages[@]} -eq 0 || ",${stages[1]}," == *,replay,* ]] && ! command -v fail2ban-regex >/dev/null 2>&1 \
  && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "bench.sh: installing fail2ban (for fail2ban-regex)" >&2
  policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' > "$policy"
    chmod 755 "$policy"
  fi
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fail2ban; } >/dev/null 2>&1 \
    || echo "bench.sh: could not install fail2ban; replay is compared with no other tool" >&2
  [ -n "$policy" ] && rm -f "$policy"
  systemctl disable --now fail2ban >/dev/null 2>&1 || true
fi

fail2ban=()
if command -v fail2ban-regex >/dev/null 2>&1; then
  fail2ban=(--fail2ban-regex "$(command -v fail2ban-regex)")
fi

echo "bench.sh: end-to-end workloads" >&2
dotnet "$load_dll" --gateway "$gateway_dll" --bare "$bare_dll" --work "$work/load" --out "$out" \
  --postgres "$postgres" --micro "$work/micro" "${fail2ban[@]}" "${stages[@]}" $quick || status=$?

echo "bench.sh: done in $((SECONDS - started)) s; wrote $out/latest.json and latest.md" >&2
exit "$status"
