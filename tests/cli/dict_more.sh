# dict_more.sh - `dyad dict coverage` (triggers per CAMEO code and language)
# and `dyad dict unknown` (names and agent nouns no entry matches).
. tests/cli/lib.sh

"$DYAD" dict coverage >"$TMP/cov" 2>"$TMP/cov.err"; rc=$?
check dict/coverage-exit-0 [ $rc -eq 0 ]
check dict/coverage-header sh -c "head -1 '$TMP/cov' | grep -q '^code	fr	en	'"
# a base code line: code, fr, en, fr and en with sub-codes, name
check dict/coverage-base-line grep -q '^111	[0-9]*	[0-9]*	[1-9][0-9]*	[1-9][0-9]*	' "$TMP/cov"
# issue 13: every base (3-digit) CAMEO code has a French and an English trigger
check dict/coverage-every-base-code-fr grep -q '^# base codes without a French trigger: 0 of ' "$TMP/cov"
check dict/coverage-every-base-code-en grep -q '^# base codes without an English trigger: 0 of ' "$TMP/cov"
"$DYAD" dict coverage --missing >"$TMP/miss" 2>/dev/null
check dict/coverage-missing-lists-none sh -c "! grep -v '^#' '$TMP/miss' | grep -q ."
"$DYAD" dict coverage --lexicon "$TMP/none.lex" >/dev/null 2>"$TMP/nolex.err"; rc=$?
check dict/coverage-no-lexicon-exit-1 [ $rc -eq 1 ]
check dict/coverage-no-lexicon-says-so grep -q 'cannot open lexicon' "$TMP/nolex.err"

cat >"$TMP/u.txt" <<'TXT'
Le Zorglub Frères a critiqué le gouvernement. Les saboteurs ont fui.
Selon le Zorglub Frères, les saboteurs sont partis. Emmanuel Macron a parlé à la Russie.
TXT
"$DYAD" dict unknown --lang fr "$TMP/u.txt" >"$TMP/u.out" 2>"$TMP/u.err"; rc=$?
check dict/unknown-exit-0 [ $rc -eq 0 ]
check dict/unknown-name-counted grep -q '^name	2	Zorglub Frères	Le Zorglub Frères a critiqué' "$TMP/u.out"
check dict/unknown-agent-counted grep -q '^agent	2	saboteurs	' "$TMP/u.out"
# known entries (a person, a country, an agent) are not listed, even seen once
"$DYAD" dict unknown --lang fr --min 1 "$TMP/u.txt" >"$TMP/u1.out" 2>/dev/null
check dict/unknown-known-left-out sh -c "! cut -f3 '$TMP/u1.out' | grep -qE 'Macron|Russie|gouvernement'"
"$DYAD" dict unknown --lang fr --min 3 "$TMP/u.txt" >"$TMP/u3.out" 2>/dev/null
check dict/unknown-min sh -c "! grep -q . '$TMP/u3.out'"
"$DYAD" dict unknown >/dev/null 2>&1; rc=$?
check dict/unknown-no-corpus-exit-2 [ $rc -eq 2 ]
"$DYAD" dict unknown --top x "$TMP/u.txt" >/dev/null 2>&1; rc=$?
check dict/unknown-bad-top-exit-2 [ $rc -eq 2 ]
"$DYAD" dict unknown "$TMP/absent.txt" >/dev/null 2>"$TMP/abs.err"; rc=$?
check dict/unknown-missing-file-skipped-exit-3 [ $rc -eq 3 ]
check dict/unknown-missing-file-named grep -q 'absent.txt' "$TMP/abs.err"
