# spans.sh - every span dyad reports slices the input as its reader
# received it (docs/formats.md, "Spans"): for a seed or text file the
# file's bytes (decompressed), its `date` header and byte-order mark
# included; for JSON Lines the decoded "text" member; for a web page the
# extracted article text the store keeps. Checked with tests/spans.py on the
# output of dyad code (JSON and TSV), code --quotes, tokens, actors, parse,
# on the store (ingest, --recode) and on export --mentions, for a seed file
# with its header on the date's line and one on its own line, CRLF lines,
# byte-order marks, gzip and zstd, a folder of documents, a JSON Lines file
# of several records with escapes, a web page and a web archive (WARC).
. tests/cli/lib.sh

# spans NAME KIND OUTPUT SOURCE...: tests/spans.py, its message on failure
spans() {
    n=$1; shift
    if python3 tests/spans.py "$@" >"$TMP/spans.out" 2>&1; then ok "$n"; else nok "$n" "$(cat "$TMP/spans.out")"; fi
}
# every command's output for FILE (extra options before it), checked against SOURCE...
all_outputs() {
    tag=$1; src=$2; shift 2
    "$DYAD" code -j 1 "$@" >"$TMP/$tag.code" 2>/dev/null
    spans "spans/$tag-code" code "$TMP/$tag.code" $src
    "$DYAD" code -j 2 --format tsv "$@" >"$TMP/$tag.tsv" 2>/dev/null
    spans "spans/$tag-code-tsv" tsv "$TMP/$tag.tsv" $src
    if [ "${NOQUOTES:-0}" = 0 ]; then
        "$DYAD" code -j 1 --quotes "$@" >"$TMP/$tag.quotes" 2>/dev/null
        spans "spans/$tag-quotes" quotes "$TMP/$tag.quotes" $src
    fi
    "$DYAD" tokens "$@" >"$TMP/$tag.tokens" 2>/dev/null
    spans "spans/$tag-tokens" tokens "$TMP/$tag.tokens" $src
    "$DYAD" actors "$@" >"$TMP/$tag.actors" 2>/dev/null
    spans "spans/$tag-actors" actors "$TMP/$tag.actors" $src
    "$DYAD" parse "$@" >"$TMP/$tag.conllu" 2>/dev/null
    spans "spans/$tag-parse" parse "$TMP/$tag.conllu" $src
}

# ---- seed files: the header's bytes count ------------------------------------
FR=examples/2022-08_russia-allies.fr.txt      # " date 2022-08 En plein ..." on one line
EN=tests/golden/seed.en.txt                   # "date 2022-08" then a newline
all_outputs fr "--text $FR" "$FR"
all_outputs en "--text $EN" "$EN"
python3 -c 'import json, sys; t = json.loads(open(sys.argv[1]).readline())["tokens"][0]
sys.exit(t["span"] != [14, 16] or t["text"] != "En")' "$TMP/fr.tokens"
check spans/seed-first-token-after-header [ $? -eq 0 ]

# the checker is not blind: the same spans on the article without its header fail
tail -c +15 "$FR" >"$TMP/fr-body.txt"
python3 tests/spans.py tokens "$TMP/fr.tokens" --text "$TMP/fr-body.txt" >/dev/null 2>&1
check spans/checker-sees-header-offset [ $? -ne 0 ]

# ---- CRLF lines, byte-order marks ---------------------------------------------
printf '\357\273\277' >"$TMP/crlf-bom-seed.txt"
sed 's/$/\r/' "$EN" >>"$TMP/crlf-bom-seed.txt"
all_outputs crlf-bom-seed "--text $TMP/crlf-bom-seed.txt" "$TMP/crlf-bom-seed.txt"
printf '\357\273\277Le pr\303\251sident russe Vladimir Poutine a rencontr\303\251 Xi Jinping \303\240 Moscou.\r\n\r\nLa Chine a refus\303\251 de condamner la Russie. \302\253 Nous soutenons la Russie \302\273, a d\303\251clar\303\251 Xi Jinping.\r\n' >"$TMP/bom.txt"
all_outputs bom "--text $TMP/bom.txt" "$TMP/bom.txt"
python3 -c 'import json, sys; t = json.loads(open(sys.argv[1]).readline())["tokens"][0]
sys.exit(t["span"] != [3, 5] or t["text"] != "Le")' "$TMP/bom.tokens"
check spans/bom-counts-3-bytes [ $? -eq 0 ]
sed 's/$/\r/' "$EN" | tail -n +2 >"$TMP/crlf.txt"
all_outputs crlf "--text $TMP/crlf.txt" --input text --date 2022-08 "$TMP/crlf.txt"

# ---- compressed: spans into the decompressed bytes ------------------------------
gzip -c "$FR" >"$TMP/fr.gz"
all_outputs gzip "--text $FR" "$TMP/fr.gz"
if command -v zstd >/dev/null 2>&1; then
    zstd -q -c "$EN" >"$TMP/en.zst"
    all_outputs zstd "--text $EN" "$TMP/en.zst"
