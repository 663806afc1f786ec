#!/usr/bin/env bash
# Crash test through HTTP: a load of JSON POSTs against `wijkpeil serve`, the server killed with
# SIGKILL at a random moment, then restarted on the same database. Every response acknowledged
# with 201 must be stored exactly once (checked in the database) and posting its key again must
# answer 200 with the same id (checked through the restarted server). After the restarted server
# is stopped with Ctrl-C, the database file alone (without its -wal) holds every answer.
#   scripts/crash-test-http.sh [RUNS]        (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
swift build ${SWIFT_BUILD_FLAGS:-} --product wijkpeil -q
swift build ${SWIFT_BUILD_FLAGS:-} --product wijkpeil-bench -q
bin="$(swift build ${SWIFT_BUILD_FLAGS:-} --show-bin-path)/wijkpeil"
work="$(mktemp -d)"
trap 'rm -rf "$work"; kill -9 $(jobs -p) 2>/dev/null || true' EXIT

. scripts/serve-lib.sh

passed=0
failed=0
for ((run = 1; run <= runs; run++)); do
    rm -f "$work"/http.sqlite*
    start_server "$bin" "$work/http.sqlite"
    python3 scripts/http_load.py "$port" 16 > "$work/acked" 2>/dev/null &
    load=$!
    # Once answers are being acknowledged, kill at a random moment 0 to 0.9 s later.
    for _ in $(seq 100); do [ -s "$work/acked" ] && break; sleep 0.05; done
    sleep "0.$((RANDOM % 10))"
    kill -9 "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    wait "$load" 2>/dev/null || true
    # The database as the kill left it: every acknowledged key stored once, nothing half-written.
    cut -d' ' -f1 "$work/acked" > "$work/keys"
    ok=true
    "$bin-bench" crash-check --db "$work/http.sqlite" --acknowledged "$work/keys" > "$work/check.out" 2> "$work/check.err" || ok=false
    # The restarted server knows every acknowledged key.
    start_server "$bin" "$work/http.sqlite"
    python3 scripts/http_load.py "$port" --replay "$work/acked" 2> "$work/replay.err" || ok=false
    kill -INT "$server"; wait "$server" 2>/dev/null || true
    # After a clean stop the database file alone, copied without its -wal, holds every answer.
    cp "$work/http.sqlite" "$work/alone.sqlite"
    "$bin-bench" crash-check --db "$work/alone.sqlite" --acknowledged "$work/keys" > "$work/alone.out" 2> "$work/alone.err" || ok=false
    rm -f "$work"/alone.sqlite*
    if $ok; then
        passed=$((passed + 1))
        echo "run $run: ok ($(cat "$work/check.err"); $(tail -1 "$work/replay.err"); the .sqlite file alone: $(cat "$work/alone.err"))" >&2
    else
        failed=$((failed + 1))
        echo "run $run: FAILED" >&2
        cat "$work/check.out" "$work/check.err" "$work/replay.err" "$work/alone.out" "$work/alone.err" >&2
    fi
done
echo "crash-test-http: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
