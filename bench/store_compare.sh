#!/bin/sh
# store_compare.sh - two dyad binaries, interleaved, on one store: the
# CPU and wall time of `dyad query --dyad RUS,UKR --limit 100` (perf
# stat's task clock, mean of 10 runs, per round) and of `dyad export
# --format gdelt` (wall, user, sys; the output's bytes compared), each
# line with the load average. Not a test; docs/BENCHMARKS.md "Export and
# query on the million-event store, after".
#
#   bench/store_compare.sh BEFORE AFTER STORE [ROUNDS [AFTER_STORE]]   (default 3 rounds)
#
# AFTER_STORE: the same store migrated for AFTER, when the two binaries
# read different schema versions (a copy of STORE opened once by AFTER's
# `dyad ingest`, e.g. `cp big.db v4.db && dyad ingest -q --db v4.db /dev/null`).
#
# Each binary needs its lexicon (dyad.lex) beside it for GDELT's place
# types. Build STORE with bench/serve_store.sh.
set -eu
[ $# -ge 3 ] || { echo "usage: store_compare.sh BEFORE AFTER STORE [ROUNDS]" >&2; exit 2; }
before=$1 after=$2 store=$3 rounds=${4:-3} after_store=${5:-$3}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
load() { cut -d' ' -f1 /proc/loadavg; }
r=1
while [ "$r" -le "$rounds" ]; do
    for v in before after; do
        b=$before; db=$store; [ "$v" = after ] && b=$after && db=$after_store
        ms=$(perf stat -r 10 -x, -e task-clock "$b" query --db "$db" --dyad RUS,UKR --limit 100 \
             2>&1 >/dev/null | cut -d, -f1)
        echo "round $r $v query: task clock $ms ms (load $(load))"
    done
    for v in before after; do
        b=$before; db=$store; [ "$v" = after ] && b=$after && db=$after_store
        l=$(load)
        /usr/bin/time -o "$tmp/t" -f '%e %U %S' nice "$b" export -q --db "$db" --format gdelt >"$tmp/$v.tsv"
        set -- $(cat "$tmp/t")
        bytes=$(wc -c <"$tmp/$v.tsv")
        echo "round $r $v export: $bytes bytes, $1 s wall, $2 s user, $3 s sys (load $l)"
    done
    cmp -s "$tmp/before.tsv" "$tmp/after.tsv" && echo "round $r export: same bytes" ||
        echo "round $r export: OUTPUTS DIFFER"
    r=$((r + 1))
done
