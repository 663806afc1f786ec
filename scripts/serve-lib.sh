# Sourced by the scripts that test a running server: starts `wijkpeil serve` on a free port.
#   start_server BIN DB [more serve options...]   sets $server (its pid), $port and $base
start_server() {
    local bin="$1" db="$2"
    shift 2
    local out
    out="$(mktemp)"
    "$bin" serve --db "$db" --port 0 "$@" > "$out" 2> "$out.err" &
    server=$!
    for _ in $(seq 100); do grep -q "open http" "$out" 2>/dev/null && break; sleep 0.1; done
    base=$(grep -o 'http://[^ ]*' "$out" | head -1 | sed 's:/$::')
    port=${base##*:}
    rm -f "$out" "$out.err"
    [ -n "$port" ] || { echo "the server did not start" >&2; return 1; }
}
