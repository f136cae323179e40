#!/bin/sh
# parallel-warc.sh - code a folder of WARC files with GNU parallel, one
# task (examples/cluster/task.sh) per file, each into its own SQLite store
# under OUT/stores/; then merge them with merge.sh (docs/scale.md).
#
#   sh examples/cluster/parallel-warc.sh WARC_DIR OUT [JOBS] [PARALLEL_OPTIONS...]
#
# JOBS: tasks at once (default: one per core). More machines: add GNU
# parallel's own options, e.g. `--sshloginfile nodes.txt --workdir .`
# (every node then needs dyad and sees WARC_DIR and OUT at the same paths).
# The job log, OUT/logs/joblog, lists each file's exit status and time; a
# rerun skips the shards that are done (--resume-failed also retries
# failures).
set -u
dir=$1; out=$2; shift 2
jobs=${1:-0}; [ $# -gt 0 ] && shift
[ "$jobs" = 0 ] && jobs=100%
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out/logs" || exit 1
find "$dir" -maxdepth 1 -type f \( -name '*.warc' -o -name '*.warc.gz' \) | LC_ALL=C sort |
    parallel --will-cite --jobs "$jobs" --halt never --joblog "$out/logs/joblog" "$@" \
        sh "$here/task.sh" {} "$out"
