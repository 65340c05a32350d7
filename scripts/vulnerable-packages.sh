#!/usr/bin/env bash
# Fails when any NuGet package of the solution, direct or transitive, has a known vulnerability in the advisory
# data of the configured sources. Prints each vulnerable package with its version, severity and advisory.
#
#   scripts/vulnerable-packages.sh [PROJECT]   the solution by default
#
# Exit codes:
#   0  checked, nothing vulnerable
#   1  vulnerable packages found, or the check could not run (restore failed, a source did not answer)
#   2  nothing could be checked: no configured source publishes vulnerability data (a NuGet service index without a
#      VulnerabilityInfo resource, as some mirrors serve). `dotnet list package --vulnerable` then reports every
#      project clean without having looked, so this script says so instead of passing.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
report="$(mktemp "${TMPDIR:-/tmp}/kwaf-vulnerable.XXXXXX")"
trap 'rm -f "$report"' EXIT

cd "$root"
target="${1:-Kwaf.sln}"
if ! dotnet restore "$target" --nologo >"$report" 2>&1; then
  cat "$report" >&2
  echo "vulnerable-packages.sh: restore failed, so packages could not be checked" >&2
  exit 1
fi

if ! dotnet list "$target" package --vulnerable --include-transitive --format json >"$report" 2>&1; then
  cat "$report" >&2
  echo "vulnerable-packages.sh: the vulnerability check could not run (is the NuGet source reachable?)" >&2
  exit 1
fi

python3 - "$report" <<'PY'
import json
import sys
import urllib.request

with open(sys.argv[1], encoding="utf-8") as handle:
    text = handle.read()

# Restore chatter may precede the document.
document = json.loads(text[text.index("{"):])
problems = [p.get("text", "") for p in document.get("problems", []) if p.get("level") == "error"]
found = set()
for project in document.get("projects", []):
    problems += [p.get("text", "") for p in project.get("problems", []) if p.get("level") == "error"]
    for framework in project.get("frameworks", []):
        for group in ("topLevelPackages", "transitivePackages"):
            for package in framework.get(group, []):
                for vulnerability in package.get("vulnerabilities", []):
                    found.add((
                        package["id"],
                        package.get("resolvedVersion", "?"),
                        vulnerability.get("severity", "?"),
                        vulnerability.get("advisoryurl", "?"),
                        project["path"].rsplit("/", 1)[-1],
                    ))

if problems:
    for problem in problems:
        print(f"vulnerable-packages.sh: {problem}", file=sys.stderr)
    print("vulnerable-packages.sh: the vulnerability check reported errors", file=sys.stderr)
    sys.exit(1)

if found:
    print("vulnerable packages (package, version, severity, advisory, project):", file=sys.stderr)
    for row in sorted(found):
        print("  " + "  ".join(row), file=sys.stderr)
    sys.exit(1)


def publishes_vulnerabilities(source):
    """Whether a NuGet v3 service index lists a VulnerabilityInfo resource; None when it cannot be read."""
    if not source.startswith("https://") or not source.endswith("index.json"):
        return None
    try:
        with urllib.request.urlopen(source, timeout=30) as response:
            index = json.load(response)
    except (OSError, ValueError):
        return None
    return any(str(r.get("@type", "")).startswith("VulnerabilityInfo") for r in index.get("resources", []))


sources = document.get("sources", [])
answers = {source: publishes_vulnerabilities(source) for source in sources}
unreadable = [source for source, answer in answers.items() if answer is None]
if unreadable:
    print("vulnerable-packages.sh: could not read the service index of " + ", ".join(unreadable), file=sys.stderr)
    sys.exit(1)

if not any(answers.values()):
    print(
        "vulnerable-packages.sh: NOT CHECKED: no package source publishes vulnerability data ("
        + ", ".join(sources)
        + " lists no VulnerabilityInfo resource), so no vulnerability could have been found",
        file=sys.stderr,
    )
    sys.exit(2)

print("no vulnerable packages (advisories from " + ", ".join(s for s, a in answers.items() if a) + ")")
PY
