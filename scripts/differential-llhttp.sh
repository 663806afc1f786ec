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
. scripts/serve-lib.sh
start_server .build/debug/wijkpeil "$work/w.sqlite"
trap 'kill -INT $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
"$work/venv/bin/python" scripts/differential_llhttp.py 127.0.0.1 "$port"
