# Sourced by the scripts that start servers on loopback. free_port prints a port in 20000-31999 on which no TCP or UDP
# socket exists (TIME_WAIT included: a silo binds its ports without reuse) and which no FILE given names as "=PORT".
# The range lies below the kernel's ephemeral ports, which outgoing connections take, and above the ones the test
# suite hands out (10000-19999, tests/Shared/LoopbackPorts.cs).
#
#   port="$(free_port [FILE...])"

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( (RANDOM % 12000) + 20000 ))
    if ! ss -tuanH "sport = :${port}" | grep -q . && { (( $# == 0 )) || ! grep -qs "=${port}\$" "$@"; }; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port found in 20000-31999" >&2
  return 1
}
