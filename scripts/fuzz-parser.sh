#!/usr/bin/env bash
# Fuzzes the HTTP request parser with libFuzzer (the Swift toolchain's -sanitize=fuzzer, with
# AddressSanitizer) for SECONDS seconds (default 600). Exit 0 when no input crashed it.
#   scripts/fuzz-parser.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
work="${TMPDIR:-/tmp}/wijkpeil-fuzz"
mkdir -p "$work/corpus"
# Seeds: a few well-formed and odd requests (CRLF line ends).
printf 'GET / HTTP/1.1\r\nHost: a\r\n\r\n' > "$work/corpus/get"
printf 'POST /s/x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello' > "$work/corpus/post"
printf 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc' > "$work/corpus/smuggle"
printf 'POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n{}GET / HTTP/1.0\r\n\r\n' > "$work/corpus/pipeline"
swiftc -O -sanitize=fuzzer,address -parse-as-library \
    Sources/HTTPCore/HTTPRequest.swift Sources/HTTPCore/HTTPRequestParser.swift Sources/HTTPCore/URLEncodedForm.swift \
    scripts/fuzz/RequestParserFuzz.swift -o "$work/fuzz-request-parser" 2>&1 | grep -v "Cannot export local symbol" || true
echo "fuzzing the request parser for ${seconds}s (corpus in $work/corpus)"
"$work/fuzz-request-parser" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -print_final_stats=1 "$work/corpus" 2>&1 | tail -n 12
