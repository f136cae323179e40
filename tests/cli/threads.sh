# threads.sh - `-j N` codes documents on N threads, and the output, the
# messages, the counts and the exit status are the same bytes for any N
# (1, 2, 7), on the seed file and on a JSON Lines file of many documents
# with bad records among them; `ingest -j N` stores the same events.
. tests/cli/lib.sh
SEED=examples/2022-08_russia-allies.fr.txt

# Many documents: every two sentences of the seed article, some English news
# sentences, and bad records (malformed JSON, no text, empty text) in
# between; and text files with a stray NUL, which the coder warns about.
python3 - "$SEED" >"$TMP/many.jsonl" <<'PY'
import json, sys
import re
raw = re.sub(r"^\s*date\s+\S+\s+", "", open(sys.argv[1], encoding="utf-8").read())
sents = [x.strip() for x in re.split(r"(?<=\.) ", raw) if x.strip()]
paras = [" ".join(sents[i:i + 2]) for i in range(0, len(sents), 2)]
en = ["Russia condemned Ukraine on Monday.", "The United States accused China of spying.",
      "France met Germany in Paris to discuss sanctions.", "Iran threatened Israel.",
      "Protesters attacked the embassy of Britain in Tehran."]
bad = ['{"id": "broken", "text": ', '{"id": "notext"}', '{"id": "empty", "text": ""}', '[1, 2]']
n = 0
for k in range(10):
    for i, p in enumerate(paras):
        n += 1
        print(json.dumps({"id": "fr-%d-%d" % (k, i), "date": "2022-08-%02d" % (1 + i % 28),
                          "lang": "fr", "text": p}, ensure_ascii=False))
        if n % 7 == 0:
            print(bad[(n // 7) % len(bad)])
        if n % 5 == 0:
            e = en[(n // 5) % len(en)]
            print(json.dumps({"id": "en-%d" % n, "date": "2022-09-01", "text": e}))
PY
for i in 1 2 3 4 5; do
    printf 'La Russie a condamn\303\251 la France.\000 Fin %s.\n' $i >"$TMP/nul$i.txt"
done
lines=$(wc -l <"$TMP/many.jsonl")
check threads/fixture-has-many-records [ "$lines" -gt 80 ]

same() { # NAME CMD...: the run's stdout, stderr and status for -j 1, 2, 7 agree
    name=$1; shift
    for j in 1 2 7; do
        "$@" -j $j >"$TMP/out.$j" 2>"$TMP/err.$j"
        echo $? >"$TMP/rc.$j"
    done
    check "$name-stdout-j2" cmp -s "$TMP/out.1" "$TMP/out.2"
    check "$name-stdout-j7" cmp -s "$TMP/out.1" "$TMP/out.7"
    check "$name-stderr-j2" cmp -s "$TMP/err.1" "$TMP/err.2"
    check "$name-stderr-j7" cmp -s "$TMP/err.1" "$TMP/err.7"
    check "$name-status-j2" cmp -s "$TMP/rc.1" "$TMP/rc.2"
    check "$name-status-j7" cmp -s "$TMP/rc.1" "$TMP/rc.7"
}

same threads/code-seed "$DYAD" code -v "$SEED"
check threads/code-seed-has-events [ -s "$TMP/out.1" ]
same threads/code-jsonl "$DYAD" code -v "$TMP/nul1.txt" "$TMP/many.jsonl" "$TMP"/nul[2-5].txt
check threads/code-jsonl-exit-3 [ "$(cat "$TMP/rc.1")" = 3 ]
check threads/code-jsonl-events [ "$(wc -l <"$TMP/out.1")" -gt 10 ]
check threads/code-jsonl-bad-record grep -q "many.jsonl:[0-9]*: byte [0-9]*: invalid JSON" "$TMP/err.1"
check threads/code-jsonl-warning grep -q "nul3.txt: doc [0-9a-f]*: byte 32: NUL byte in text" "$TMP/err.1"
check threads/code-jsonl-summary grep -q "^dyad code: [0-9]* documents read, [0-9]* coded, [1-9][0-9]* skipped" "$TMP/err.1"
same threads/code-tsv "$DYAD" code --format tsv "$TMP/many.jsonl" "$SEED" /nonexistent/file
check threads/code-missing-file grep -q "/nonexistent/file" "$TMP/err.1"
same threads/code-strict "$DYAD" code --strict "$TMP/many.jsonl"
check threads/code-strict-exit-1 [ "$(cat "$TMP/rc.1")" = 1 ]
same threads/code-quotes "$DYAD" code -v --quotes "$TMP/many.jsonl" "$SEED"
check threads/code-quotes-some grep -q '"speaker"' "$TMP/out.1"
same threads/tokens "$DYAD" tokens "$TMP/many.jsonl"
same threads/actors "$DYAD" actors "$TMP/many.jsonl"
if [ -f data/models/fr.dsm ] && [ -f data/models/en.dsm ]; then
    same threads/parse "$DYAD" parse "$TMP/many.jsonl"
    check threads/parse-has-sentences grep -q "^# sent_id" "$TMP/out.1"
else
    skip threads/parse "no models in data/models"
fi

# ingest: one writer, the same store contents for any N
for j in 1 2 7; do
    "$DYAD" ingest -q -j $j --db "$TMP/s$j.db" "$TMP/many.jsonl" "$SEED" 2>"$TMP/ierr.$j"
    echo $? >"$TMP/irc.$j"
    # first_seen is the time of the run, the one field allowed to differ
    "$DYAD" export --db "$TMP/s$j.db" --format jsonl --mentions "$TMP/m$j.jsonl" |
        sed 's/"first_seen":"[^"]*"//' >"$TMP/e$j.jsonl"
done
check threads/ingest-exit-3 [ "$(cat "$TMP/irc.1")" = 3 ]
check threads/ingest-events [ -s "$TMP/e1.jsonl" ]
check threads/ingest-events-j2 cmp -s "$TMP/e1.jsonl" "$TMP/e2.jsonl"
check threads/ingest-events-j7 cmp -s "$TMP/e1.jsonl" "$TMP/e7.jsonl"
check threads/ingest-mentions-j7 cmp -s "$TMP/m1.jsonl" "$TMP/m7.jsonl"
check threads/ingest-stderr-j7 cmp -s "$TMP/ierr.1" "$TMP/ierr.7"

# issue 18: with -j N, N threads (the main one among them) each read, code
# and write; between them they code every document once and write each once
DYAD_THREAD_STATS=1 "$DYAD" code -v -j 2 "$TMP/many.jsonl" >/dev/null 2>"$TMP/stats"
check threads/stats-two-threads [ "$(grep -c "^dyad code: thread [01] (" "$TMP/stats")" = 2 ]
check threads/stats-every-doc-coded-once python3 -c '
import re, sys
t = open(sys.argv[1]).read()
coded = sum(int(n) for n in re.findall(r"coded (\d+) documents in", t))
wrote = sum(int(n) for n in re.findall(r"wrote (\d+),", t))
read = sum(int(n) for n in re.findall(r": read (\d+), coded", t))
m = re.search(r"(\d+) documents read, (\d+) coded, (\d+) skipped", t)
assert m and coded == int(m.group(2)) and read == wrote == int(m.group(1)), (coded, read, wrote, m and m.groups())' "$TMP/stats"

# one long document among many short ones: the threads code past it while it
# holds the output up, and the output is still in input order
python3 - "$TMP/many.jsonl" >"$TMP/long.jsonl" <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1]) if l.startswith('{"id"') and '"text": "' in l]
recs = [r for r in recs if isinstance(r, dict) and r.get("text")]
long_text = " ".join(r["text"] for r in recs[:60] if r.get("lang") == "fr")
for i in range(120):
    r = dict(recs[i % len(recs)])
    r["id"] = "s%d" % i
    if i == 3:
        r = {"id": "long", "date": "2022-08-02", "lang": "fr", "text": long_text}
    print(json.dumps(r, ensure_ascii=False))
PY
check threads/long-doc-is-long [ "$(wc -c <"$TMP/long.jsonl")" -gt 20000 ]
same threads/code-long-doc "$DYAD" code -v "$TMP/long.jsonl"
check threads/code-long-doc-events grep -q '"doc":"long"' "$TMP/out.1"

# ingest -j 2 writes batches (200 documents) on a writer thread while the
# next is coded: several batches in flight store what one thread stores
python3 - "$TMP/many.jsonl" >"$TMP/batches.jsonl" <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1]) if l.startswith('{"id"') and '"text": "' in l]
recs = [r for r in recs if isinstance(r, dict) and r.get("text")]
for i in range(650):
    r = dict(recs[i % len(recs)])
    r["id"] = "b%d" % i
    r["text"] = r["text"] + " Report %d." % i
    print(json.dumps(r, ensure_ascii=False))
