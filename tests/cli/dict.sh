# dict.sh - `dyad dict build` and `dyad dict check`: exit codes, FILE:LINE
# diagnostics on stderr, a lexicon that the library opens, and a lint run
# over the shipped data/ that must not crash (its findings are reported,
# not failed on: the data is being written).
. tests/cli/lib.sh
FIX=tests/fixtures/dict

"$DYAD" dict check --data "$FIX/bad" >"$TMP/out" 2>"$TMP/err"
check dict/check-bad-exit-1 [ $? -eq 1 ]
check dict/check-bad-file-line grep -q "^$FIX/bad/actors/bad.tsv:3: error: unknown kind 'planet'" "$TMP/err"
check dict/check-bad-duplicate grep -q "^$FIX/bad/actors/bad.tsv:6: duplicate:" "$TMP/err"
check dict/check-bad-conflict grep -q "^$FIX/bad/actors/bad.tsv:7: conflict:" "$TMP/err"
check dict/check-bad-taxonomy grep -q "^$FIX/bad/triggers/fr.tsv:2: code: event code 999" "$TMP/err"
check dict/check-bad-counts grep -q "^9 errors, .* 2 duplicates, 1 conflicts" "$TMP/out"

"$DYAD" dict build --data "$FIX/bad" --out "$TMP/bad.lex" -q >"$TMP/out" 2>"$TMP/err"
check dict/build-bad-exit-1 [ $? -eq 1 ]
check dict/build-bad-not-written [ ! -e "$TMP/bad.lex" ]
check dict/build-quiet-no-warnings sh -c "! grep -q warning: '$TMP/err'"
check dict/build-bad-file-line grep -q "bad.tsv:4: error: expected 4 or 5" "$TMP/err"

"$DYAD" dict check --data "$FIX/good" >"$TMP/out" 2>"$TMP/err"
check dict/check-good-exit-0 [ $? -eq 0 ]
check dict/check-good-silent [ ! -s "$TMP/err" ]

"$DYAD" dict build --data "$FIX/good" --out "$TMP/good.lex" >"$TMP/out" 2>"$TMP/err"
check dict/build-good-exit-0 [ $? -eq 0 ]
check dict/build-good-summary grep -q "^actors 18 (roles 4), triggers 5, cues 6, cameo codes 10" "$TMP/out"
check dict/build-good-magic sh -c "head -c 7 '$TMP/good.lex' | grep -q DYADLEX"
"$DYAD" dict build --data "$FIX/good" --out "$TMP/q.lex" -q >"$TMP/out" 2>&1
check dict/build-quiet-silent [ ! -s "$TMP/out" ]
check dict/build-deterministic cmp -s "$TMP/good.lex" "$TMP/q.lex"

"$DYAD" dict build --data "$TMP/none" --out "$TMP/empty.lex" -q 2>"$TMP/err"
rc=$?
check dict/build-no-data-ok [ $rc -eq 0 ]
check dict/build-no-data-written [ -s "$TMP/empty.lex" ]

"$DYAD" dict build --data "$FIX/good" >/dev/null 2>&1
check dict/build-needs-out [ $? -eq 2 ]
"$DYAD" dict frobnicate >/dev/null 2>&1
check dict/unknown-subcommand [ $? -eq 2 ]
"$DYAD" dict build --help | grep -q -- "--out FILE"
check dict/help [ $? -eq 0 ]

# The shipped dictionaries are clean: no errors, duplicates, conflicts or
# unknown codes (dyad dict check exits 0), and they build.
if [ -d data ]; then
    "$DYAD" dict check --data data >"$TMP/out" 2>"$TMP/err"
    rc=$?
    check dict/check-shipped-data-clean [ $rc -eq 0 ]
    [ $rc -eq 0 ] || head -n 20 "$TMP/err"
    tail -n 1 "$TMP/out"
    "$DYAD" dict build --data data --out "$TMP/data.lex" -q 2>"$TMP/err"
    rc=$?
    check dict/build-shipped-data [ $rc -eq 0 ]
else
    skip dict/check-shipped-data-runs "no data/"
fi
