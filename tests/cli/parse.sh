# parse.sh - `dyad parse` and `dyad train`: CoNLL-U that validates (ids,
# heads, one root, multiword tokens, byte spans that slice the input), the
# shipped models' scores (agreeing with the UD scorer, and not below the
# figures in docs/ACCURACY.md; these need ../shared and skip without it),
# clear errors for missing and damaged models, training that refuses test
# files and gives the same bytes twice.
. tests/cli/lib.sh
SEED=examples/2022-08_russia-allies.fr.txt
FIX=tests/fixtures/syntax

"$DYAD" parse "$SEED" >"$TMP/seed.conllu" 2>"$TMP/err"; rc=$?
check parse/seed-exit-0 [ $rc -eq 0 ]
python3 - "$SEED" "$TMP/seed.conllu" >"$TMP/py" 2>&1 <<'PY'
import re, sys
text = open(sys.argv[1], "rb").read()   # spans count the date header too
sents, cur = [], []
for line in open(sys.argv[2], encoding="utf-8"):
    line = line.rstrip("\n")
    if not line:
        if cur: sents.append(cur); cur = []
        continue
    if line.startswith("#"): continue
    f = line.split("\t")
    assert len(f) == 10, line
    cur.append(f)
assert sents, "no sentence"
mwt = 0
for s in sents:
    words = [f for f in s if f[0].isdigit() and "-" not in f[0]]
    ids = [int(f[0]) for f in words]
    assert ids == list(range(1, len(ids) + 1)), ids
    heads = [int(f[6]) for f in words]
    assert all(0 <= h <= len(ids) for h in heads), heads
    assert heads.count(0) == 1, "roots: %d" % heads.count(0)
    assert all(h != i + 1 for i, h in enumerate(heads))
    for f in s:
        assert f[3] in {"ADJ","ADP","ADV","AUX","CCONJ","DET","INTJ","NOUN","NUM","PART","PRON","PROPN","PUNCT","SCONJ","SYM","VERB","X","_"}, f
        r = re.search(r"TokenRange=(\d+):(\d+)", f[9])
        if "-" in f[0]:
            mwt += 1
            a, b = map(int, r.groups())
            assert text[a:b].decode() == f[1], (f, text[a:b])
        elif r:
            a, b = map(int, r.groups())
            assert text[a:b].decode() == f[1], (f, text[a:b])
assert mwt > 0, "no multiword token in a French article"
print("sentences", len(sents))
PY
check parse/seed-conllu-valid [ $? -eq 0 ] || cat "$TMP/py"
grep -q "^sentences 15$" "$TMP/py"
check parse/seed-15-sentences [ $? -eq 0 ]
grep -q "^dyad parse: 1 documents read, 1 coded, 0 skipped, 15 sentences$" "$TMP/err"
check parse/summary [ $? -eq 0 ]

# French contraction in the tree: "du" -> de + le under a range line
printf 'Le ministre du Commerce a rencontré Kim.\n' | "$DYAD" parse --lang fr >"$TMP/du" 2>/dev/null
grep -q "^3-4	du	" "$TMP/du" && grep -q "^3	de	de	ADP	" "$TMP/du" && grep -q "^4	le	le	DET	" "$TMP/du"
check parse/fr-contraction-du [ $? -eq 0 ]
printf "Iran's minister didn't sign it.\n" | "$DYAD" parse --lang en >"$TMP/clitic" 2>/dev/null
grep -q "^2	's	" "$TMP/clitic" && grep -q "^5	n't	not	PART	" "$TMP/clitic"
check parse/en-clitics [ $? -eq 0 ]

# dyad tokens shows each token's words with UPOS and lemma
printf 'La Russie achète des drones iraniens.\n' | "$DYAD" tokens --lang fr >"$TMP/tok" 2>/dev/null
python3 -c '
import json,sys
s=json.loads(open(sys.argv[1]).readline())
w=[x for t in s["tokens"] for x in t.get("words",[])]
assert [x["upos"] for x in w][:2]==["DET","PROPN"], w
assert any(x["lemma"]=="acheter" for x in w), w
' "$TMP/tok"
check tokens/words-upos-lemma [ $? -eq 0 ]

# models: missing, damaged, wrong version
mkdir -p "$TMP/data/models"
printf 'Bonjour.\n' | "$DYAD" parse --lang fr --data "$TMP/data" >/dev/null 2>"$TMP/err"; rc=$?
check parse/missing-model-exit-1 [ $rc -eq 1 ]
grep -q "models/fr.dsm: cannot open syntax model" "$TMP/err"
check parse/missing-model-message [ $? -eq 0 ]
head -c 5000 data/models/fr.dsm >"$TMP/data/models/fr.dsm"
head -c 5000 data/models/en.dsm >"$TMP/data/models/en.dsm"
printf 'Bonjour.\n' | "$DYAD" parse --lang fr --data "$TMP/data" >/dev/null 2>"$TMP/err"; rc=$?
check parse/truncated-model-exit-1 [ $rc -eq 1 ]
grep -q "fr.dsm: truncated or damaged syntax model" "$TMP/err"
check parse/truncated-model-message [ $? -eq 0 ]
cp data/models/en.dsm "$TMP/data/models/fr.dsm"
"$DYAD" parse --eval "$FIX/fr.conllu" --lang fr --data "$TMP/data" >/dev/null 2>"$TMP/err"; rc=$?
check parse/wrong-language-model [ $rc -eq 1 ] && grep -q "for language 'en', not 'fr'" "$TMP/err"

