# cluster.sh - the GNU parallel recipe of docs/scale.md
# (examples/cluster/parallel-warc.sh, task.sh, merge.sh) on a folder of
# WARC files written by tests/warc.py: one store per file, then one merged
# store whose events are those of a single `dyad ingest` of every file; a
# rerun skips the shards already done. Skipped when GNU parallel is absent
# (tools/bootstrap.sh installs it).
. tests/cli/lib.sh
if ! parallel --version 2>/dev/null | grep -q "GNU parallel"; then
    skip cluster/all "GNU parallel is not installed (tools/bootstrap.sh installs it)"
    exit 0
fi
ABS=$(cd "$(dirname "$DYAD")" && pwd)/$(basename "$DYAD")
mkdir -p "$TMP/warc"
python3 tests/warc.py "$TMP/warc/a.warc.gz" --gz --tag a
python3 tests/warc.py "$TMP/warc/b.warc" --tag b
python3 tests/warc.py "$TMP/warc/c.warc.gz" --gz --tag c --case truncated
echo "not a warc" >"$TMP/warc/notes.txt"
DYAD=$ABS sh examples/cluster/parallel-warc.sh "$TMP/warc" "$TMP/out" 2 >"$TMP/o" 2>"$TMP/err"; rc=$?
check cluster/parallel-exit-0 [ $rc -eq 0 ]
check cluster/one-store-per-warc [ "$(ls "$TMP/out/stores" | tr '\n' ' ')" = "a.warc.gz.db b.warc.db c.warc.gz.db " ]
check cluster/joblog [ "$(grep -c 'task.sh' "$TMP/out/logs/joblog")" -eq 3 ]
check cluster/truncated-logged grep -q "truncated WARC record" "$TMP/out/logs/c.warc.gz.err"
DYAD=$ABS sh examples/cluster/merge.sh "$TMP/out" "$TMP/merged.db" 2 2>"$TMP/err"; rc=$?
check cluster/merge-exit-0 [ $rc -eq 0 ]
"$DYAD" ingest -q --db "$TMP/one.db" "$TMP/warc/a.warc.gz" "$TMP/warc/b.warc" "$TMP/warc/c.warc.gz" 2>/dev/null
q() { sqlite3 "$1" "SELECT event_date, source, target, code, location, polarity, modality,
    num_mentions, num_articles FROM events ORDER BY 1, 2, 3, 4, 5, 6, 7"; }
docs() { sqlite3 "$1" "SELECT id, date, text FROM documents ORDER BY id"; }
q "$TMP/merged.db" >"$TMP/merged.ev"; q "$TMP/one.db" >"$TMP/one.ev"
docs "$TMP/merged.db" >"$TMP/merged.docs"; docs "$TMP/one.db" >"$TMP/one.docs"
check cluster/merged-docs [ "$(sqlite3 "$TMP/merged.db" "SELECT count(*) FROM documents")" -eq 6 ]
check cluster/merged-docs-same cmp -s "$TMP/merged.docs" "$TMP/one.docs"
check cluster/merged-events-found [ -s "$TMP/merged.ev" ]
check cluster/merged-events-same cmp -s "$TMP/merged.ev" "$TMP/one.ev"
# a rerun does nothing new; a removed shard is done again
touch -d '2001-01-01' "$TMP/out/stores/a.warc.gz.db"
rm "$TMP/out/stores/b.warc.db"
DYAD=$ABS sh examples/cluster/parallel-warc.sh "$TMP/warc" "$TMP/out" 2 >/dev/null 2>&1
check cluster/rerun-keeps-done [ "$(find "$TMP/out/stores/a.warc.gz.db" -newermt '2002-01-01' | wc -l)" -eq 0 ]
check cluster/rerun-redoes-missing [ -s "$TMP/out/stores/b.warc.db" ]
check cluster/no-part-left [ -z "$(ls "$TMP/out/stores" | grep part)" ]