PY
for j in 1 2; do
    "$DYAD" ingest -q -j $j --db "$TMP/b$j.db" "$TMP/batches.jsonl" 2>"$TMP/berr.$j"
    echo $? >"$TMP/brc.$j"
    "$DYAD" export --db "$TMP/b$j.db" --format jsonl --mentions "$TMP/bm$j.jsonl" |
        sed 's/"first_seen":"[^"]*"//' >"$TMP/be$j.jsonl"
done
check threads/ingest-batches-exit-0 [ "$(cat "$TMP/brc.1") $(cat "$TMP/brc.2")" = "0 0" ]
check threads/ingest-batches-all-stored [ "$(sqlite3 "$TMP/b2.db" "SELECT count(*) FROM documents")" = 650 ]
# (829 sightings at the one-actor policy of docs/design.md; 1,000+ before it)
check threads/ingest-batches-have-sightings [ "$(wc -l <"$TMP/bm1.jsonl")" -gt 700 ]
check threads/ingest-batches-events-j2 cmp -s "$TMP/be1.jsonl" "$TMP/be2.jsonl"
check threads/ingest-batches-mentions-j2 cmp -s "$TMP/bm1.jsonl" "$TMP/bm2.jsonl"

# --threads checks its value
"$DYAD" code -j 0 "$SEED" >/dev/null 2>"$TMP/err"; rc=$?
check threads/zero-is-usage [ $rc -eq 2 ]
check threads/zero-message grep -q "^dyad code: --threads must be a number from 1 to 256, not '0'" "$TMP/err"
"$DYAD" code --threads x2 "$SEED" >/dev/null 2>&1
check threads/word-is-usage [ $? -eq 2 ]
"$DYAD" code --threads 3 "$SEED" >"$TMP/o3" 2>/dev/null
"$DYAD" code "$SEED" >"$TMP/o0" 2>/dev/null
check threads/default-same-output cmp -s "$TMP/o3" "$TMP/o0"