else
    skip spans/zstd "no zstd command"
fi

# ---- JSON Lines: spans index the decoded "text" member ---------------------------
# several records, a byte-order mark, CRLF line ends, \u00e9, \n, \", \\, \t,
# a surrogate pair, raw UTF-8 and an escaped solidus before the actors
printf '\357\273\277' >"$TMP/docs.jsonl"
cat >>"$TMP/docs.jsonl" <<'EOF'
{"id":"j1","lang":"fr","date":"2022-08-15","text":"Le pr\u00e9sident russe Vladimir Poutine a rencontr\u00e9 Xi Jinping \u00e0 Moscou.\nLa Chine a refus\u00e9 de condamner la Russie."}
{"id":"j2","lang":"en","date":"2022-08-15","text":"\"Tabs\"\tand \\slashes\\ \/ \ud83d\ude00 first.\r\nRussia condemned Ukraine on Monday.\n\nChina refused to condemn Russia, \u201cwe will not\u201d, said Xi Jinping."}
{"id":"j3","lang":"fr","text":"Selon Moscou, la Turquie a livré des drones à l'Ukraine. « Nous condamnons », a déclaré Vladimir Poutine."}
EOF
sed -i 's/$/\r/' "$TMP/docs.jsonl"
all_outputs jsonl "--jsonl $TMP/docs.jsonl" "$TMP/docs.jsonl"
python3 -c 'import json, sys
for l in open(sys.argv[1]):
    s = json.loads(l)
    if s["doc"] == "j2" and s["sent"] == 1:
        t = s["tokens"][0]
        sys.exit(t["text"] != "Russia" or t["span"][0] != len("\"Tabs\"\tand \\slashes\\ / \U0001F600 first.\r\n".encode()))
sys.exit(1)' "$TMP/jsonl.tokens"
check spans/jsonl-decoded-offsets [ $? -eq 0 ]

# ---- the store, its re-coding, and exports ------------------------------------------
"$DYAD" ingest -q --db "$TMP/seed.db" "$FR" 2>/dev/null
spans spans/store-seed store "$TMP/seed.db" --text "$FR"
check spans/store-seed-body-start [ "$(sqlite3 "$TMP/seed.db" "SELECT body_start FROM documents")" = 14 ]
sqlite3 "$TMP/seed.db" "SELECT * FROM event_mentions ORDER BY id" >"$TMP/before"
"$DYAD" ingest -q --recode --db "$TMP/seed.db" 2>/dev/null
sqlite3 "$TMP/seed.db" "SELECT * FROM event_mentions ORDER BY id" >"$TMP/after"
check spans/store-recode-same-sightings cmp -s "$TMP/before" "$TMP/after"
spans spans/store-recode store "$TMP/seed.db" --text "$FR"
"$DYAD" export --db "$TMP/seed.db" --format jsonl --mentions "$TMP/m.jsonl" >/dev/null 2>&1
spans spans/export-mentions mentions "$TMP/m.jsonl" --text "$FR"

"$DYAD" ingest -q --db "$TMP/j.db" "$TMP/docs.jsonl" 2>/dev/null
spans spans/store-jsonl store "$TMP/j.db" --jsonl "$TMP/docs.jsonl"

# a folder: every document is its own file, whole
mkdir "$TMP/dir"
cp "$FR" "$TMP/crlf-bom-seed.txt" "$TMP/bom.txt" "$TMP/dir/"
gzip -c "$EN" >"$TMP/dir/en.txt.gz"
"$DYAD" ingest -q --db "$TMP/dir.db" "$TMP/dir" 2>/dev/null
check spans/store-folder-docs [ "$(sqlite3 "$TMP/dir.db" "SELECT count(*) FROM documents")" = 4 ]
spans spans/store-folder store "$TMP/dir.db" --files "$FR" "$EN" "$TMP/crlf-bom-seed.txt" "$TMP/bom.txt"

# ---- a web page: spans index the extracted article text, kept in the store ------------
cp tests/fuzz/corpus/html/fr-article.html "$TMP/fr.html"
"$DYAD" ingest -q --input html --db "$TMP/html.db" "$TMP/fr.html" 2>/dev/null
spans spans/store-html store "$TMP/html.db" --db "$TMP/html.db"
# (the page quotes no one)
NOQUOTES=1 all_outputs html "--db $TMP/html.db" --input html "$TMP/fr.html"

# ---- a web archive: as a web page, per record; gzip per record -------------------
python3 tests/warc.py "$TMP/w.warc.gz" --gz
"$DYAD" ingest -q --input warc --db "$TMP/warc.db" "$TMP/w.warc.gz" 2>/dev/null
check spans/store-warc-docs [ "$(sqlite3 "$TMP/warc.db" "SELECT count(*) FROM documents")" = 3 ]
spans spans/store-warc store "$TMP/warc.db" --db "$TMP/warc.db"
NOQUOTES=1 all_outputs warc "--db $TMP/warc.db" "$TMP/w.warc.gz"
