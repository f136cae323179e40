# boilerplate.sh - a sentence one source repeats verbatim (after
# normalisation: case, white space, typographic quotes) in several documents
# is one event; the later copies are repeats of it (src/repeats.c,
# docs/design.md), marked "repeat:" in the evidence. French and English.
. tests/cli/lib.sh
n() { sqlite3 "$DB" "$1"; }
DB=$TMP/fr.db
cat >"$TMP/fr.jsonl" <<'DOCS'
{"id":"s1","date":"2022-08-01","source":"series","text":"Le Japon a condamné la Chine. La Corée du Nord a soutenu la Russie depuis le début de la guerre."}
{"id":"s2","date":"2022-08-08","source":"series","text":"L'Iran a condamné Israël. La Corée du Nord  a soutenu la Russie depuis le début de la guerre."}
{"id":"s3","date":"2022-08-15","source":"series","text":"La France a condamné l'Iran. LA Corée du Nord a soutenu la Russie depuis le début de la guerre."}
{"id":"o1","date":"2022-08-20","source":"other","text":"La Corée du Nord a soutenu la Russie depuis le début de la guerre."}
{"id":"s4","date":"2022-08-22","source":"series","text":"La Corée du Nord a soutenu la Russie dans son offensive."}
DOCS
"$DYAD" ingest -q --db "$DB" "$TMP/fr.jsonl"
# series: one event for the three copies; other source: its own; another
# sentence of the series (s4): its own.
check boilerplate/fr-series-one-event [ "$(n "SELECT count(*) FROM events WHERE source = 'PRK' AND target = 'RUS'")" -eq 3 ]
check boilerplate/fr-first-date-kept [ "$(n "SELECT event_date || ' ' || num_articles FROM events WHERE source = 'PRK' AND target = 'RUS' ORDER BY id LIMIT 1")" = "2022-08-01 3" ]
check boilerplate/fr-repeats-marked [ "$(n "SELECT group_concat(doc_id, ' ') FROM (SELECT doc_id FROM event_mentions WHERE rule LIKE 'repeat:%' ORDER BY doc_id)")" = "s2 s3" ]
check boilerplate/fr-other-source-not-merged [ "$(n "SELECT count(*) FROM event_mentions m JOIN events e ON e.id = m.event_id WHERE m.doc_id = 'o1' AND e.event_date = '2022-08-20'")" -eq 1 ]
check boilerplate/fr-other-sentence-not-merged [ "$(n "SELECT count(*) FROM event_mentions m JOIN events e ON e.id = m.event_id WHERE m.doc_id = 's4' AND e.event_date = '2022-08-22' AND m.rule NOT LIKE 'repeat:%'")" -eq 1 ]
check boilerplate/fr-own-events-kept [ "$(n "SELECT count(*) FROM events WHERE code = '111'")" -eq 3 ]
# relations count the repeated event once
check boilerplate/fr-relations-once [ "$("$DYAD" relations --db "$DB" --format csv --period 2022-08 --dyad PRK,RUS | tail -1 | cut -d, -f4)" -eq 3 ]

DB=$TMP/en.db
cat >"$TMP/en.jsonl" <<'DOCS'
{"id":"e1","date":"2020-03-02","source":"weekly","text":"Japan condemned China. North Korea has supported Russia since the start of the war."}
{"id":"e2","date":"2020-03-09","source":"weekly","text":"Iran condemned Israel. North Korea has supported Russia since the start of the war. "}
{"id":"e3","date":"2020-03-16","source":"weekly","text":"North Korea has supported Russia since the start of the war.\nFrance condemned Iran."}
DOCS
"$DYAD" ingest -q --db "$DB" "$TMP/en.jsonl"
check boilerplate/en-series-one-event [ "$(n "SELECT count(*) FROM events WHERE source = 'PRK' AND target = 'RUS'")" -eq 1 ]
check boilerplate/en-repeat-counted [ "$(n "SELECT num_mentions || ' ' || num_articles || ' ' || num_sources FROM events WHERE source = 'PRK' AND target = 'RUS'")" = "3 3 1" ]
"$DYAD" query --db "$DB" --format csv --dyad PRK,RUS --evidence >"$TMP/ev.csv"
check boilerplate/en-rule-in-evidence [ "$(grep -c ',repeat:' "$TMP/ev.csv")" -eq 2 ]
# Re-coding keeps one event.
"$DYAD" ingest -q --db "$DB" --recode
check boilerplate/en-recode-one-event [ "$(n "SELECT count(*) FROM events WHERE source = 'PRK' AND target = 'RUS'")" -eq 1 ]