# eval: the gold records are coded in parallel and scored in file order;
# a file with TABARI OPTION records (which change the coder from there on)
# and a file with bad records give the same report and messages too.
python3 - "$TMP/many.jsonl" >"$TMP/gold.jsonl" <<'PY'
import json, sys
codes = ["050", "111", "190", "163", "040", "112"]
for i, line in enumerate(open(sys.argv[1], encoding="utf-8")):
    try:
        r = json.loads(line)
    except ValueError:
        print(line.rstrip("\n"))
        continue
    if not isinstance(r, dict) or not r.get("text"):
        continue
    r["events"] = [{"source": "RUS", "target": "UKR", "code": codes[i % len(codes)]}]
    print(json.dumps(r, ensure_ascii=False))
PY
same threads/eval "$DYAD" eval -v --json --show-errors "$TMP/gold.jsonl" tests/fixtures/gold/dyad.jsonl \
    tests/fixtures/tabari_options/opts.text tests/fixtures/gold/tabari.text
check threads/eval-exit-3 [ "$(cat "$TMP/rc.1")" = 3 ]
check threads/eval-option-warning grep -q "opts.text:[0-9]*: warning: OPTION" "$TMP/err.1"
check threads/eval-scored python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert sum(f["records"] for f in r["files"]) > 80, r["files"]' "$TMP/out.1"
same threads/eval-limit "$DYAD" eval -q --limit 30 "$TMP/gold.jsonl"
check threads/eval-limit-30 grep -q "30 records scored" "$TMP/out.1"
