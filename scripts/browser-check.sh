#!/usr/bin/env bash
# A real browser fills in a form: headless Chromium (Debian) driven by Selenium, with axe-core
# (from the axe-playwright-python wheel) run on every page; then the pages the commands write
# from the bundled sample (the agenda for residents, the programme, the progress reports, the
# evaluation form, the dashboard, the budget vote, the analysis, the posters) are opened from
# disk, checked by axe, at 320 px and 200% zoom without sideways scrolling, and printed.
# With --screenshots, every page is photographed at 375 and 1280 px into docs/screenshots/.
# Installs what it needs.
#   scripts/browser-check.sh [--screenshots]
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
pages="$work/pages"
rm -rf "$pages" && mkdir -p "$pages"
w=.build/debug/wijkpeil
s=samples/kerkwijk
cp "$s/agenda.json" "$s/programma-2027.json" "$pages/"
$w analyse --survey wijkanalyse --responses $s/antwoorden.csv --reference $s/stad.csv --indicators $s/indicatoren.csv \
    --population $s/bevolking.csv --by buurt --format html --out "$pages/analyse.html"
$w analyse --survey wijkanalyse --responses $s/antwoorden.csv --reference $s/stad.csv --indicators $s/indicatoren.csv \
    --population $s/bevolking.csv --by buurt --format json --out "$pages/analyse.json"
$w stickers tally bewonersavond $s/stickers-tafel1.csv $s/stickers-tafel2.csv --format json --out "$pages/uitslag.json"
$w agenda publish "$pages/agenda.json" --out "$pages/agenda.html"
$w programme show "$pages/programma-2027.json" --format html --out "$pages/programma.html"
$w programme report "$pages/programma-2027.json" --months 4 --today 2027-05-06 --indicators $s/indicatoren-reeks.csv --out "$pages/voortgang-raad.html"
$w programme report "$pages/programma-2027.json" --months 4 --today 2027-05-06 --for residents --survey wijkanalyse --out "$pages/voortgang-bewoners.html"
$w programme evaluate "$pages/programma-2027.json" --filled $s/evaluatie-2027-ingevuld.json --format html --out "$pages/evaluatie.html"
$w dashboard --programme "$pages/programma-2027.json" --analysis 2026="$pages/analyse.json" --stickers "$pages/uitslag.json" \
    --evaluation 2025=$s/evaluatie-antwoorden-2025.csv --evaluation 2027=$s/evaluatie-antwoorden-2027.csv \
    --indicators $s/indicatoren-reeks.csv --today 2027-11-30 --out "$pages/dashboard.html"
$w budget count --pb $s/wijkbudget-2027.pb --format html --out "$pages/wijkbudget.html"
$w stickers poster bewonersavond --date 2026-12-10 --table 1 --out "$pages/posters.html"
$w surveys print wijkanalyse --count 2 --prefix A --public-url http://wijkpeil.lan:8080/ --out "$pages/formulieren.html"
# Ten invitation cards: two A4 sheets, each card's QR code read back from the printed PDF.
command -v zbarimg >/dev/null && command -v pdftoppm >/dev/null || apt-get install -y -qq zbar-tools poppler-utils
rm -f "$work"/kaart.sqlite* "$work/kaart-codes.csv"
$w invites create --db "$work/kaart.sqlite" --survey wijkbudget --count 10 --venue Noord --public-url http://wijkpeil.lan:8080/ \
    --out "$work/kaart-codes.csv" --cards "$pages/kaartjes.html" 2>/dev/null
rm -f "$work/w.sqlite" "$work/w.sqlite-wal" "$work/w.sqlite-shm" "$work/codes.csv"
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$work/token"
$w invites create --db "$work/w.sqlite" --survey wijkbudget --count 2 --out "$work/codes.csv" 2>/dev/null
cat > "$work/wijkpeil.json" <<'JSON'
{"organisation": "Gemeente Almelo, wijkteam Kerkwijk", "privacyUrl": "https://www.almelo.nl/privacyverklaring",
 "contact": "wijkteam-kerkwijk@almelo.nl", "mainSurvey": "wijkanalyse"}
JSON
if [ "${1:-}" = "--screenshots" ]; then
    export SHOTS="$PWD/docs/screenshots"
    mkdir -p "$SHOTS"
fi
. scripts/serve-lib.sh
start_server .build/debug/wijkpeil "$work/w.sqlite" --admin-token-file "$work/token" --settings "$work/wijkpeil.json"
trap 'kill -INT $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
echo "server at $base"
"$work/venv/bin/python" scripts/browser_check.py "$base" "$(cat "$work/token")" "$work/axe.min.js" "$pages" "$work/codes.csv"
if [ -n "${SHOTS:-}" ]; then
    # Fewer colours, a third of the bytes: the screenshots live in git.
    command -v pngquant >/dev/null || apt-get install -y -qq pngquant
    pngquant --force --ext .png --quality 60-85 --speed 1 "$SHOTS"/*.png
fi
