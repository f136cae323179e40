#!/bin/sh
# serve_store.sh - builds the store that bench/serve.sh measures `dyad serve`
# on: real news coded by dyad, then shifted in time until it holds at least
# N events (default 1,000,000). Not a test; run once, it takes about a minute.
#
#   bench/serve_store.sh [--events N] [--out DIR]     (default DIR: /tmp/dyad-serve-bench)
#
# 1. bench/corpus.py writes one pass of the benchmark corpus (1,486 French
#    and English Wikinews articles, ../shared/data) and `dyad ingest` codes
#    it into DIR/base.db (documents, mentions, events, sightings).
# 2. DIR/big.db is base.db plus copies of its events and their sightings,
#    copy k shifted by 7*k days (month-only dates by whole months), until
#    the store holds N events. The documents are not copied: sightings of
#    a copy point to the original document, whose text is the evidence.
# The stores stay out of the repository. DYAD=path selects the binary;
# DATA=dir the shared data (default ../shared/data).
set -eu
cd "$(dirname "$0")/.."
events=1000000; out=/tmp/dyad-serve-bench
while [ $# -gt 0 ]; do
    case $1 in
        --events) events=$2; shift ;;
        --out) out=$2; shift ;;
        *) echo "serve_store.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
DYAD=${DYAD:-build/dyad}
data=${DATA:-../shared/data}
mkdir -p "$out"
python3 bench/corpus.py --mb 3.3 --data "$data" --out "$out/base.jsonl"
rm -f "$out/base.db" "$out/base.db-wal" "$out/base.db-shm"
nice -n 10 "$DYAD" ingest -q --input jsonl --db "$out/base.db" "$out/base.jsonl"
n=$(sqlite3 "$out/base.db" "SELECT count(*) FROM events")
# About a tenth of the copies collide with another copy of the same event
# (month-only dates shifted by a week stay in their month) and are dropped.
copies=$(( (events * 115 / 100 + n - 1) / n ))
echo "serve_store.sh: $n events coded; $copies shifted copies" >&2
rm -f "$out/big.db" "$out/big.db-wal" "$out/big.db-shm"
sqlite3 "$out/base.db" "VACUUM INTO '$out/big.db'"
# Shift one date by k weeks: YYYY-MM-DD by days, YYYY-MM by months (from
# its first day), with any "../" prefix kept.
nice -n 10 sqlite3 "$out/big.db" <<SQL
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -262144;
ATTACH '$out/base.db' AS b;
CREATE TEMP TABLE k(k INTEGER PRIMARY KEY);
WITH RECURSIVE c(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM c WHERE k < $copies - 1)
INSERT INTO k SELECT k FROM c;
CREATE TEMP TABLE span AS SELECT max(id) + 1 AS s FROM b.events;
CREATE TEMP VIEW shifted AS
SELECT k.k, e.*, CASE
  WHEN substr(d, 1, 10) GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
    THEN pre || date(d, '+' || (7 * k.k) || ' days')
  WHEN d GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
    THEN pre || strftime('%Y-%m', d || '-01', '+' || (7 * k.k) || ' days')
  ELSE e.event_date END AS nd
FROM k, (SELECT *, CASE WHEN event_date LIKE '../%' THEN '../' ELSE '' END AS pre,
         CASE WHEN event_date LIKE '../%' THEN substr(event_date, 4) ELSE event_date END AS d
         FROM b.events) e;
BEGIN;
INSERT OR IGNORE INTO events(id, event_date, source, source_country, target, target_country,
  code, root, quad, goldstein, plover, location, location_country, lat, lon, polarity,
  modality, num_mentions, num_sources, num_articles, first_seen)
SELECT id + k * (SELECT s FROM span), nd, source, source_country, target, target_country, code,
  root, quad, goldstein, plover, location, location_country, lat, lon, polarity, modality,
  num_mentions, num_sources, num_articles, first_seen FROM shifted;
INSERT INTO event_mentions(event_id, doc_id, doc_source, sent, sentence, sentence_start,
  trigger_text, trigger_start, trigger_end, source_text, source_start, source_end, target_text,
  target_start, target_end, attribution_text, attribution_code, rule, polarity, modality,
  doc_mentions)
SELECT m.event_id + k.k * (SELECT s FROM span), m.doc_id, m.doc_source, m.sent, m.sentence,
  m.sentence_start, m.trigger_text, m.trigger_start, m.trigger_end, m.source_text,
  m.source_start, m.source_end, m.target_text, m.target_start, m.target_end,
  m.attribution_text, m.attribution_code, m.rule, m.polarity, m.modality, m.doc_mentions
FROM k, b.event_mentions m
WHERE EXISTS (SELECT 1 FROM events WHERE id = m.event_id + k.k * (SELECT s FROM span));
COMMIT;
SQL
sqlite3 "$out/big.db" "PRAGMA journal_mode = WAL" >/dev/null
sqlite3 "$out/big.db" "SELECT 'serve_store.sh: ' || count(*) || ' events, ' || min(event_date) || ' .. ' || max(event_date) FROM events" >&2
total=$(sqlite3 "$out/big.db" "SELECT count(*) FROM events")
ls -l "$out/big.db" >&2
[ "$total" -ge "$events" ] || { echo "serve_store.sh: only $total events" >&2; exit 1; }
