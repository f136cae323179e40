#!/bin/sh
# task.sh - one shard's work: `dyad ingest` one WARC file into a SQLite
# store of its own, OUT/stores/NAME.db, with its messages in
# OUT/logs/NAME.err. Used by slurm-warc.sbatch and parallel-warc.sh
# (docs/scale.md).
#
#   sh examples/cluster/task.sh FILE.warc.gz OUT
#
# Safe to run again: a shard whose store is complete is not done twice, and
# a task killed mid-way leaves only NAME.db.part, which the rerun replaces.
# Exit status: 0 (dyad's 3, "some records were reported and skipped", is
# success here: the log says which), else dyad's status.
# DYAD: the dyad binary (default: dyad on PATH); DYAD_THREADS: threads per
# task (default 1: one task per core).
set -u
warc=$1; out=$2
DYAD=${DYAD:-dyad}
name=$(basename "$warc")
db=$out/stores/$name.db
mkdir -p "$out/stores" "$out/logs" || exit 1
[ -s "$db" ] && exit 0
rm -f "$db.part" "$db.part-wal" "$db.part-shm"
"$DYAD" ingest -v -j "${DYAD_THREADS:-1}" --input warc --db "$db.part" "$warc" \
    2>"$out/logs/$name.err"
rc=$?
case $rc in
    0|3) mv "$db.part" "$db" ;;
    *) echo "task.sh: $warc: dyad ingest exited $rc (see $out/logs/$name.err)" >&2; exit $rc ;;
esac
