# shortlang.sh - the language of short texts (src/langlex.c): headlines and
# one-sentence texts in French and English get their language from the
# lexicon's words when function words are too few; the record's "lang" and
# --lang win; a document left "und" is counted in the summary and named
# with -v. The dev-gold measure (every sentence alone, >= 99%) needs
# ../shared (or DYAD_SHARED) and is skipped without it.
. tests/cli/lib.sh
SHARED=${DYAD_SHARED:-../shared}
lang_of() { printf '%s\n' "$1" | "$DYAD" tokens -q --input text | head -1 | jq -r .lang; }
# golden: TEXT -> LANG
while IFS='|' read -r want name text; do
    [ -n "$name" ] || continue
    got=$(lang_of "$text")
    if [ "$got" = "$want" ]; then ok "shortlang/$name"; else nok "shortlang/$name" "'$text': $got, want $want"; fi
done <<'CASES'
en|en-headline-verb|France condemned Iran.
en|en-headline-no-stop|Russia condemns sanctions
und|und-word-of-both-languages|Iran accuses Israel
en|en-headline-two-words|Protesters arrested
fr|fr-sentence|La France a condamné l'Iran.
fr|fr-headline-verb|Poutine rencontre Xi Jinping
fr|fr-headline-accent|L'Iran condamne la France.
fr|fr-headline-accent-only|Manifestations réprimées
und|und-names-only|Vladimir Poutine
# "accuses" is a French and an English form: no vote, no language.
und|und-empty-of-words|Kim Jong-Un 2022 !
# Spanish shares stems with French: it must not be taken for it.
und|es-not-french|El gobierno de España condenó a Irán.
und|es-not-french-2|Rusia firmó un acuerdo con China.
und|es-not-french-3|Los manifestantes protestaron en Madrid.
CASES

# The short texts are coded once their language is known.
printf 'France condemned Iran.\n' | "$DYAD" code -q --input text >"$TMP/o.jsonl"
check shortlang/en-headline-coded [ "$(jq -r '.source.code + ">" + .target.code + ":" + .code' "$TMP/o.jsonl")" = "FRA>IRN:111" ]
printf "La France a condamné l'Iran.\n" | "$DYAD" code -q --input text >"$TMP/o.jsonl"
check shortlang/fr-sentence-coded [ "$(jq -r '.source.code + ">" + .target.code + ":" + .code' "$TMP/o.jsonl")" = "FRA>IRN:111" ]

# The record's lang, and --lang, win over identification.
printf '{"id":"r1","lang":"fr","text":"France condemned Iran."}\n' | "$DYAD" tokens -q >"$TMP/o.jsonl"
check shortlang/record-lang-honoured [ "$(jq -r .lang "$TMP/o.jsonl" | head -1)" = fr ]
printf '{"id":"r1","text":"Vladimir Poutine"}\n' | "$DYAD" tokens -q --lang en >"$TMP/o.jsonl"
check shortlang/option-lang-honoured [ "$(jq -r .lang "$TMP/o.jsonl" | head -1)" = en ]

# und documents: counted in the summary, named with -v.
printf '{"id":"u1","text":"Vladimir Poutine"}\n{"id":"e1","text":"France condemned Iran."}\n{"id":"u2","text":"Kim Jong-Un"}\n' >"$TMP/u.jsonl"
"$DYAD" code "$TMP/u.jsonl" >/dev/null 2>"$TMP/err"
check shortlang/und-counted grep -q '2 in no identified language (und)' "$TMP/err"
check shortlang/und-not-named-by-default [ "$(grep -c 'doc u1' "$TMP/err")" -eq 0 ]
"$DYAD" code -v "$TMP/u.jsonl" >/dev/null 2>"$TMP/err"
check shortlang/und-named-with-v grep -q 'u.jsonl:1: doc u1: language not identified (und)' "$TMP/err"
check shortlang/und-named-with-v-2 grep -q 'doc u2: language not identified' "$TMP/err"
check shortlang/und-identified-not-named [ "$(grep -c 'doc e1' "$TMP/err")" -eq 0 ]

if [ -f "$SHARED/data/dyad-dev-gold/fr-dev.jsonl" ]; then
    python3 tools/langid_sentences.py --dyad "$DYAD" --gold "$SHARED/data/dyad-dev-gold" --min 0.99 >"$TMP/m.txt"
    check shortlang/dev-gold-sentences-99 [ $? -eq 0 ]
    grep total "$TMP/m.txt"
else
    skip shortlang/dev-gold-sentences-99 "needs ../shared/data/dyad-dev-gold"
fi
