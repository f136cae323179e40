#!/bin/sh
# serve.sh - `dyad serve` on a store of a million events: requests per second
# and p99 latency of /api/relations for one month (answers cached by URL, and
# every answer computed with --no-cache), the dashboard's first load in
# headless Chromium, and the server's peak RSS. Not a test: it prints figures
# (docs/BENCHMARKS.md, "dyad serve").
#
#   bench/serve.sh [--store DIR] [--seconds N] [--month YYYY-MM] [--loads N]
#
# The store is DIR/big.db (default /tmp/dyad-serve-bench), built once by
# bench/serve_store.sh when missing. The load generator is wrk (Debian's
# wrk), one thread and 8 connections on loopback, N seconds (default 10)
# per run. The first load is measured N times (default 5), each on a fresh
# server and in a fresh Chromium (median, then the spread). DYAD=path
# selects the binary.
set -eu
cd "$(dirname "$0")/.."
dir=/tmp/dyad-serve-bench; secs=10; month=2022-08; loads=5
while [ $# -gt 0 ]; do
    case $1 in
        --store) dir=$2; shift ;;
        --seconds) secs=$2; shift ;;
        --month) month=$2; shift ;;
        --loads) loads=$2; shift ;;
        *) echo "serve.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
DYAD=${DYAD:-build/dyad}
command -v wrk >/dev/null || { echo "serve.sh: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
[ -f "$dir/big.db" ] || bench/serve_store.sh --out "$dir"
tmp=$(mktemp -d); trap 'kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
pid=""

start() {   # start ARGS...: a server on a free port; sets pid and url
    : >"$tmp/url"
    "$DYAD" serve -q --db "$dir/big.db" --listen 127.0.0.1:0 "$@" >"$tmp/url" &
    pid=$!
    while [ ! -s "$tmp/url" ]; do sleep 0.05; done
    url=$(head -n 1 "$tmp/url")
}
stop() { kill -TERM "$pid"; wait "$pid" || true; }
rss_mb() { awk '/^VmHWM/ {printf "%.1f", $2 / 1024}' "/proc/$pid/status"; }
# bench NAME: wrk on the month's relations; prints "NAME req/s p50 p99".
bench() {
    wrk -t1 -c8 -d"${secs}s" --latency "${url}api/relations?period=$month" >"$tmp/wrk"
    awk -v name="$1" '/Requests\/sec/ {rps = $2}
        /^ +50%/ {p50 = $2} /^ +99%/ {p99 = $2}
        /Non-2xx/ {bad = $NF} / requests in / {n = $1}
        END {printf "%s %s %s %s %s %s\n", name, rps, p50, p99, bad ? bad : 0, n}' "$tmp/wrk"
}
# The server's CPU time so far (user + system), in ms: with the number of
# requests, the cost of one answer whatever else the machine is doing.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{printf "%d", ($14 + $15) * 1000 / hz}' "/proc/$pid/stat"; }

events=$(sqlite3 "$dir/big.db" "SELECT count(*) FROM events")
in_month=$(sqlite3 "$dir/big.db" "SELECT count(*) FROM events WHERE event_date >= '$month' AND event_date < '$month~'")
echo "store: $dir/big.db, $events events, $in_month in $month; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"

start
curl -s -o /dev/null "${url}api/relations?period=$month"
hot=$(bench cached)
rss1=$(rss_mb)
stop

start --no-cache
c0=$(cpu_ms)
cold=$(bench uncached)
c1=$(cpu_ms)
rss2=$(rss_mb)
stop

# First loads: each on a fresh server (nothing cached, its store
# connections cold) in a fresh Chromium; then one server for a first load
# and four more.
load="n/a"; firsts="n/a"
if command -v chromium >/dev/null 2>&1; then
    : >"$tmp/firsts"
    i=0
    while [ $i -lt "$loads" ]; do
        start
        python3 tests/browser.py --load-time "$url" 1 |
            sed -n 's/^page \[\([0-9]*\)\].*/\1/p' >>"$tmp/firsts"
        stop
        i=$((i + 1))
    done
    firsts=$(sort -n "$tmp/firsts" | awk '{v[NR] = $1} END {
        m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%d (%d-%d, %d runs)", m, v[1], v[NR], NR}')
    start
    load=$(python3 tests/browser.py --load-time "$url" 5)
    rss3=$(rss_mb)
    stop
else
    rss3=0
fi
echo
echo "| measure | value |"
echo "|---|---|"
set -- $hot
echo "| /api/relations?period=$month, cached: requests/s | $2 |"
echo "| ... p50 / p99 latency | $3 / $4 |"
[ "$5" = 0 ] || echo "| ... non-2xx answers | $5 |"
set -- $cold
echo "| /api/relations?period=$month, --no-cache: requests/s | $2 |"
echo "| ... p50 / p99 latency | $3 / $4 |"
[ "$5" = 0 ] || echo "| ... non-2xx answers | $5 |"
per=$(awk -v c=$((c1 - c0)) -v n="$6" 'BEGIN {printf "%.1f", c / n}')
echo "| ... server CPU per answer, ms ($6 answers) | $per |"
echo "| first dashboard load, ms (navigation to drawn; fresh server and browser): median (min-max) | $firsts |"
echo "| dashboard load, ms: page (navigation to drawn), wall (seen by the driver); first on a fresh server, then 4 more | $load |"
echo "| peak RSS of the server, MB (cached run / no-cache run / browser run) | $rss1 / $rss2 / $rss3 |"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
