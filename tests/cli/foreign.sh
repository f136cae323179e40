# foreign.sh - TABARI and PETRARCH dictionaries on the command line:
# `dict build --tabari/--petrarch`, `code --dict`, and `eval` picking up a
# suite's own dictionaries (figures printed, targets not asserted).
. tests/cli/lib.sh
FIX=tests/fixtures/foreign

"$DYAD" dict build --tabari "$FIX/mini.project" --out "$TMP/mini.lex" >"$TMP/out" 2>"$TMP/err"
check foreign/build-tabari-exit-0 [ $? -eq 0 ]
check foreign/build-tabari-counts grep -q "^pattern " "$TMP/out"
check foreign/build-tabari-file-line grep -q "^$FIX/mini.verbs:20: warning: pattern names an unknown synset" "$TMP/err"
check foreign/build-tabari-magic sh -c "head -c 7 '$TMP/mini.lex' | grep -q DYADLEX"

"$DYAD" dict build --petrarch "$FIX/petr.actors.txt,$FIX/petr.verbs.txt" --out "$TMP/p.lex" >"$TMP/out" 2>"$TMP/err"
check foreign/build-petrarch-exit-0 [ $? -eq 0 ]

"$DYAD" dict build --dict "kedrs:$FIX/mini.project" --out "$TMP/x.lex" >"$TMP/out" 2>"$TMP/err"
check foreign/build-bad-spec-exit-1 [ $? -eq 1 ]

printf 'Arnor condemned Gondor on Tuesday.\n' | "$DYAD" code --input text --lang en --date 1995-01-01 \
    --dict "tabari:$FIX/mini.project" >"$TMP/out" 2>"$TMP/err"
check foreign/code-dict-exit-0 [ $? -eq 0 ]
check foreign/code-dict-event grep -q '"111"' "$TMP/out"

"$DYAD" code --dict "tabari:$FIX/mini.project" --lexicon build/dyad.lex </dev/null >"$TMP/out" 2>"$TMP/err"
check foreign/code-dict-and-lexicon-usage [ $? -eq 2 ]

if [ -d ../shared/data/tabari-validation ] && [ -d ../shared/data/petrarch2 ]; then
    "$DYAD" eval ../shared/data/tabari-validation/Validate.text >"$TMP/out" 2>"$TMP/err"
    check foreign/eval-tabari-completes [ $? -eq 0 ]
    check foreign/eval-tabari-loaded grep -q "(loaded)" "$TMP/out"
    check foreign/eval-tabari-figures grep -q "^  lenient " "$TMP/out"
    "$DYAD" eval ../shared/data/petrarch2/text/PETR.UnitTest.records.xml >"$TMP/out" 2>"$TMP/err"
    check foreign/eval-petrarch-completes [ $? -eq 0 ]
    check foreign/eval-petrarch-loaded grep -q "(loaded)" "$TMP/out"
    "$DYAD" dict build --petrarch ../shared/data/petrarch2/dictionaries --out "$TMP/ph.lex" -q >"$TMP/out" 2>"$TMP/err"
    check foreign/build-phoenix-exit-0 [ $? -eq 0 ]
else
    skip foreign/eval-suites "../shared/data not present"
fi
