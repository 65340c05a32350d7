#!/usr/bin/env bash
# C-13's benchmark: a flood of one-shot client addresses against a real gateway on loopback, with the cap on active
# subjects set, and the peak working set it took. Starts a gateway (Release build, embedded SQLite store in a temporary
# folder), sends EVENTS failed logins, each from an address never used before (10.0.0.0/8 in order, so every /24 gets
# 256 of them), paced evenly over SECONDS, waits until every accepted event is delivered, and prints the peak working
# set (VmHWM), the active-subject count against the cap, the folded and unrated counts and the decisions in force.
#
#   scripts/flood.sh [EVENTS] [SECONDS] [CAP]     defaults: 1000000 600 200000
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
events="${1:-1000000}"
seconds="${2:-600}"
cap="${3:-200000}"
for value in "$events" "$seconds" "$cap"; do
  [[ "$value" =~ ^[1-9][0-9]{0,7}$ ]] || { echo "usage: flood.sh [EVENTS] [SECONDS] [CAP] (positive numbers)" >&2; exit 2; }
done
(( events <= 16000000 )) || { echo "EVENTS must be at most 16000000 (unique addresses in 10.0.0.0/8)" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/kwaf-flood.XXXXXX")"
gateway_pid=""
cleanup() {
  local status=$?
  if (( status != 0 )) && [ -f "${work}/gateway.log" ]; then
    echo "flood.sh failed; the gateway's last log lines:" >&2
    tail -n 40 "${work}/gateway.log" >&2
  fi
  [ -n "$gateway_pid" ] && kill "$gateway_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

dotnet build "${root}/gateway/Kwaf.Gateway.csproj" -c Release --nologo -v q >/dev/null
http_port="$(port)"
(
  cd "${root}/gateway/bin/Release/net10.0"
  export Kwaf__Storage__DataPath="${work}/data" Kwaf__Silo__SiloPort="$(port)" Kwaf__Silo__GatewayPort="$(port)"
  export Kwaf__Grains__MaxActiveSubjects="$cap"
  exec dotnet Kwaf.Gateway.dll --urls "http://127.0.0.1:${http_port}" > "${work}/gateway.log" 2>&1
) &
gateway_pid=$!
url="http://127.0.0.1:${http_port}"
for _ in $(seq 1 300); do curl -fsS -o /dev/null "${url}/health/ready" 2>/dev/null && break; sleep 0.2; done
curl -fsS -o /dev/null "${url}/health/ready"
python3 - "$url" "$events" "$seconds" "$gateway_pid" <<'PY'
import json, sys, time, urllib.request

url, events, seconds, pid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
batch = 1000

def status_kb(field):
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0

def get(path):
    with urllib.request.urlopen(url + path, timeout=60) as answer:
        return json.load(answer)

def post(lines):
    request = urllib.request.Request(url + "/events", data=lines, method="POST",
                                     headers={"content-type": "application/x-ndjson"})
    with urllib.request.urlopen(request, timeout=120) as answer:
        return answer.status

started = time.monotonic()
sent = refused = 0
peak_active = 0
statuses = {}
while sent < events:
    count = min(batch, events - sent)
    lines = []
    for i in range(sent, sent + count):
        address = "10.%d.%d.%d" % ((i >> 16) & 255, (i >> 8) & 255, i & 255)
        lines.append('{"ip":"%s","method":"POST","path":"/login","status":401,"userAgent":"flood/1"}' % address)
    try:
        code = post(("\n".join(lines) + "\n").encode())
    except urllib.error.HTTPError as error:
        code = error.code
    statuses[code] = statuses.get(code, 0) + 1
    sent += count
    subjects = get("/events/stats").get("subjects") or {}
    peak_active = max(peak_active, subjects.get("active", 0))
    pause = started + seconds * sent / events - time.monotonic()
    if pause > 0:
        time.sleep(pause)

sending = time.monotonic() - started
while True:
    stats = get("/events/stats")
    subjects = stats.get("subjects") or {}
    peak_active = max(peak_active, subjects.get("active", 0))
    if stats["pending"] == 0:
        break
    time.sleep(1)

decisions = get("/decisions")
in_force = decisions if isinstance(decisions, list) else decisions.get("items", [])
print("events sent: %d in %.0f s (posts by status: %s); delivered after %.0f s"
      % (sent, sending, statuses, time.monotonic() - started))
print("accepted %d, dropped %d, folded %d, unrated %d, dispatch failures %d"
      % (stats["accepted"], stats["dropped"], stats["folded"], stats["unrated"], stats["dispatchFailures"]))
print("active subjects: %d now, %d peak seen, cap %d; activations refused %d"
      % (subjects.get("active", 0), peak_active, subjects.get("capacity", 0), subjects.get("refused", 0)))
print("decisions in force: %d (%d on networks)"
      % (len(in_force), sum(1 for d in in_force if str(d.get("target", "")).startswith("cidr:"))))
print("peak working set (VmHWM): %d MB; working set now (VmRSS): %d MB"
      % (status_kb("VmHWM") // 1024, status_kb("VmRSS") // 1024))
PY
