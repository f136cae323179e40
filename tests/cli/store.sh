# store.sh - the event store and its commands (docs/store.md): ingest
# (idempotent, re-code, bad records, SIGKILL mid-run), the documented schema,
# schema versions, and query / relations / graph / export on a hand-made
# store (tests/fixtures/store/events.sql) whose counts are worked out below.
. tests/cli/lib.sh
D=$DYAD
n() { sqlite3 "$1" "$2"; }

# ---- ingest the examples with the real coder --------------------------------
DB=$TMP/ex.db
"$DYAD" ingest -q --db "$DB" examples/ 2>"$TMP/err"; rc=$?
check store/ingest-exit-0 [ "$rc" -eq 0 ]
docs1=$(n "$DB" "SELECT count(*) FROM documents")
ev1=$(n "$DB" "SELECT count(*) || '/' || coalesce(sum(num_mentions), 0) FROM events")
sig1=$(n "$DB" "SELECT count(*) FROM event_mentions")
check store/ingest-stores-examples [ "$docs1" -ge 1 ]
"$DYAD" ingest -q --db "$DB" examples/ examples/; rc=$?
check store/reingest-exit-0 [ "$rc" -eq 0 ]
check store/reingest-same-documents [ "$(n "$DB" "SELECT count(*) FROM documents")" = "$docs1" ]
check store/reingest-same-events [ "$(n "$DB" "SELECT count(*) || '/' || coalesce(sum(num_mentions), 0) FROM events")" = "$ev1" ]
check store/reingest-same-sightings [ "$(n "$DB" "SELECT count(*) FROM event_mentions")" = "$sig1" ]
# Same text under another name and id: the content hash catches it.
cp examples/*.txt "$TMP/copy.txt"
"$DYAD" ingest -q --db "$DB" "$TMP/copy.txt"
check store/same-text-not-added [ "$(n "$DB" "SELECT count(*) FROM documents")" = "$docs1" ]
"$DYAD" ingest -q --db "$DB" --recode; rc=$?
check store/recode-exit-0 [ "$rc" -eq 0 ]
check store/recode-same-events [ "$(n "$DB" "SELECT count(*) || '/' || coalesce(sum(num_mentions), 0) FROM events")" = "$ev1" ]
check store/integrity-ok [ "$(n "$DB" "PRAGMA integrity_check")" = ok ]
check store/wal-mode [ "$(n "$DB" "PRAGMA journal_mode")" = wal ]
check store/doc-events-match [ "$(n "$DB" "SELECT count(*) FROM documents d WHERE n_events <> (SELECT count(*) FROM event_mentions m WHERE m.doc_id = d.id)")" = 0 ]
check store/counts-match-sightings [ "$(n "$DB" "SELECT count(*) FROM events e WHERE num_mentions <> (SELECT sum(doc_mentions) FROM event_mentions m WHERE m.event_id = e.id) OR num_articles <> (SELECT count(DISTINCT doc_id) FROM event_mentions m WHERE m.event_id = e.id)")" = 0 ]
if [ "$sig1" -gt 0 ]; then
    c=$("$DYAD" code -q examples/ | wc -l)
    check store/sightings-equal-code-output [ "$c" -eq "$sig1" ]
else
    skip store/sightings-equal-code-output "the coder finds no event in examples/ yet"
fi

# ---- the documented schema is the real one ----------------------------------
sed -n '/^## Schema/,/^```$/p' docs/store.md | sed '1,/^```sql$/d; /^```$/d' >"$TMP/doc.sql"
sqlite3 "$DB" .schema >"$TMP/db.sql"
check store/schema-matches-docs cmp -s "$TMP/doc.sql" "$TMP/db.sql"
cmp -s "$TMP/doc.sql" "$TMP/db.sql" || diff "$TMP/doc.sql" "$TMP/db.sql" | head -20

# ---- bad records are reported and skipped -----------------------------------
printf '{"id":"ok1","date":"2022-08-01","text":"La Russie et la Chine."}\n{"id": broken\n{"id":"ok2","date":"2022-08-02","text":"Autre chose."}\n' >"$TMP/bad.jsonl"
"$DYAD" ingest --db "$TMP/bad.db" "$TMP/bad.jsonl" 2>"$TMP/err"; rc=$?
check store/bad-record-exit-3 [ "$rc" -eq 3 ]
check store/bad-record-reported grep -q 'bad.jsonl:2' "$TMP/err"
check store/bad-record-others-stored [ "$(n "$TMP/bad.db" "SELECT count(*) FROM documents")" = 2 ]
check store/summary-on-stderr grep -q 'documents added' "$TMP/err"

# ---- schema versions ----------------------------------------------------------
cp "$TMP/bad.db" "$TMP/future.db"
sqlite3 "$TMP/future.db" "PRAGMA user_version = 999"
"$DYAD" ingest --db "$TMP/future.db" "$TMP/bad.jsonl" 2>"$TMP/err"; rc=$?
check store/future-version-refused [ "$rc" -eq 1 ]
check store/future-version-message grep -q 'newer than this dyad' "$TMP/err"
"$DYAD" query --db "$TMP/future.db" 2>"$TMP/err"; rc=$?
check store/future-version-refused-by-query [ "$rc" -eq 1 ]
check store/future-version-unchanged [ "$(n "$TMP/future.db" "PRAGMA user_version")" = 999 ]
"$DYAD" query --db "$TMP/nosuch.db" 2>"$TMP/err"; rc=$?
check store/query-missing-db-fails [ "$rc" -eq 1 ] && [ ! -e "$TMP/nosuch.db" ]
check store/query-missing-db-not-created [ ! -e "$TMP/nosuch.db" ]
sqlite3 "$TMP/other.db" "CREATE TABLE t(x)"
"$DYAD" ingest --db "$TMP/other.db" "$TMP/bad.jsonl" 2>"$TMP/err"; rc=$?
check store/foreign-db-refused [ "$rc" -eq 1 ] && grep -q 'not a dyad store' "$TMP/err"

# ---- a hand-made store for the reading commands -----------------------------
F=$TMP/f.db
"$DYAD" ingest -q --db "$F" /dev/null 2>/dev/null   # creates the schema only
sqlite3 "$F" <tests/fixtures/store/events.sql
q() { "$DYAD" query --db "$F" --format csv "$@" | tail -n +2 | wc -l | tr -d ' '; }
check store/query-all [ "$(q)" = 9 ]
check store/query-actor [ "$(q --actor RUS)" = 8 ]
check store/query-source [ "$(q --source RUS)" = 3 ]
check store/query-target [ "$(q --target RUS)" = 5 ]
check store/query-dyad [ "$(q --dyad CHN,RUS)" = 3 ]
check store/query-country [ "$(q --country UKR)" = 2 ]
check store/query-code-prefix [ "$(q --code 03)" = 2 ]
check store/query-code-full [ "$(q --code 0311)" = 1 ]
check store/query-root [ "$(q --root 06)" = 1 ]
check store/query-quad [ "$(q --quad 3)" = 2 ]
check store/query-plover [ "$(q --plover AGREE)" = 2 ]
check store/query-month [ "$(q --from 2022-08 --to 2022-08)" = 7 ]
check store/query-from-day [ "$(q --from 2022-08-11)" = 4 ]
check store/query-to [ "$(q --to 2022-07)" = 2 ]
check store/query-lang [ "$(q --lang en)" = 3 ]
check store/query-polarity [ "$(q --polarity negated)" = 1 ]
check store/query-modality [ "$(q --modality intended)" = 1 ]
check store/query-limit [ "$(q --limit 2)" = 2 ]
# --limit reads the ids first, then the rows: the same rows as the head of
# the unlimited output, in the same order, with names and evidence
"$DYAD" query --db "$F" --format csv >"$TMP/qall"
"$DYAD" query --db "$F" --format csv --limit 3 >"$TMP/q3"
check store/query-limit-is-head cmp -s "$TMP/q3" "$TMP/qall" -n "$(head -n 4 "$TMP/qall" | wc -c)"
check store/query-limit-three-rows [ "$(wc -l <"$TMP/q3")" = 4 ]
"$DYAD" query --db "$F" --format csv --evidence --actor RUS >"$TMP/qall"
"$DYAD" query --db "$F" --format csv --evidence --actor RUS --limit 1 >"$TMP/q1"
check store/query-limit-evidence-is-head cmp -s "$TMP/q1" "$TMP/qall" -n "$(wc -c <"$TMP/q1")"
check store/query-limit-evidence-rows [ "$(wc -l <"$TMP/q1")" -ge 2 ]
check store/query-combined [ "$(q --actor CHN --quad 3 --from 2022-08)" = 1 ]
"$DYAD" query --db "$F" --quad 7 2>/dev/null; check store/query-bad-value-exit-2 [ $? -eq 2 ]
"$DYAD" query --db "$F" --actor "R'US" 2>/dev/null; check store/query-bad-code-exit-2 [ $? -eq 2 ]
"$DYAD" query --db "$F" --format csv >"$TMP/q.csv"
python3 -c "
import csv,sys
rows=list(csv.reader(open(sys.argv[1], newline='')))
assert len(rows)==10 and all(len(r)==20 for r in rows), rows
assert rows[0][18:]==['source_name','target_name']
assert rows[0][:5]==['id','event_date','source','target','code']
assert any(r[9]=='Kiev, \"Kyiv\"' for r in rows)
" "$TMP/q.csv"; check store/query-csv-rfc4180 [ $? -eq 0 ]
"$DYAD" query --db "$F" --format jsonl | jq -e -s 'length == 9 and .[0].id == 4 and (.[0].goldstein | type) == "number"' >/dev/null
check store/query-jsonl [ $? -eq 0 ]
"$DYAD" query --db "$F" --format table --actor CHN >"$TMP/t.txt"
check store/query-table-aligned [ "$(awk '{print index($0, "source")}' "$TMP/t.txt" | head -1)" -gt 0 ] && [ "$(wc -l <"$TMP/t.txt")" -eq 6 ]
"$DYAD" query --db "$F" --format csv --code 0311 --evidence >"$TMP/ev.csv"
check store/query-evidence-rows [ "$(tail -n +2 "$TMP/ev.csv" | wc -l)" -eq 2 ]
check store/query-evidence-marked grep -q '\[SRC La Russie\] <TRG a signé> un accord avec \[TGT la Chine\]\.' "$TMP/ev.csv"
"$DYAD" query --db "$F" --format csv --code 070 --evidence | grep -q '\[SRC La Corée du Nord\] <TRG va aider> \[TGT la Russie\]\.'
check store/query-evidence-utf8 [ $? -eq 0 ]

r() { "$DYAD" relations --db "$F" --format csv "$@"; }
check store/relations-month-rows [ "$(r --period 2022-08 | tail -n +2 | wc -l)" -eq 6 ]
r --period 2022-08 >"$TMP/rel.csv"
check store/relations-header grep -q '^step,source,target,events,q1,q2,q3,q4,goldstein_total,goldstein_mean,score,change_events,change_score,top_codes' "$TMP/rel.csv"
# CHN->RUS: August one cooperation (061); July one conflict (111): score 1, change 0 and +2.
check store/relations-score-and-change grep -q '^2022-08,CHN,RUS,1,0,1,0,0,6.4,6.4,1,0,2,061:1' "$TMP/rel.csv"
check store/relations-negated-left-out [ "$(grep -c '^2022-08,CHN,RUS' "$TMP/rel.csv")" -eq 1 ]
check store/relations-july [ "$(r --period 2022-07 | tail -n +2 | wc -l)" -eq 2 ]
# Every step has a row per dyad, zeros included: 5 dyads with day dates x 31 days.
check store/relations-day [ "$(r --period 2022-08 --step day | tail -n +2 | wc -l)" -eq 155 ]
check store/relations-day-with-events [ "$(r --period 2022-08 --step day | awk -F, 'NR > 1 && $4 > 0' | wc -l)" -eq 5 ]
check store/relations-week [ "$(r --period 2022-08 --step week | awk -F, '/^2022-08-15,/ && $4 > 0' | wc -l)" -eq 2 ]
check store/relations-actor [ "$(r --period 2022-08 --actor PRK | tail -n +2 | wc -l)" -eq 2 ]
r --period 2022-08 --full-codes >"$TMP/rel2.csv"
check store/relations-full-codes grep -q '^2022-08,RUSGOV,CHNGOV,' "$TMP/rel2.csv"
"$DYAD" relations --db "$F" --period 2022-13 2>/dev/null; check store/relations-bad-period-exit-2 [ $? -eq 2 ]
# 7 dyads x 3 months, June all zeros (events 0, mean and score null).
r --period 2022-06..2022-08 --format jsonl | jq -e -s 'length == 21 and
  ([.[] | select(.step == "2022-06")] | length == 7 and all(.events == 0 and .score == null))' >/dev/null
check store/relations-range-jsonl [ $? -eq 0 ]

# ---- relations: time series, steps and actor filters -----------------------
# CHN->RUS in 2022, month by month: 12 rows, July a conflict (111), August a
# cooperation (061; the negated 111 of August is left out), zeros elsewhere.
r --period 2022 --dyad CHN,RUS >"$TMP/ts.csv"
check store/relations-zero-filled-rows [ "$(tail -n +2 "$TMP/ts.csv" | wc -l)" -eq 12 ]
check store/relations-zero-filled-steps [ "$(tail -n +2 "$TMP/ts.csv" | cut -d, -f1 | tr '\n' ' ')" = "2022-01 2022-02 2022-03 2022-04 2022-05 2022-06 2022-07 2022-08 2022-09 2022-10 2022-11 2022-12 " ]
check store/relations-zero-filled-counts [ "$(tail -n +2 "$TMP/ts.csv" | cut -d, -f4 | tr '\n' ' ')" = "0 0 0 0 0 0 1 1 0 0 0 0 " ]
check store/relations-zero-row [ "$(tr -d '\r' <"$TMP/ts.csv" | grep '^2022-09,')" = "2022-09,CHN,RUS,0,0,0,0,0,0,,,-1,,,," ]
# An explicit dyad with no event in the period: its zero rows, and a word on stderr.
r --period 2023 --dyad CHN,RUS >"$TMP/ts2.csv" 2>"$TMP/err"; rc=$?
check store/relations-dyad-no-event-zero-rows [ "$rc" -eq 0 ] && [ "$(tail -n +2 "$TMP/ts2.csv" | awk -F, '$4 == 0' | wc -l)" -eq 12 ]
check store/relations-dyad-no-event-said grep -q 'no event matches' "$TMP/err"
check store/relations-year [ "$(r --step year | grep -c '^2022,')" -eq 7 ]
check store/relations-quarter [ -n "$(r --step quarter | grep '^2022-Q3,CHN,RUS,2,0,1,1,0,')" ]
check store/relations-quarter-zero-filled [ "$(r --step quarter --period 2022 --dyad RUS,UKR | tail -n +2 | cut -d, -f1,4 | tr '\n' ' ')" = "2022-Q1,0 2022-Q2,0 2022-Q3,1 2022-Q4,0 " ]
check store/relations-all [ "$(r --step all --period 2022 | grep -c '^2022-01-01\.\.2022-12-31,')" -eq 7 ]
check store/relations-all-no-change [ "$(r --step all --period 2022 --dyad RUS,UKR | tail -1 | cut -d, -f12,13)" = "," ]
# Undirected: RUS->CHN (0311) and CHN->RUS (061, 111) are one pair CHN,RUS.
check store/relations-undirected [ "$(r --step all --undirected --dyad RUS,CHN | tail -1 | cut -d, -f2-4)" = "CHN,RUS,3" ]
check store/relations-undirected-header [ "$(r --undirected | head -1 | cut -d, -f1-3)" = "step,actor1,actor2" ]
check store/relations-source [ "$(r --step all --source CHN | tail -n +2 | cut -d, -f2 | sort -u)" = CHN ]
check store/relations-target [ "$(r --step all --target UKR | tail -n +2 | wc -l)" -eq 2 ]
check store/relations-dyad-prefix [ "$(r --step all --dyad RUSGOV,CHN --full-codes | tail -n +2 | cut -d, -f2-4)" = "RUSGOV,CHNGOV,1" ]
r --period 2022-08 --step weak 2>"$TMP/err"; check store/relations-bad-step-exit-2 [ $? -eq 2 ] && grep -q 'did you mean week' "$TMP/err"
r --period 1000..2022 --step day >"$TMP/out" 2>"$TMP/err"; check store/relations-too-many-steps-exit-2 [ $? -eq 2 ] && grep -q 'longer --step' "$TMP/err"

# ---- relations: the grouping in C gives the SQL's tables ---------------------
# relations-odd.txt was written by the SQL version (before rel_scan) over
# the same rows: UTF-8 codes cut at three characters, missing values, ties
# in the top codes, coarse and open dates, a mean on a rounding half.
O=$TMP/odd.db
cp "$F" "$O"
sqlite3 "$O" <tests/fixtures/store/relations-odd.sql
# rel_cases DB: each line of stdin is the options of one table, headed "== OPTIONS"
rel_cases() {
    while read -r v; do
        echo "== $v"
        # shellcheck disable=SC2086
        "$DYAD" relations --db "$1" --format csv $v 2>&1
    done
}
rel_cases "$O" >"$TMP/odd.txt" <<'EOF'
--period 2022 --step month
--period 2022-08 --step week
--period 2022-08 --step day
--step quarter
--step year
--step all --undirected
--period 2022 --full-codes
--period 2022 --undirected --format jsonl
--period 2022-08 --actor RUS --step all
--period 2022-08 --dyad RUS,CHN --undirected
EOF
check store/relations-odd-rows-same-as-sql cmp -s "$TMP/odd.txt" tests/fixtures/store/relations-odd.txt

# ---- relations: QuadClass and Goldstein per code, or from the row ------------
# relations-codes.txt was written by the build that read every event's row:
# codes whose rows agree (taken once from the code index), codes whose rows
# differ in one row (read row by row), a code stored as a blob.
C=$TMP/codes.db
cp "$F" "$C"
sqlite3 "$C" <tests/fixtures/store/relations-codes.sql
rel_cases "$C" >"$TMP/codes.txt" <<'EOF'
--period 2022-03..2022-04 --step month
--period 2022-03..2022-04 --step month --undirected
--period 2022-03 --step day --full-codes
--period 2022-03..2022-04 --step week
--step all --actor FRA
EOF
check store/relations-codes-same-as-rows cmp -s "$TMP/codes.txt" tests/fixtures/store/relations-codes.txt

# ---- filter values that cannot match are usage errors -------------------------
# fe NAME EXPECTED-IN-STDERR COMMAND...: exit 2, nothing on stdout, the hint on stderr.
fe() { n=$1 want=$2; shift 2; "$@" >"$TMP/out" 2>"$TMP/err"; rc=$?
       if [ $rc -eq 2 ] && [ ! -s "$TMP/out" ] && grep -q -- "$want" "$TMP/err"; then ok "$n"; else nok "$n" "rc=$rc $(cat "$TMP/err")"; fi; }
Q="$DYAD query --db $F"
R="$DYAD relations --db $F"
fe store/filter-actor-lowercase 'did you mean RUS?' $Q --actor rus
fe store/filter-actor-unknown 'no actor code of the store starts with it' $Q --actor ZZZ
fe store/filter-actor-typo 'did you mean RUS?' $Q --actor RSU
fe store/filter-source-unknown "source 'ZZZ'" $Q --source ZZZ
fe store/filter-target-unknown "target 'ZZZ'" $Q --target ZZZ
fe store/filter-dyad-unknown 'did you mean CHN?' $Q --dyad RUS,CHM
fe store/filter-country-unknown "country 'USA'" $Q --country USA
fe store/filter-plover-case 'did you mean PROTEST?' $Q --plover protest
fe store/filter-plover-unknown 'not a PLOVER event type' $Q --plover FOO
fe store/filter-root-out-of-range 'roots are 01 to 20' $Q --root 25
fe store/filter-root-one-digit 'did you mean 06?' $Q --root 6
fe store/filter-code-unknown 'roots 01 to 20' $Q --code 25
fe store/filter-lang-unknown "lang 'de'" $Q --lang de
fe store/filter-query-reversed 'did you mean --from 2020-01 --to 2021-02?' $Q --from 2021-02 --to 2020-01
fe store/filter-query-bad-date 'YYYY, YYYY-MM or YYYY-MM-DD' $Q --from 2021-13
fe store/filter-relations-actor 'did you mean RUS?' $R --actor rus
fe store/filter-relations-dyad "dyad 'ZZZ'" $R --dyad RUS,ZZZ
fe store/filter-relations-reversed 'did you mean 2020-01..2021-02?' $R --period 2021-02..2020-01
fe store/filter-graph-reversed 'reversed' "$DYAD" graph --db "$F" --period 2021-02..2020-01
# One date syntax: --from/--to take YYYY as --period does.
check store/query-from-year [ "$(q --from 2022 --to 2022)" = 9 ]
check store/query-to-year [ "$(q --to 2021)" = 0 ]
# A valid filter that matches nothing: exit 0, a header only, said on stderr.
"$DYAD" query --db "$F" --format csv --from 2030 >"$TMP/out" 2>"$TMP/err"; rc=$?
check store/filter-valid-no-match [ $rc -eq 0 ] && [ "$(wc -l <"$TMP/out")" -eq 1 ] && grep -q 'no event matches' "$TMP/err"
"$DYAD" query --db "$F" --format csv --dyad PRK,CHN >/dev/null 2>"$TMP/err"
check store/filter-valid-dyad-no-match grep -q 'no event matches' "$TMP/err"
"$DYAD" query -q --db "$F" --format csv --from 2030 >/dev/null 2>"$TMP/err"
check store/filter-no-match-quiet [ ! -s "$TMP/err" ]

# ---- open dates: "../2022-08" (before the end of August) sits at its end ------
O=$TMP/open.db
cp "$F" "$O"
sqlite3 "$O" "INSERT INTO events(id, event_date, source, source_country, target, target_country, code, root, quad, goldstein, plover, location, location_country, lat, lon, polarity, modality, num_mentions, num_sources, num_articles, first_seen) VALUES (10, '../2022-08', 'RUS', 'RUS', 'CHN', 'CHN', '042', '04', 1, 1.9, 'CONSULT', '', NULL, NULL, NULL, 'asserted', 'actual', 1, 1, 1, '2022-08-25T12:30:00Z')"
oq() { "$DYAD" query -q --db "$O" --format csv "$@" | tail -n +2 | cut -d, -f1 | tr '\n' ' '; }
check store/open-date-sorted-at-its-end [ "$(oq)" = "4 9 7 10 1 2 5 8 3 6 " ]
check store/open-date-kept-by-from [ "$(oq --from 2022-08)" = "7 10 1 2 5 8 3 6 " ]
check store/open-date-left-by-later-from [ "$(oq --from 2022-08-02)" = "1 2 5 8 3 6 " ]
check store/open-date-left-by-earlier-to [ "$(oq --to 2022-07)" = "4 9 " ]
check store/open-date-kept-by-to [ "$(oq --to 2022-08)" = "4 9 7 10 1 2 5 8 3 6 " ]
# Both ends: the period is also sought as two ranges of the date index
# (plain dates, "../" dates), which must keep what the keys keep.
check store/open-date-kept-by-month [ "$(oq --from 2022-08 --to 2022-08)" = "7 10 1 2 5 8 3 6 " ]
check store/open-date-left-by-days [ "$(oq --from 2022-08-02 --to 2022-08-31)" = "1 2 5 8 3 6 " ]
"$DYAD" export --db "$O" --format gdelt >"$TMP/oe.tsv"
check store/open-date-gdelt-one-date [ "$(awk -F'\t' '$1 == 10 {print $2,$3,$4,$5}' "$TMP/oe.tsv")" = "20220801 202208 2022 2022.6603" ]
"$DYAD" export --db "$O" --format phoenix >"$TMP/op.tsv"
check store/open-date-phoenix-one-date [ "$(awk -F'\t' '$1 == 10 {print $2,$3,$4,$5}' "$TMP/op.tsv")" = "20220801 2022 8 1" ]
"$DYAD" export --db "$O" --format jsonl | jq -e -s '(.[] | select(.id == 10) | .event_date == "../2022-08" and .event_day == "2022-08-01") and
   (.[] | select(.id == 1) | .event_day == "2022-08-05") and all(.event_day != null)' >/dev/null
check store/open-date-keeps-interval-and-one-day [ $? -eq 0 ]

# ---- names beside codes: the text an actor's mentions most often have ---------
N=$TMP/names.db
cp "$F" "$N"
sqlite3 "$N" "INSERT INTO mentions_actor(doc_id, sent, span_start, span_end, kind, text, code, country, entry, resolved_by) VALUES
 ('d1', 0, 0, 9, 'actor', 'Russie', 'RUS', 'RUS', 'RUS', 'test'), ('d2', 0, 0, 6, 'actor', 'Russia', 'RUS', 'RUS', 'RUS', 'test'),
 ('d3', 0, 27, 36, 'actor', 'Russie', 'RUS', 'RUS', 'RUS', 'test'), ('d1', 0, 34, 42, 'actor', 'Chine', 'CHN', 'CHN', 'CHN', 'test'),
 ('d1', 0, 0, 0, 'place', 'Moscou', 'RUS', 'RUS', 'moscow', 'test')"
check store/names-query [ "$("$DYAD" query --db "$N" --format csv --dyad CHN,RUS | tail -n +2 | cut -d, -f19,20 | sort -u | tr -d '\r')" = "Chine,Russie" ]
check store/names-relations [ "$("$DYAD" relations --db "$N" --format csv --period 2022-08 --dyad CHN,RUS | tail -1 | cut -d, -f15,16 | tr -d '\r')" = "Chine,Russie" ]
"$DYAD" graph --db "$N" --period 2022-08 --format json | jq -e '(.nodes[] | select(.id == "RUS") | .name == "Russie") and (.nodes[] | select(.id == "UKR") | .name == null)' >/dev/null
check store/names-graph-json [ $? -eq 0 ]
check store/names-graph-gexf-label [ "$("$DYAD" graph --db "$N" --period 2022-08 --format gexf | grep -c 'label="RUS (Russie)"')" -eq 1 ]
check store/names-graph-graphml [ "$("$DYAD" graph --db "$N" --period 2022-08 --format graphml | grep -c '<data key="name">Chine</data>')" -eq 1 ]

"$DYAD" graph --db "$F" --period 2022-08 --format json >"$TMP/g.json"
jq -e '(.nodes | length) == 4 and (.edges | length) == 6 and
       (.nodes[] | select(.id == "RUS") | .events) == 5 and
       (.edges[] | select(.source == "CHN" and .target == "RUS") | .count == 1 and .goldstein == 6.4)' "$TMP/g.json" >/dev/null
check store/graph-json [ $? -eq 0 ]
"$DYAD" graph --db "$F" --period 2022-08 --format graphml | xmllint --noout - 2>/dev/null
check store/graph-graphml-valid-xml [ $? -eq 0 ]
"$DYAD" graph --db "$F" --period 2022-08 --format gexf | xmllint --noout - 2>/dev/null
check store/graph-gexf-valid-xml [ $? -eq 0 ]
check store/graph-dot [ "$("$DYAD" graph --db "$F" --period 2022-08 --format dot | grep -c -- '->')" -eq 6 ]

# GDELT and Phoenix have no polarity column: the negated event 5 ("n'a
# pas condamné") would read as a condemnation there, so they leave it out
# and say so; csv and jsonl keep it with its polarity.
"$DYAD" export --db "$F" --format gdelt --mentions "$TMP/m.tsv" >"$TMP/e.tsv" 2>"$TMP/e.err"
check store/export-gdelt-rows [ "$(wc -l <"$TMP/e.tsv")" -eq 8 ]
check store/export-gdelt-no-negated [ "$(awk -F'\t' '$1 == 5' "$TMP/e.tsv" "$TMP/m.tsv" | wc -l)" -eq 0 ]
check store/export-gdelt-says-left-out grep -q '^dyad export: 1 negated or refused events left out (GDELT' "$TMP/e.err"
check store/export-gdelt-61-columns [ "$(awk -F'\t' 'NF != 61' "$TMP/e.tsv" | wc -l)" -eq 0 ]
check store/export-gdelt-mentions-16-columns [ "$(awk -F'\t' 'NF != 16' "$TMP/m.tsv" | wc -l)" -eq 0 ] && [ "$(wc -l <"$TMP/m.tsv")" -eq 9 ]
check store/export-gdelt-event-1 [ "$(awk -F'\t' '$1 == 1 {print $2,$3,$4,$6,$8,$13,$16,$27,$28,$29,$30,$31,$32,$33,$34,"["$35"]",$61}' "$TMP/e.tsv")" = "20220805 202208 2022 RUSGOV RUS GOV CHNGOV 0311 031 03 1 5.2 2 2 2 [] http://example.org/d1" ]
# One date per row (docs/formats.md): a month-only date is its first day.
check store/export-gdelt-month-only-date [ "$(awk -F'\t' '$1 == 7 {print "["$2"]",$3,$4,$5}' "$TMP/e.tsv")" = "[20220801] 202208 2022 2022.6603" ]
check store/export-gdelt-actiongeo [ "$(awk -F'\t' '$1 == 3 {print $53,$57,$58,$60}' "$TMP/e.tsv")" = "donbass 48.0000 38.0000 20220820110000" ]
check store/export-gdelt-mention-offsets [ "$(awk -F'\t' '$1 == 1 && $6 == "http://example.org/d1" {print $2,$3,$5,$7,$8,$9,$10,$13}' "$TMP/m.tsv")" = "20220812100000 20220812100000 tass 1 0 34 10 43" ]
"$DYAD" export --db "$F" --format gdelt --header | head -1 | tr '\t' '\n' >"$TMP/cols"
cat >"$TMP/cols.expected" <<'COLS'
GlobalEventID
Day
MonthYear
Year
FractionDate
Actor1Code
Actor1Name
Actor1CountryCode
Actor1KnownGroupCode
Actor1EthnicCode
Actor1Religion1Code
Actor1Religion2Code
Actor1Type1Code
Actor1Type2Code
Actor1Type3Code
Actor2Code
Actor2Name
Actor2CountryCode
Actor2KnownGroupCode
Actor2EthnicCode
Actor2Religion1Code
Actor2Religion2Code
Actor2Type1Code
Actor2Type2Code
Actor2Type3Code
IsRootEvent
EventCode
EventBaseCode
EventRootCode
QuadClass
GoldsteinScale
NumMentions
NumSources
NumArticles
AvgTone
Actor1Geo_Type
Actor1Geo_FullName
Actor1Geo_CountryCode
Actor1Geo_ADM1Code
Actor1Geo_ADM2Code
Actor1Geo_Lat
Actor1Geo_Long
Actor1Geo_FeatureID
Actor2Geo_Type
Actor2Geo_FullName
Actor2Geo_CountryCode
Actor2Geo_ADM1Code
Actor2Geo_ADM2Code
Actor2Geo_Lat
Actor2Geo_Long
Actor2Geo_FeatureID
ActionGeo_Type
ActionGeo_FullName
ActionGeo_CountryCode
ActionGeo_ADM1Code
ActionGeo_ADM2Code
ActionGeo_Lat
ActionGeo_Long
ActionGeo_FeatureID
DATEADDED
SOURCEURL
COLS
check store/export-gdelt-column-order cmp -s "$TMP/cols" "$TMP/cols.expected"
sed -n '/^### GDELT 2.0 events/,/^### GDELT 2.0 mentions/p' docs/store.md |
    sed -n 's/^| [0-9]* | \([A-Za-z0-9_]*\) |.*/\1/p' >"$TMP/cols.doc"
