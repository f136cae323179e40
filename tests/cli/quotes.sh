# quotes.sh - quotations and their speakers: `dyad code --quotes` and the
# store's quotes table, French and English.
. tests/cli/lib.sh
"$DYAD" code -q --quotes examples/2022-08_russia-allies.fr.txt > "$TMP/fr.jsonl"
check quotes/fr-exit [ $? -eq 0 ]
python3 - "$TMP/fr.jsonl" <<'PY'
import json, sys
qs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
q = [x for x in qs if x["text"].startswith("Les travailleurs coréens")]
ok = len(q) == 1 and q[0]["speaker"] and q[0]["speaker"]["code"] == "RUSGOV" \
     and q[0]["speaker"]["text"].startswith("Alexander Matsegora") and q[0]["text"].endswith("ukrainiens")
print(("ok" if ok else "not ok") + " quotes/fr-ambassador-speaker" + ("" if ok else ": %r" % qs))
# the speech marks are not part of the text; spans slice the file's
# original bytes, its header line included (a slice that cuts a character
# is a failure, not a crash of the check)
art = open("examples/2022-08_russia-allies.fr.txt", "rb").read()
good = all(art[x["span"][0]:x["span"][1]].decode("utf-8", "replace") == x["text"] for x in qs)
print(("ok" if good else "not ok") + " quotes/fr-spans-slice-text")
PY
printf '%s' '"We fully support Russia," said the North Korean foreign minister.' |
    "$DYAD" code -q --quotes --input text --lang en --date 2022-08-20 - > "$TMP/en.jsonl"
python3 - "$TMP/en.jsonl" <<'PY'
import json, sys
qs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
ok = len(qs) == 1 and qs[0]["speaker"] and qs[0]["speaker"]["code"] == "PRKGOV" \
     and qs[0]["text"] == "We fully support Russia,"
print(("ok" if ok else "not ok") + " quotes/en-said-speaker" + ("" if ok else ": %r" % qs))
PY
"$DYAD" code -q --quotes --format tsv examples/ >/dev/null 2>&1
check quotes/no-tsv-exit-2 [ $? -eq 2 ]
"$DYAD" ingest -q --db "$TMP/q.db" examples/ >/dev/null 2>&1
n=$(sqlite3 "$TMP/q.db" "SELECT count(*) FROM quotes WHERE speaker_code = 'RUSGOV'")
check quotes/stored-with-speaker [ "$n" -ge 1 ]
