#!/usr/bin/env bash
# Differential test of the request parser against llhttp (PyPI), through a running server.
#   scripts/differential-llhttp.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work="${TMPDIR:-/tmp}/wijkpeil-llhttp"
mkdir -p "$work"
if [ ! -x "$work/venv/bin/python" ]; then
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install -q llhttp
fi
swift build -q
rm -f "$work"/w.sqlite*
.build/debug/wijkpeil serve --db "$work/w.sqlite" --port 0 > "$work/serve.out" 2> "$work/serve.err" &
server=$!
trap 'kill -INT $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q "open http" "$work/serve.out" 2>/dev/null && break; sleep 0.2; done
port=$(grep -o 'http://[^ ]*' "$work/serve.out" | head -1 | sed 's:.*\:\([0-9]*\)/$:\1:')
"$work/venv/bin/python" scripts/differential_llhttp.py 127.0.0.1 "$port"
