#!/usr/bin/env bash
# The server's CPU time per keep-alive GET of the form page: its user + system time (from
# /proc/PID/stat) over a 6 s wrk run at 64 connections, after 2 s of warm-up, divided by the
# requests served. Unlike a throughput ratio it hardly depends on what else the machine does,
# so two builds can be compared on a busy machine. Installs wrk (Debian) if it is missing.
#   scripts/cpu-per-get.sh [PATH-TO-wijkpeil] [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${1:-.build/release/wijkpeil}"
port="${2:-18090}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
[ "$binary" = ".build/release/wijkpeil" ] && swift build -c release -q
work="$(mktemp -d)"
"$binary" serve --db "$work/bench.sqlite" --port "$port" > "$work/serve.out" 2>&1 &
server=$!
trap 'kill -INT "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do grep -q "open http" "$work/serve.out" 2>/dev/null && break; sleep 0.2; done
url="http://127.0.0.1:$port/s/wijkanalyse"
wrk -t2 -c64 -d2s "$url" > /dev/null
before=$(awk '{print $14 + $15}' "/proc/$server/stat")
requests=$(wrk -t2 -c64 -d6s "$url" | awk '/requests in/ {print $1}')
after=$(awk '{print $14 + $15}' "/proc/$server/stat")
awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" \
    'BEGIN { printf "%d GETs, %.1f us of server CPU per GET\n", n, ticks / hz * 1e6 / n }'
