#!/bin/sh
# warc.sh - WARC.gz -> events: MB/s of compressed input, per core.
#
#   bench/warc.sh [--mb N] [--runs N] [--threads "1 2"] [--syntax "on off"] [--keep] [--no-build]
#
# Builds dyad if needed, writes a CC-NEWS-like WARC.gz of N MB compressed
# (default 1000) from the Wikinews corpora (bench/warc.py; into bench/out/,
# which git ignores; reused when it is already there with that size), then
# times `dyad code -q --input warc -j J FILE >/dev/null` for each J, with and
# without the syntax models (--syntax off: --no-syntax), best of --runs
# (default 1).
# Prints per run: wall seconds, CPU seconds, peak RSS, MB/s of compressed
# input (wall) and MB/s per core (compressed MB per CPU second: what one
# core codes), and the load average before the run (other jobs share this
# machine). The file is deleted at the end unless --keep.
# This is a benchmark, not a test: it prints figures (see CONVENTIONS.md).
set -u
cd "$(dirname "$0")/.." || exit 1
mb=1000; runs=1; threads="1 2"; syntax="on off"; keep=0; build=1
while [ $# -gt 0 ]; do
    case $1 in
        --mb) mb=$2; shift ;;
        --runs) runs=$2; shift ;;
        --threads) threads=$2; shift ;;
        --syntax) syntax=$2; shift ;;
        --keep) keep=1 ;;
        --no-build) build=0 ;;
        -h|--help) sed -n '2,17s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) echo "warc.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
    shift
done
BUILD=${BUILD:-build}
DYAD=${DYAD:-$BUILD/dyad}
out=bench/out
mkdir -p "$out" || exit 1
if [ "$build" = 1 ] && ! make -j2 >"$out/make.log" 2>&1; then
    echo "warc.sh: make failed (see $out/make.log)" >&2
    exit 1
fi
file=$out/news-${mb}mb.warc.gz
if [ ! -s "$file" ]; then
    python3 bench/warc.py --mb "$mb" --out "$file" || exit 1
fi
bytes=$(wc -c <"$file")
echo "# $file: $bytes bytes compressed; $(nproc) cores; dyad $("$DYAD" --version | head -1)"
printf '%-10s %-3s %8s %8s %9s %10s %12s  %s\n' syntax j wall_s cpu_s rss_MB "MB/s" "MB/s/core" "load before"
for syn in $syntax; do
    flag=""; [ "$syn" = off ] && flag=--no-syntax
    for j in $threads; do
        best=""; best_wall=""
        r=0
        while [ $r -lt "$runs" ]; do
            r=$((r + 1))
            load=$(cut -d' ' -f1-3 /proc/loadavg)
            # shellcheck disable=SC2086
            python3 bench/measure.py --stdout /dev/null --stderr "$out/warc.err" -- \
                "$DYAD" code -q -j "$j" $flag --input warc "$file" >"$out/warc.m" || exit 1
            line=$(python3 - "$out/warc.m" "$bytes" "$syn" "$j" "$load" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
b = int(sys.argv[2]) / 1e6
cpu = m["user_s"] + m["sys_s"]
print("%.3f %-10s %-3s %8.1f %8.1f %9.0f %10.2f %12.2f  %s" % (
    m["wall_s"], sys.argv[3], sys.argv[4], m["wall_s"], cpu, m["maxrss_kb"] / 1024,
    b / m["wall_s"], b / cpu, sys.argv[5]))
PY
)
            wall=${line%% *}
            if [ -z "$best" ] || awk -v a="$wall" -v b="$best_wall" 'BEGIN { exit !(a < b) }'; then
                best=$line; best_wall=$wall
            fi
        done
        echo "$best" | cut -d' ' -f2-
    done
done
[ "$keep" = 1 ] || rm -f "$file"
