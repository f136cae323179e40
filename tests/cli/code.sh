# code.sh - `dyad code`: good input (seed file, stdin, JSON Lines, folder),
# output formats, options, exit statuses and the closing summary.
. tests/cli/lib.sh
SEED=examples/2022-08_russia-allies.fr.txt
FIX=tests/fixtures/reader

# valid_jsonl FILE: every line of FILE is a JSON object (empty file is valid)
valid_jsonl() { python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    assert isinstance(json.loads(line), dict)
' "$1"; }

# the seed article, a file argument
"$DYAD" code "$SEED" >"$TMP/out" 2>"$TMP/err"; rc=$?
check code/seed-exit-0 [ $rc -eq 0 ]
check code/seed-jsonl-valid valid_jsonl "$TMP/out"
check code/seed-summary grep -Eq '^dyad code: 1 documents read, 1 coded, 0 skipped, [0-9]+ events$' "$TMP/err"
nev=$(wc -l <"$TMP/out" | tr -d " ")
grep -q "^dyad code: 1 documents read, 1 coded, 0 skipped, $nev events\$" "$TMP/err"
check code/summary-counts-events [ $? -eq 0 ]
cp "$TMP/out" "$TMP/seed.out"

# the same article on standard input, with and without "-"
"$DYAD" code <"$SEED" >"$TMP/out" 2>"$TMP/err"; rc=$?
check code/stdin-exit-0 [ $rc -eq 0 ]
check code/stdin-same-output cmp -s "$TMP/out" "$TMP/seed.out"
cat "$SEED" | "$DYAD" code - >"$TMP/out" 2>"$TMP/err"
check code/stdin-dash-same-output cmp -s "$TMP/out" "$TMP/seed.out"
check code/stdin-summary grep -q '^dyad code: 1 documents read, 1 coded, 0 skipped' "$TMP/err"

# JSON Lines and a folder (hidden entries skipped)
"$DYAD" code "$FIX/good.jsonl" >"$TMP/out" 2>"$TMP/err"; rc=$?
check code/jsonl-exit-0 [ $rc -eq 0 ]
check code/jsonl-summary grep -q '^dyad code: 2 documents read, 2 coded, 0 skipped' "$TMP/err"
"$DYAD" code "$FIX/tree" >"$TMP/out" 2>"$TMP/err"; rc=$?
check code/dir-exit-0 [ $rc -eq 0 ]
check code/dir-summary grep -q '^dyad code: 4 documents read, 4 coded, 0 skipped' "$TMP/err"

# every event has every field, and "text" is the sentence text
python3 - "$TMP/seed.out" <<'PY' ; check code/event-fields [ $? -eq 0 ]
import json, sys
keys = {"doc", "sent", "date", "event_date", "code", "root", "quad", "goldstein", "plover",
        "source", "target", "polarity", "modality", "attribution", "location", "trigger",
        "text", "lang", "rule", "roles_by", "mentions"}
for line in open(sys.argv[1], encoding="utf-8"):
    e = json.loads(line)
    assert set(e) == keys, set(e) ^ keys
    assert e["polarity"] in ("asserted", "negated", "refused")
    assert e["modality"] in ("actual", "intended", "possible", "reported")
    assert e["date"] == "2022-08"
    actor = {"code", "country", "text", "span", "resolved_by"}
    assert set(e["source"]) == actor and e["source"]["resolved_by"], e["source"]
    assert e["target"] is None or (set(e["target"]) == actor and e["target"]["resolved_by"])
    assert set(e["trigger"]) == {"text", "span"}
PY

# spans are byte offsets into the file, its `date` header included:
# trigger and actor spans slice to their text, inside the sentence text
python3 - "$SEED" "$TMP/seed.out" <<'PY' ; check code/event-spans [ $? -eq 0 ]
import json, sys
text = open(sys.argv[1], "rb").read()
for line in open(sys.argv[2], encoding="utf-8"):
    e = json.loads(line)
    sent = e["text"].encode("utf-8")
    for part in (e["trigger"], e["source"], e["target"]):
        if part is None:
            continue
        a, b = part["span"]
        assert text[a:b].decode("utf-8") == part["text"], (part, text[a:b])
    a, b = e["trigger"]["span"]
    assert text[a:b] in sent, (e["trigger"], e["text"])
PY

# TSV: a header, then rows with as many columns
"$DYAD" code --format tsv "$SEED" >"$TMP/out" 2>"$TMP/err"; rc=$?
check code/tsv-exit-0 [ $rc -eq 0 ]
head -n 1 "$TMP/out" | grep -q '^doc	sent	date	event_date	code	root	quad	goldstein	plover	source_code	'
check code/tsv-header [ $? -eq 0 ]
check code/tsv-columns awk -F '\t' 'NR == 1 { n = NF } NF != n { exit 1 } END { exit n != 34 }' "$TMP/out"
check code/tsv-rows-match-jsonl [ "$(($(wc -l <"$TMP/out") - 1))" -eq "$nev" ]

# verbosity: -q prints nothing on good input
"$DYAD" code -q "$SEED" >/dev/null 2>"$TMP/err"
check code/quiet-no-stderr [ ! -s "$TMP/err" ]

# --date is used when the document has none; the seed date wins
printf '{"id":"d1","text":"La Russie a condamné."}\n' | "$DYAD" code -q --date 2021-03 >/dev/null 2>&1
check code/date-option-exit-0 [ $? -eq 0 ]

# usage errors: exit 2 and a message naming the option
"$DYAD" code --input xml "$SEED" >/dev/null 2>"$TMP/err"; rc=$?
check code/bad-input-format-exit-2 [ $rc -eq 2 ]
check code/bad-input-format-message grep -q -- '--input must be' "$TMP/err"
"$DYAD" code --date 2022-13 "$SEED" >/dev/null 2>"$TMP/err"
check code/bad-date-exit-2 [ $? -eq 2 ]
"$DYAD" code --lang de "$SEED" >/dev/null 2>"$TMP/err"
check code/bad-lang-exit-2 [ $? -eq 2 ]
"$DYAD" code --format xml "$SEED" >/dev/null 2>"$TMP/err"
check code/bad-format-exit-2 [ $? -eq 2 ]
"$DYAD" code --nope "$SEED" >/dev/null 2>"$TMP/err"
check code/unknown-option-exit-2 [ $? -eq 2 ]
"$DYAD" code --one-actor some "$SEED" >/dev/null 2>"$TMP/err"
check code/bad-one-actor-exit-2 [ $? -eq 2 ]
check code/bad-one-actor-message grep -q -- "--one-actor must be kinds, all or none, not 'some'" "$TMP/err"

# --one-actor: events with no target found are kept by kind (default),
# all, or none; with -j 2 as with -j 1
printf '{"id":"v","lang":"en","date":"2022-08-10","text":"President Vladimir Putin flew to the region on Monday. The Kremlin declined to comment."}\n' >"$TMP/lone.jsonl"
for m in kinds all none; do
    "$DYAD" code -q -j 2 --one-actor $m "$TMP/lone.jsonl" | sed -n 's/.*"code":"\([0-9]*\)".*"target":\(null\|{\).*/\1 \2/p' | sort | tr '\n' ' ' >"$TMP/lone.$m"
done
"$DYAD" code -q "$TMP/lone.jsonl" | sed -n 's/.*"code":"\([0-9]*\)".*"target":\(null\|{\).*/\1 \2/p' | sort | tr '\n' ' ' >"$TMP/lone.default"
check code/one-actor-kinds [ "$(cat "$TMP/lone.kinds")" = "011 null " ]
check code/one-actor-default-is-kinds cmp -s "$TMP/lone.kinds" "$TMP/lone.default"
check code/one-actor-all [ "$(cat "$TMP/lone.all")" = "011 null 042 null " ]
check code/one-actor-none [ ! -s "$TMP/lone.none" ]
"$DYAD" code --date >/dev/null 2>"$TMP/err"
check code/missing-value-exit-2 [ $? -eq 2 ]

# a lexicon that was asked for and cannot be opened is fatal
"$DYAD" code --lexicon "$TMP/no-such.lex" "$SEED" >"$TMP/out" 2>"$TMP/err"
check code/missing-lexicon-exit-1 [ $? -eq 1 ]
check code/missing-lexicon-message grep -q "cannot open lexicon $TMP/no-such.lex" "$TMP/err"
check code/missing-lexicon-no-output [ ! -s "$TMP/out" ]

# --help comes from the option table
"$DYAD" code --help >"$TMP/out" 2>"$TMP/err"; rc=$?
check code/help-exit-0 [ $rc -eq 0 ]
ok=0
for o in --input --date --lang --lexicon --format --strict; do grep -q -- "$o" "$TMP/out" || ok=1; done
check code/help-lists-options [ $ok -eq 0 ]

# the examples of docs/cli.md ("    $ ..." lines) run and exit 0
grep '^    \$ ' docs/cli.md | sed 's/^    \$ //' >"$TMP/examples"
check code/docs-examples-found [ -s "$TMP/examples" ]
# run them in a scratch folder (dyad ingest writes dyad.db in the current
# folder) that sees the repository's examples/ and tests/
mkdir -p "$TMP/work" && ln -s "$PWD/examples" "$PWD/tests" "$TMP/work/"
ABSDYAD=$(cd "$(dirname "$DYAD")" && pwd)/$(basename "$DYAD")
i=0
while IFS= read -r cmd; do
    i=$((i + 1))
    (cd "$TMP/work" && DYADBIN="$ABSDYAD" sh -c "dyad() { \"\$DYADBIN\" \"\$@\"; }; $cmd") </dev/null >/dev/null 2>"$TMP/err"
    check "code/docs-example-$i" [ $? -eq 0 ]
done <"$TMP/examples"
