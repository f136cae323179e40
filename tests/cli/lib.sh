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
