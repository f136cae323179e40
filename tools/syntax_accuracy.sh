#!/bin/sh
# syntax_accuracy.sh - the "Syntax" section of docs/ACCURACY.md: the shipped
# tagger/parser models on the UD test sets, with gold tokenisation, scored by
# `dyad parse --eval` (which agrees with ../shared/tools/ud-eval to 0.01;
# tests/cli/parse.sh checks it), against the targets of the syntax issue.
# Also from raw text (`--raw`: tokenisation, sentence splitting and all).
# Markdown on stdout.
#   tools/syntax_accuracy.sh     (env: DYAD, DATA as in tools/accuracy.sh)
set -u
DYAD=${DYAD:-build/dyad}
DATA=${DATA:-../shared/data}
UD=$DATA/ud-train
[ -d "$UD" ] || { echo "syntax_accuracy.sh: $UD is absent" >&2; exit 1; }
TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT
cat <<'HEAD'
## Syntax (tagger, lemmatiser, parser)

The shipped models `data/models/{en,fr}.dsm` (`tools/train_models.sh`) on the
Universal Dependencies test files, which are never trained or tuned on.
Gold tokenisation; percentages over every word, punctuation included, LAS on
the universal relation, as the CoNLL 2018 scorer counts. Target: the
syntax issue's (UPOS / UAS / LAS).

| test set | words | UPOS | Lemmas | UFeats | UAS | LAS | UAS / LAS with gold UPOS | target UPOS / UAS / LAS | command |
|---|---|---|---|---|---|---|---|---|---|
HEAD
while read -r file lang target; do
    j=$("$DYAD" parse --eval "$UD/$file.conllu" --lang "$lang" --json) || continue
    g=$("$DYAD" parse --eval "$UD/$file.conllu" --lang "$lang" --json --gold-upos) || continue
    python3 - "$j" "$g" "$file" "$target" <<'PY'
import json, sys
s, g, f, t = json.loads(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3], sys.argv[4]
tu, ta, tl = (float(x) for x in t.split("/"))
mark = lambda v, tgt: "%.2f%s" % (v, "" if v >= tgt else " (below)")
print("| %s | %d | %s | %.2f | %.2f | %s | %s | %.2f / %.2f | %s | `dyad parse --eval ud-train/%s.conllu` |" % (
    f, s["words"], mark(s["upos"], tu), s["lemma"], s["ufeats"], mark(s["uas"], ta), mark(s["las"], tl),
    g["uas"], g["las"], t.replace("/", " / "), f))
PY
done <<'SETS'
en/ewt-test en 95.0/87.0/84.0
en/pud-test en 94.0/85.0/81.0
fr/gsd-test fr 96.0/86.0/82.0
fr/sequoia-test fr 96.5/87.0/84.0
fr/pud-test fr 94.0/84.0/78.0
SETS
cat <<'RAW'

From raw text: `dyad parse --eval FILE --raw` parses the test file's own
`# text` lines from scratch (one sentence a line: dyad's tokens, sentence
splits and contractions) and aligns its words with the gold ones on their
characters, as the CoNLL 2018 scorer does (F1; `tests/cli/parse.sh` checks
that the two agree).

| test set | Tokens | Sentences | Words | UPOS | Lemmas | UAS | LAS | command |
|---|---|---|---|---|---|---|---|---|
RAW
for pair in en/ewt-test:en en/pud-test:en fr/gsd-test:fr fr/sequoia-test:fr fr/pud-test:fr; do
    file=${pair%%:*}; lang=${pair##*:}
    j=$("$DYAD" parse --eval "$UD/$file.conllu" --lang "$lang" --raw --json) || continue
    python3 - "$j" "$file" <<'PY'
import json, sys
s, f = json.loads(sys.argv[1]), sys.argv[2]
print("| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | `dyad parse --eval ud-train/%s.conllu --raw` |" % (
    f, s["tokens"], s["sentences_f1"], s["words_f1"], s["upos"], s["lemma"], s["uas"], s["las"], f))
PY
done
