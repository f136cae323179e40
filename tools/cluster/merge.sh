#!/bin/sh
# merge.sh - one store from the shards' stores (OUT/stores/*.db).
#
#   sh examples/cluster/merge.sh OUT MERGED.db [THREADS]
#
# dyad has no store-to-store merge: `dyad ingest` reads documents. So the
# shards' documents (the article text each one extracted from its WARC
# pages, with URL, date and title; the language is identified again) are
# written out as JSON Lines by sqlite3 and ingested into MERGED.db, which
# codes them once more, on THREADS threads (default: every core). That costs one more coding pass
# (the WARC files are not read again: the text is a fraction of their
# size); documents already in MERGED.db are skipped by their content hash,
# so merging new shards into it later codes only those. The events equal a
# single `dyad ingest` of all the WARC files (tests/cli/cluster.sh checks).
# It reads the `documents` table of docs/store.md: use the dyad that wrote
# the shards.
set -u
out=$1; merged=$2; threads=${3:-}
DYAD=${DYAD:-dyad}
for db in "$out"/stores/*.db; do
    [ -s "$db" ] || continue
    sqlite3 -bail "$db" "SELECT json_object('id', id, 'date', date,
        'title', title, 'url', url, 'source', source, 'text', text)
        FROM documents ORDER BY rowid" || exit 1
done | "$DYAD" ingest -q ${threads:+-j "$threads"} --input jsonl --db "$merged" -
