# lib.sh - helpers for CLI tests; source it. Each check prints
# "ok NAME" or "not ok NAME" (counted by tests/run.sh).
DYAD=${DYAD:-build/dyad}
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
ok()   { echo "ok $1"; }
nok()  { echo "not ok $1${2:+: $2}"; }
skip() { echo "skip $1${2:+: $2}"; }
# check NAME CONDITION-COMMAND...
check() { n=$1; shift; if "$@"; then ok "$n"; else nok "$n"; fi; }
shared_data() { [ -f ../shared/data/dyad-dev-gold/README.md ]; }
# serve_seed: ingest examples/ into $TMP/seed.db and start `dyad serve` on
# it at a free loopback port; sets SERVE_PID and SERVE_URL (empty when the
# server did not print its URL within 10 s). The caller kills SERVE_PID.
serve_seed() {
    "$DYAD" ingest -q --db "$TMP/seed.db" examples/
    "$DYAD" serve -q --db "$TMP/seed.db" --listen 127.0.0.1:0 >"$TMP/url" 2>"$TMP/err" &
    SERVE_PID=$!
    _i=0
    while [ ! -s "$TMP/url" ] && [ $_i -lt 100 ]; do sleep 0.1; _i=$((_i + 1)); done
    SERVE_URL=$(head -n 1 "$TMP/url")
}
