# tabari_options.sh - `dyad eval` applies a TABARI suite's OPTION records in
# file order, and warns about one it cannot read with FILE:LINE.
. tests/cli/lib.sh
FIX=tests/fixtures/tabari_options

"$DYAD" eval "$FIX/opts.text" >"$TMP/out" 2>"$TMP/err"
check tabari-options/eval-exit-0 [ $? -eq 0 ]
check tabari-options/eval-loaded grep -q "(loaded)" "$TMP/out"
check tabari-options/eval-warn-format grep -q "^dyad eval: $FIX/opts.text:16: warning: OPTION 'SET: MINIMUM WORDS = lots' ignored" "$TMP/err"
check tabari-options/eval-warn-unknown grep -q "^dyad eval: $FIX/opts.text:17: warning: OPTION 'FROBNICATE: ALL' ignored" "$TMP/err"
# CODE ALL gives both events of OPT-01; MINIMUM WORDS = 4 lets OPT-02 code
check tabari-options/eval-all-found grep -q "^  lenient     1.0000  1.0000  1.0000       3       0       0" "$TMP/out"
