#!/usr/bin/env python3
"""sqlite_to_pg.py - an SQLite dyad store as the SQL that fills an empty
PostgreSQL dyad store (its schema created by `dyad ingest`) row for row,
ids included, document text inflated into bytea: COPY statements on
stdout, for psql. The writers' unique hash columns get any unique bytes,
which is all the readers need. Used by tests/cli/pg.sh (the readers must
print the same bytes from both stores) and bench/pg_store.sh.

  python3 bench/sqlite_to_pg.py STORE | psql ...
"""
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