# training: refuses a test split; deterministic bytes
"$DYAD" train --lang en -o "$TMP/x.dsm" "$TMP/ewt-test.conllu" 2>"$TMP/err"; rc=$?
check train/refuses-test-file [ $rc -eq 2 ] && grep -q "looks like a test split" "$TMP/err"
"$DYAD" train -q --lang fr -o "$TMP/a.dsm" --tagger-epochs 2 --parser-epochs 2 --jackknife 2 "$FIX/fr.conllu" &&
"$DYAD" train -q --lang fr -o "$TMP/b.dsm" --tagger-epochs 2 --parser-epochs 2 --jackknife 2 "$FIX/fr.conllu"
check train/deterministic cmp -s "$TMP/a.dsm" "$TMP/b.dsm"
"$DYAD" train --lang fr -o "$TMP/c.dsm" "$FIX/bad-fields.conllu" 2>"$TMP/err"; rc=$?
check train/bad-conllu-exit-1 [ $rc -eq 1 ] && grep -q "bad-fields.conllu:2: expected 10 tab-separated fields" "$TMP/err"

# the shipped models on the UD test sets (../shared only): dyad's own scores
# agree with the standard scorer, and none falls below the floors measured
# for docs/ACCURACY.md (the measured figure minus 0.3 point).
UD=../shared/data/ud-train
if [ -d "$UD" ]; then
    fails=0
    while read -r file lang upos uas las; do
        "$DYAD" parse --eval "$UD/$file.conllu" --lang "$lang" --json -o "$TMP/sys.conllu" >"$TMP/s.json" 2>"$TMP/err" || fails=1
        python3 ../shared/tools/ud-eval/ud-eval -v "$UD/$file.conllu" "$TMP/sys.conllu" >"$TMP/ud.txt" || fails=1
        python3 - "$TMP/s.json" "$TMP/ud.txt" "$upos" "$uas" "$las" <<'PY' || fails=1
import json, sys
s = json.load(open(sys.argv[1]))
ud = {}
for line in open(sys.argv[2]):
    p = [x.strip() for x in line.split("|")]
    if len(p) == 5 and p[0] in ("UPOS", "UFeats", "Lemmas", "UAS", "LAS"):
        ud[p[0]] = float(p[3])
for mine, theirs in (("upos", "UPOS"), ("ufeats", "UFeats"), ("lemma", "Lemmas"), ("uas", "UAS"), ("las", "LAS")):
    assert abs(s[mine] - ud[theirs]) < 0.011, (sys.argv[1], mine, s[mine], ud[theirs])
floors = dict(upos=float(sys.argv[3]), uas=float(sys.argv[4]), las=float(sys.argv[5]))
for k, v in floors.items():
    assert s[k] >= v, (s["gold"], k, s[k], "floor", v)
PY
    done <<'EOF2'
en/ewt-test en 94.5 84.2 80.8
en/pud-test en 94.8 80.6 77.0
fr/gsd-test fr 95.4 84.4 80.1
fr/sequoia-test fr 97.2 88.4 85.1
fr/pud-test fr 95.3 86.0 81.7
EOF2
    check parse/ud-test-sets-scores [ $fails -eq 0 ]
    # from raw text: dyad's character alignment agrees with the scorer's
    "$DYAD" parse --eval "$UD/en/pud-test.conllu" --raw --json -o "$TMP/raw.conllu" >"$TMP/r.json" &&
    python3 ../shared/tools/ud-eval/ud-eval -v "$UD/en/pud-test.conllu" "$TMP/raw.conllu" >"$TMP/ud.txt" &&
    python3 - "$TMP/r.json" "$TMP/ud.txt" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
ud = {}
for line in open(sys.argv[2]):
    p = [x.strip() for x in line.split("|")]
    if len(p) >= 4 and p[0] in ("Tokens", "Sentences", "Words", "UPOS", "UAS", "LAS"):
        ud[p[0]] = float(p[3])
for mine, theirs in (("tokens", "Tokens"), ("sentences_f1", "Sentences"), ("words_f1", "Words"),
                     ("upos", "UPOS"), ("uas", "UAS"), ("las", "LAS")):
    assert abs(s[mine] - ud[theirs]) < 0.02, (mine, s[mine], ud[theirs])
PY
    check parse/raw-text-agrees-with-ud-eval [ $? -eq 0 ]
else
    skip parse/ud-test-sets-scores "../shared/data/ud-train is absent"
    skip parse/raw-text-agrees-with-ud-eval "../shared/data/ud-train is absent"
fi
