#!/usr/bin/env bash
# A real browser fills in a form: headless Chromium (Debian) driven by Selenium, with axe-core
# (from the axe-playwright-python wheel) run on every page. Installs what it needs.
#   scripts/browser-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    apt-get update -qq && apt-get install -y -qq chromium chromium-driver
fi
work="${TMPDIR:-/tmp}/wijkpeil-browser"
mkdir -p "$work"
if [ ! -x "$work/venv/bin/python" ]; then
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install -q selenium
fi
if [ ! -f "$work/axe.min.js" ]; then
    "$work/venv/bin/pip" download -q --no-deps axe-playwright-python -d "$work/wheel"
    "$work/venv/bin/python" -c "import glob, zipfile; z = zipfile.ZipFile(glob.glob('$work/wheel/*.whl')[0]); open('$work/axe.min.js', 'wb').write(z.read('axe_playwright_python/axe.min.js'))"
fi
swift build ${SWIFT_BUILD_FLAGS:-} -q
rm -f "$work/w.sqlite" "$work/w.sqlite-wal" "$work/w.sqlite-shm"
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$work/token"
. scripts/serve-lib.sh
start_server .build/debug/wijkpeil "$work/w.sqlite" --admin-token-file "$work/token"
trap 'kill -INT $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
echo "server at $base"
"$work/venv/bin/python" scripts/browser_check.py "$base" "$(cat "$work/token")" "$work/axe.min.js"
