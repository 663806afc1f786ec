#!/usr/bin/env bash
# Wijkpeil's QR encoder against a reference: 200 random addresses and codes (or $1), each
# compared module for module with segno (PyPI) at the same version, level M and mask, and
# decoded by zbar (Debian's zbar-tools) after rasterising the SVG (librsvg2-bin). Installs
# what it needs.
#   scripts/check-qr.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v zbarimg >/dev/null || ! command -v rsvg-convert >/dev/null; then
    apt-get update -qq && apt-get install -y -qq zbar-tools librsvg2-bin
fi
work="${TMPDIR:-/tmp}/wijkpeil-qr"
mkdir -p "$work"
if [ ! -x "$work/venv/bin/python" ]; then
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install -q "segno==1.6.6"
fi
swift build ${SWIFT_BUILD_FLAGS:-} -q
"$work/venv/bin/python" scripts/check_qr.py .build/debug/wijkpeil "${1:-200}"
