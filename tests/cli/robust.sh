# robust.sh - limits that skip, never abort, at the command line (issue 17):
# a document over a coder cap is reported with its file, line and byte
# offset and skipped, the files after it are read, and the exit status (3)
# says something was skipped.
. tests/cli/lib.sh
LEX=${BUILD:-build}/dyad.lex

# One name repeated 1.1 million times: over the 1M actor-match cap. Before
# issue 17 this was DYAD_ERR_NOMEM and the run stopped (exit 1).
python3 -c "import sys; sys.stdout.write('Iran ' * 1100000)" >"$TMP/big.txt"
printf 'Russia condemned France.\n' >"$TMP/z.txt"
"$DYAD" code --lexicon "$LEX" "$TMP/big.txt" "$TMP/z.txt" >"$TMP/out" 2>"$TMP/err"; rc=$?
check robust/toobig-exit-3 [ "$rc" -eq 3 ]
check robust/toobig-message grep -q "^dyad: $TMP/big.txt:1: byte 0: doc [0-9a-f]*: document of 5500000 bytes is over the coder's actor-match cap" "$TMP/err"
check robust/toobig-run-goes-on grep -q "2 documents read, 1 coded, 1 skipped" "$TMP/err"

# The same in JSON Lines, second record: its line and byte offset.
{ printf '{"id":"a","text":"Russia condemned France."}\n{"id":"b","text":"'
  cat "$TMP/big.txt"; printf '"}\n{"id":"c","text":"Iran met Iraq."}\n'; } >"$TMP/big.jsonl"
"$DYAD" ingest --lexicon "$LEX" --db "$TMP/big.db" "$TMP/big.jsonl" >/dev/null 2>"$TMP/err"; rc=$?
check robust/toobig-ingest-exit-3 [ "$rc" -eq 3 ]
check robust/toobig-jsonl-where grep -q "^dyad: $TMP/big.jsonl:2: byte 45: doc b: " "$TMP/err"
check robust/toobig-ingest-others [ "$(sqlite3 "$TMP/big.db" "SELECT group_concat(id) FROM documents")" = "a,c" ]
