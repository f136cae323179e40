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
python3 - "$src" <<'PY' | psql_ -d big >/dev/null
import hashlib, sqlite3, sys, zlib
db = sqlite3.connect(sys.argv[1])
out = sys.stdout
def cell(v):
    if v is None:
        return '\\N'
    if isinstance(v, bytes):
        return '\\\\x' + v.hex()
    if isinstance(v, float):
        return repr(v)
    s = str(v)
    return s.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n').replace('\r', '\\r')
def copy(table, cols, rows):
    out.write('COPY %s(%s) FROM stdin;\n' % (table, ', '.join(cols)))
    for r in rows:
        out.write('\t'.join(cell(v) for v in r) + '\n')
    out.write('\\.\n')
def key(*v):  # the writers' unique hash columns: any unique bytes do for reading
    return hashlib.md5(repr(v).encode()).digest()
ev = [c[1] for c in db.execute('PRAGMA table_info(events)')]
copy('events', ev, db.execute('SELECT %s FROM events' % ', '.join(ev)))
dc = ['n', 'id', 'date', 'lang', 'title', 'url', 'source', 'content_hash', 'text_z', 'text_len',
      'coded_at', 'coded_with', 'n_events', 'body_start']
def docs():
    for r in db.execute('SELECT %s FROM store_documents' % ', '.join(dc)):
        r = list(r)
        z, n = r[8], r[9]
        r[8] = z if len(z) == n else zlib.decompress(z)   # sqlar: deflated when shorter
        if isinstance(r[7], str):
            r[7] = bytes.fromhex(r[7]) if len(r[7]) == 32 else r[7].encode()
        yield r
copy('store_documents', [c if c != 'text_z' else 'text' for c in dc], docs())
copy('store_strings', ['id', 'hash', 's'],
     ((i, key(s), s) for i, s in db.execute('SELECT id, s FROM store_strings')))
fc = ['id', 'kind', 'text', 'code', 'country', 'entry', 'resolved_by', 'lat', 'lon']
copy('store_actor_forms', fc + ['key'],
     (tuple(r) + (key(*r),) for r in db.execute('SELECT %s FROM store_actor_forms' % ', '.join(fc))))
for t in ('store_mentions', 'store_sightings', 'store_quotes'):
    cols = [c[1] for c in db.execute('PRAGMA table_info(%s)' % t)]
    copy(t, cols, db.execute('SELECT %s FROM %s' % (', '.join(cols), t)))
out.write('VACUUM ANALYZE;\n')
PY
echo "$uri"
