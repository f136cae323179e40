#!/bin/sh
# ingest_vs_code.sh - issue 18's target "`ingest -j N` within 20% of `code
# -j N`": N interleaved pairs of `dyad code -q -j J` and `dyad ingest -q -j J`
# (into a fresh store each time) on the same corpus, each pair's wall and
# CPU (user + sys) ratio, then the medians, with the load average before
# each run. Not a test; docs/BENCHMARKS.md "Store size and ingest speed".
#
#   bench/ingest_vs_code.sh [--runs N] [--threads J] [--corpus FILE]
#
# Defaults: 3 pairs, -j 2, bench/out/corpus.jsonl (make it with
# `python3 bench/corpus.py --mb 20 --data ../shared/data --out
# bench/out/corpus.jsonl`). DYAD=path selects the binary. On a shared
# machine the CPU ratio is the steadier figure; the target is wall time on
# a quiet one.
set -eu
cd "$(dirname "$0")/.."
runs=3 threads=2 corpus=bench/out/corpus.jsonl
while [ $# -gt 0 ]; do
    case $1 in
        --runs) runs=$2; shift ;;
        --threads) threads=$2; shift ;;
        --corpus) corpus=$2; shift ;;
        *) echo "ingest_vs_code.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
DYAD=${DYAD:-build/dyad}
[ -f "$corpus" ] || { echo "ingest_vs_code.sh: no corpus $corpus (see the comment above)" >&2; exit 2; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
load() { cut -d' ' -f1 /proc/loadavg; }
echo "corpus $corpus ($(wc -c <"$corpus") bytes), $DYAD -j $threads, $runs pairs"
i=1
while [ "$i" -le "$runs" ]; do
    l1=$(load)
    /usr/bin/time -o "$tmp/c" -f '%e %U %S' "$DYAD" code -q -j "$threads" --input jsonl "$corpus" >/dev/null
    rm -f "$tmp/s.db" "$tmp/s.db-wal" "$tmp/s.db-shm"
    l2=$(load)
    /usr/bin/time -o "$tmp/i" -f '%e %U %S' "$DYAD" ingest -q -j "$threads" --input jsonl \
        --db "$tmp/s.db" "$corpus"
    # shellcheck disable=SC2046
    set -- $(cat "$tmp/c") $(cat "$tmp/i")
    awk -v i="$i" -v cw="$1" -v cu="$2" -v cs="$3" -v iw="$4" -v iu="$5" -v is="$6" \
        -v l1="$l1" -v l2="$l2" 'BEGIN {
        printf "pair %d: code %.2f s wall %.2f s CPU (load %s); ingest %.2f s wall %.2f s CPU (load %s); ratio wall %.3f CPU %.3f\n",
               i, cw, cu + cs, l1, iw, iu + is, l2, iw / cw, (iu + is) / (cu + cs) }' | tee -a "$tmp/pairs"
    i=$((i + 1))
done
# medians of the ratios
for k in wall CPU; do
    sed "s/.* $k \([0-9.]*\).*/\1/" "$tmp/pairs" | sort -n |
        awk -v k="$k" '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
                         printf "median ingest / code, %s: %.3f (target <= 1.20)\n", k, m }'
done
