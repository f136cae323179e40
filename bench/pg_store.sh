#!/bin/sh
# pg_store.sh - the million-event store of bench/serve_store.sh, copied row
# for row (ids included, text inflated into bytea) into a PostgreSQL
# server that this script starts in a temporary folder (Unix socket, no
# TCP, fsync off: a benchmark, not a store to keep), so that `dyad query`,
# `relations` and `export` can be timed on both stores with the same
# content (docs/BENCHMARKS.md, issue 18). Not a test.
#
#   bench/pg_store.sh SQLITE_STORE DIR [PORT]
#
# Prints the URI to pass as --db; the server keeps running until
#   runuser -u postgres -- $(pg_config --bindir)/pg_ctl -D DIR/data stop
# (without runuser when not root). DYAD=path selects the binary.
set -eu
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: bench/pg_store.sh SQLITE_STORE DIR [PORT]" >&2; exit 2; }
src=$1; dir=$2; port=${3:-54339}
[ -f "$src" ] || { echo "pg_store.sh: no store at $src" >&2; exit 2; }
DYAD=${DYAD:-build/dyad}
BIN=$(pg_config --bindir 2>/dev/null || true)
[ -x "$BIN/initdb" ] || BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
AS=""
[ "$(id -u)" -eq 0 ] && AS="runuser -u postgres --"
mkdir -p "$dir"
[ -n "$AS" ] && chown postgres "$dir"
$AS "$BIN/initdb" -D "$dir/data" -U dyad -A trust -E UTF8 --locale=C >"$dir/initdb.log"
$AS "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-k $dir -p $port -c listen_addresses= -c fsync=off" start >/dev/null
psql_() { "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U dyad "$@"; }
psql_ -d postgres -c "CREATE DATABASE big"
uri="postgresql://dyad@/big?host=$dir&port=$port"
: >"$dir/none.jsonl"
"$DYAD" ingest -q --db "$uri" "$dir/none.jsonl" 2>/dev/null || true   # the schema only
python3 bench/sqlite_to_pg.py "$src" | psql_ -d big >/dev/null
psql_ -d big -c "VACUUM ANALYZE" >/dev/null
echo "$uri"
