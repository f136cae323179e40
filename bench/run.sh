#!/bin/sh
# run.sh - dyad's throughput benchmark in one command.
#
#   bench/run.sh [--mb N] [--runs N] [--markdown] [--smoke] [--no-build] [--out DIR]
#
# Builds dyad if needed (make -j2), builds a JSON Lines corpus of N MB
# (default 100) from ../shared/data (bench/corpus.py, into bench/out/), then
# measures on the same bytes: cat and `wc -w` as baselines, `dyad code -q`,
# `dyad ingest` when it exists, and dyad's start-up time (bench/bench.py).
# Prints a table; --markdown prints a block for docs/BENCHMARKS.md.
# --smoke: 1 MB corpus, one run each, checks that every step ran and every
# figure is a number; exit status 1 on any failure.
# --out DIR: where the corpus and scratch files go (default bench/out, with
# --smoke bench/out/smoke). DYAD=path selects the binary (default build/dyad,
# or $BUILD/dyad).
# This is a benchmark, not a test: it prints figures (see CONVENTIONS.md).
set -u
cd "$(dirname "$0")/.." || exit 1

mb=100; runs=3; smoke=0; build=1; markdown=""; cmdline="bench/run.sh"; out=""
while [ $# -gt 0 ]; do
    case $1 in
        --mb) [ $# -ge 2 ] || { echo "run.sh: --mb needs a number" >&2; exit 2; }
              mb=$2; cmdline="$cmdline --mb $2"; shift ;;
        --mb=*) mb=${1#--mb=}; cmdline="$cmdline $1" ;;
        --runs) [ $# -ge 2 ] || { echo "run.sh: --runs needs a number" >&2; exit 2; }
                runs=$2; cmdline="$cmdline --runs $2"; shift ;;
        --runs=*) runs=${1#--runs=}; cmdline="$cmdline $1" ;;
        --smoke) smoke=1; cmdline="$cmdline --smoke" ;;
        --markdown) markdown=--markdown; cmdline="$cmdline --markdown" ;;
        --no-build) build=0 ;;
        --out) [ $# -ge 2 ] || { echo "run.sh: --out needs a folder" >&2; exit 2; }
               out=$2; shift ;;
        --out=*) out=${1#--out=} ;;
        -h|--help) sed -n '2,18s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
    shift
done
if [ "$smoke" = 1 ]; then
    mb=1; runs=1
fi

BUILD=${BUILD:-build}
DYAD=${DYAD:-$BUILD/dyad}
data=${DYAD_BENCH_DATA:-../shared/data}
if [ -z "$out" ]; then
    out=bench/out
    if [ "$smoke" = 1 ]; then out=bench/out/smoke; fi
fi

mkdir -p "$out" || exit 1
if [ "$build" = 1 ]; then
    if ! make -j2 >"$out/make.log" 2>&1; then
        if [ -x "$DYAD" ]; then
            echo "run.sh: make failed (see $out/make.log); measuring the existing $DYAD" >&2
        else
            echo "run.sh: make failed and $DYAD does not exist (see $out/make.log)" >&2
            exit 1
        fi
    fi
fi
[ -x "$DYAD" ] || { echo "run.sh: $DYAD: not built (run make)" >&2; exit 1; }

python3 bench/corpus.py --mb "$mb" --data "$data" --out "$out/corpus.jsonl" || exit 1
smoke_flag=""; [ "$smoke" = 1 ] && smoke_flag=--smoke
startup_runs=20
exec python3 bench/bench.py --corpus "$out/corpus.jsonl" --dyad "$DYAD" --runs "$runs" \
    --startup-runs "$startup_runs" --command "$cmdline" $smoke_flag $markdown
