# tokens.sh - `dyad tokens`: one JSON object per sentence, each token's span
# slices the document text to exactly its "text"; bad input and the summary
# behave as in `dyad code`.
. tests/cli/lib.sh
SEED=examples/2022-08_russia-allies.fr.txt
FIX=tests/fixtures/reader

"$DYAD" tokens "$SEED" >"$TMP/out" 2>"$TMP/err"; rc=$?
check tokens/seed-exit-0 [ $rc -eq 0 ]
nsent=$(wc -l <"$TMP/out" | tr -d ' ')
grep -q "^dyad tokens: 1 documents read, 1 coded, 0 skipped, $nsent sentences\$" "$TMP/err"
check tokens/summary [ $? -eq 0 ]

# Every line is JSON with the documented fields; every span slices the
# seed file (its `date` header counted) to the given text.
python3 - "$SEED" "$TMP/out" >"$TMP/py" 2>&1 <<'PY'
import json, re, sys
text = open(sys.argv[1], "rb").read()
ntok = 0
for n, line in enumerate(open(sys.argv[2], encoding="utf-8")):
    s = json.loads(line)
    assert set(s) == {"doc", "sent", "span", "text", "lang", "tokens"}, set(s)
    assert s["sent"] == n
    a, b = s["span"]
    assert text[a:b].decode("utf-8") == s["text"], (s["span"], s["text"])
    for t in s["tokens"]:
        assert set(t) - {"words"} == {"text", "span", "norm", "stem", "kind", "flags"}, set(t)
        a, b = t["span"]
        assert text[a:b].decode("utf-8") == t["text"], (t["span"], t["text"])
        assert t["kind"] in ("word", "number", "punct", "symbol")
        assert set(t["flags"]) <= {"elided", "capital", "hyphen", "quote", "replaced"}
        ntok += 1
print(ntok)
PY
check tokens/json-and-spans [ $? -eq 0 ]
ntok=$(tail -n 1 "$TMP/py")
check tokens/at-least-one-token [ "${ntok:-0}" -gt 100 ]

# standard input gives the same lines
"$DYAD" tokens <"$SEED" >"$TMP/out2" 2>/dev/null
check tokens/stdin-same-output cmp -s "$TMP/out" "$TMP/out2"

# the id is the FNV-1a hash of the text, the same for every run
if [ -s "$TMP/out" ]; then
    id=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["doc"])' "$TMP/out")
    check tokens/hash-id python3 -c '
import re, sys
raw = open(sys.argv[1], "rb").read()
text = raw[re.match(rb"\s*date[ \t]+\d{4}-\d{2}(-\d{2})?\s+", raw).end():]
h = 0xcbf29ce484222325
for c in text:
    h = ((h ^ c) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
sys.exit(0 if "%016x" % h == sys.argv[2] else 1)' "$SEED" "$id"
fi

# JSON Lines input keeps the given ids
"$DYAD" tokens "$FIX/good.jsonl" >"$TMP/out" 2>"$TMP/err"; rc=$?
check tokens/jsonl-exit-0 [ $rc -eq 0 ]
check tokens/jsonl-ids python3 -c '
import json, sys
ids = {json.loads(l)["doc"] for l in open(sys.argv[1])}
assert ids <= {"g1", "g2"}, ids' "$TMP/out"

# bad input: reported, skipped, exit 3; --strict exits 1
"$DYAD" tokens "$FIX/bad.jsonl" >/dev/null 2>"$TMP/err"; rc=$?
check tokens/bad-exit-3 [ $rc -eq 3 ]
check tokens/bad-message grep -q "^dyad: $FIX/bad.jsonl:2: byte 50: invalid JSON" "$TMP/err"
check tokens/bad-summary grep -q '^dyad tokens: 6 documents read, 2 coded, 4 skipped, [0-9]* sentences$' "$TMP/err"
"$DYAD" tokens --strict "$FIX/bad.jsonl" >/dev/null 2>&1
check tokens/strict-exit-1 [ $? -eq 1 ]
"$DYAD" tokens --input nope "$SEED" >/dev/null 2>&1
check tokens/usage-exit-2 [ $? -eq 2 ]
"$DYAD" tokens --help | grep -q -- '--lexicon'
check tokens/help [ $? -eq 0 ]