check store/export-gdelt-columns-documented cmp -s "$TMP/cols" "$TMP/cols.doc"
"$DYAD" export --db "$F" --format phoenix >"$TMP/p.tsv"
check store/export-phoenix [ "$(wc -l <"$TMP/p.tsv")" -eq 9 ] && [ "$(awk -F'\t' 'NF != 26' "$TMP/p.tsv" | wc -l)" -eq 0 ]
check store/export-phoenix-no-negated [ "$(awk -F'\t' '$1 == 5' "$TMP/p.tsv" | wc -l)" -eq 0 ]
check store/export-phoenix-split [ "$(awk -F'\t' '$1 == 6 {print $6,$7,$8,$16}' "$TMP/p.tsv")" = "PRKGOV PRK GOV 2" ]
"$DYAD" export --db "$F" --format csv --mentions "$TMP/m.csv" >"$TMP/e.csv"
check store/export-csv [ "$(tail -n +2 "$TMP/e.csv" | wc -l)" -eq 9 ] && [ "$(tail -n +2 "$TMP/m.csv" | wc -l)" -eq 10 ]
check store/export-csv-keeps-negated [ "$(grep -c '^5,.*,negated,' "$TMP/e.csv")" -eq 1 ]
"$DYAD" export --db "$F" --format jsonl | jq -e -s 'length == 9 and .[0].source_url == "http://example.org/d1" and .[0].num_sources == 2' >/dev/null
check store/export-jsonl [ $? -eq 0 ]
"$DYAD" export --db "$F" 2>/dev/null; check store/export-needs-format [ $? -eq 2 ]

