#!/usr/bin/env bash
# Wijkpeil against the scripts a researcher would write (scripts/peers/): the same generated
# responses imported (JSONL and CSV) and exported by both, each timed as a whole process
# (interpreter start and imports included) with its peak memory, outputs checked equal, ratios
# printed. Installs pandas, SciPy and regex in a venv of its own; builds Wijkpeil in release.
#   scripts/peers.sh [ROWS] [RUNS]        (defaults: 100000 rows, 1 run)
set -euo pipefail
cd "$(dirname "$0")/.."
work="${TMPDIR:-/tmp}/wijkpeil-peers"
mkdir -p "$work"
if [ ! -x "$work/venv/bin/python" ]; then
    python3 -m venv "$work/venv"
fi
"$work/venv/bin/pip" install -q "pandas==3.1.1" "numpy==2.4.6" "scipy==1.17.1" "regex==2026.11.19"
command -v /usr/bin/time >/dev/null || apt-get install -y -qq time
swift build -c release --product wijkpeil -q
"$work/venv/bin/python" scripts/peers/compare.py .build/release/wijkpeil "$work" "${1:-100000}" "${2:-1}"
