# api.sh - the library exports only dyad_ names; the tool runs.
. tests/cli/lib.sh
bad=$(nm -D --defined-only "$(dirname "$DYAD")/libdyad.so" | awk '$2 ~ /^[TDBRW]$/ {print $3}' | grep -v '^dyad_' | grep -v '^_' )
check api/exports-prefixed [ -z "$bad" ]
[ -n "$bad" ] && echo "unprefixed exports: $bad"
"$DYAD" --version | grep -q '^dyad [0-9]' ; check cli/version [ $? -eq 0 ]
"$DYAD" nosuchcommand 2>/dev/null; check cli/unknown-command-exit-2 [ $? -eq 2 ]
