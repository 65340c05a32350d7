#!/bin/sh
# Starts HAProxy with haproxy.cfg in the foreground after creating the state folder and the empty map files that
# the configuration names (HAProxy refuses to start when a map file is missing). Existing map files are kept: kwaf
# replaces their contents through the Runtime API after every start anyway.
set -eu
: "${HAPROXY_STATE:?set HAPROXY_STATE}"
mkdir -p "$HAPROXY_STATE"
touch "$HAPROXY_STATE/kwaf-ips.map" "$HAPROXY_STATE/kwaf-users.map"
exec haproxy -W -db -f "$(dirname "$0")/haproxy.cfg" "$@"
