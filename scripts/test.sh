#!/usr/bin/env bash
# Builds kwaf in Release (warnings are errors) and runs every test project, then prints one closing line
# "N passed, N failed" summed over all projects. Extra arguments go to `dotnet test` (e.g. --filter).
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
results="$(mktemp -d "${TMPDIR:-/tmp}/kwaf-tests.XXXXXX")"
trap 'rm -rf "$results"' EXIT

cd "$root"

# Known-vulnerable packages fail the run before any test. A package source that publishes no vulnerability data
# (exit 2) leaves the check undone: that is printed again beside the closing line, and fails the run only with
# KWAF_REQUIRE_VULNERABILITY_DATA=1, because such a source makes every run fail for a reason no commit can fix.
bash "$root/scripts/vulnerable-packages.sh"
vulnerable_status=$?
require_data="${KWAF_REQUIRE_VULNERABILITY_DATA:-0}"
if [ "$vulnerable_status" -eq 1 ] || { [ "$vulnerable_status" -eq 2 ] && [ "$require_data" = 1 ]; }; then
  echo "0 passed, 0 failed (not run: the vulnerable-package check failed)"
  exit 1
fi

# Real PostgreSQL and Redis for the integration tests: private instances on loopback, stopped on exit.
servers_env="$(bash "$root/scripts/servers.sh" start)" || { echo "could not start the test servers" >&2; exit 1; }
while IFS='=' read -r key value; do export "$key=$value"; done <<<"$servers_env"
trap 'bash "$root/scripts/servers.sh" stop "$KWAF_SERVERS_DIR" >/dev/null 2>&1; rm -rf "$results"' EXIT

dotnet test Kwaf.sln -c Release --nologo \
  --logger "trx" --logger "console;verbosity=minimal" \
  --results-directory "$results" "$@"
status=$?

passed=0
failed=0
total=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  value() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed)))
  total=$((total + $(value total)))
done

if [ "$vulnerable_status" -eq 2 ]; then
  echo "warning: packages were not checked for vulnerabilities: the package source publishes no advisory data" >&2
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with status $status without a failed test: a project did not build or a test host crashed" >&2
fi
echo "${passed} passed, ${failed} failed"
if [ "$total" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
