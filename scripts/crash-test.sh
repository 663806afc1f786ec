#!/usr/bin/env bash
# Crash test for the store: a child process writes responses as fast as it can and prints each
# acknowledged submission key; it is killed with SIGKILL at a random moment; then the database is
# reopened and checked: every acknowledged key stored exactly once, every stored response valid
# against its definition (nothing half-written), and PRAGMA integrity_check says ok.
#
#   scripts/crash-test.sh [RUNS]        (default 20; try 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"
swift build ${SWIFT_BUILD_FLAGS:-} --product wijkpeil-bench >&2
bench="$(swift build ${SWIFT_BUILD_FLAGS:-} --show-bin-path)/wijkpeil-bench"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
for ((run = 1; run <= runs; run++)); do
    db="$work/crash-$run.sqlite"
    "$bench" crash-writer --db "$db" --surveys surveys > "$work/acked" 2> "$work/writer.err" &
    writer=$!
    # Kill somewhere between 0.2 and 1.2 seconds in: before, during and between commits.
    sleep "0.$((RANDOM % 10 + 2))"
    [ $((RANDOM % 2)) -eq 0 ] && sleep 0.$((RANDOM % 10))
    kill -9 "$writer" 2>/dev/null || true
    wait "$writer" 2>/dev/null || true
    if "$bench" crash-check --db "$db" --acknowledged "$work/acked" > "$work/check.out" 2> "$work/check.err"; then
        passed=$((passed + 1))
        echo "run $run: ok ($(cat "$work/check.err"))" >&2
    else
        failed=$((failed + 1))
        echo "run $run: FAILED" >&2
        cat "$work/check.out" "$work/check.err" "$work/writer.err" >&2
    fi
    rm -f "$db" "$db-wal" "$db-shm"
done
echo "crash-test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