# ---- SIGKILL mid-run, then complete the run -------------------------------------
python3 - "$TMP/big.jsonl" <<'PY'
import json, sys
text = open("examples/2022-08_russia-allies.fr.txt", encoding="utf-8").read().split("\n", 1)[1]
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for i in range(6000):
        f.write(json.dumps({"id": "k%d" % i, "date": "2022-08-%02d" % (1 + i % 28),
                            "source": ["tass", "afp", "reuters"][i % 3],
                            "text": "Dépêche %d. %s" % (i, text)}) + "\n")
PY
K=$TMP/kill.db
"$DYAD" ingest -q --db "$K" "$TMP/big.jsonl" & pid=$!
# Kill once the first batches are committed, well before the end.
for _ in $(seq 1 1500); do
    c=$(sqlite3 "$K" "SELECT count(*) FROM documents" 2>/dev/null || echo 0)
    [ "${c:-0}" -ge 1000 ] && break
    sleep 0.02
done
kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
partial=$(n "$K" "SELECT count(*) FROM documents")
if [ "$partial" -ge 6000 ]; then
    skip store/kill-mid-run "ingest finished before it could be killed"
else
    check store/kill-partial [ "$partial" -gt 0 ] && [ $((partial % 1000)) -eq 0 ]
    check store/kill-integrity [ "$(n "$K" "PRAGMA integrity_check")" = ok ]
    check store/kill-no-half-document [ "$(n "$K" "SELECT count(*) FROM documents d WHERE n_events <> (SELECT count(*) FROM event_mentions m WHERE m.doc_id = d.id)")" = 0 ]
fi
"$DYAD" ingest -q --db "$K" "$TMP/big.jsonl"; rc=$?
check store/kill-rerun-completes [ "$rc" -eq 0 ] && [ "$(n "$K" "SELECT count(*) FROM documents")" -eq 6000 ]
"$DYAD" ingest -q --db "$TMP/full.db" "$TMP/big.jsonl"
check store/kill-rerun-equals-full-run [ "$(n "$K" "SELECT count(*), sum(num_mentions), sum(num_articles), sum(num_sources) FROM events")" = "$(n "$TMP/full.db" "SELECT count(*), sum(num_mentions), sum(num_articles), sum(num_sources) FROM events")" ]
check store/kill-rerun-sightings [ "$(n "$K" "SELECT count(*) FROM event_mentions")" = "$(n "$TMP/full.db" "SELECT count(*) FROM event_mentions")" ]
