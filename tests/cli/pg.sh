# pg.sh - the PostgreSQL store (issue 18 item 3, src/store_pg.c) against a
# real server started here in a temporary folder (initdb + pg_ctl, a Unix
# socket in that folder, no TCP): two writers creating the schema at once;
# a writer killed with SIGKILL in the middle of a batch leaves nothing of
# it; four writers on overlapping inputs, the killed one rerun, give the
# documents, events (with their counts), actor mentions, sightings and
# quotes of a single-writer SQLite ingest of the same inputs, row for row;
# boilerplate repeats as in SQLite, and once under concurrent writers;
# a deadlock that the server breaks by aborting a writer's batch, which is
# then run again; invalid UTF-8 and NUL bytes stored as '?' (same length);
# an unreachable server, a missing database and a store of a newer dyad
# are clear errors with exit status 1, for the writer and the readers;
# query, export (every format), relations and graph read a copy of the
# SQLite reference store in PostgreSQL and print what they print on the
# SQLite store, byte for byte. Skipped when PostgreSQL is not installed
# (tools/bootstrap.sh installs it).
. tests/cli/lib.sh
LEX=${BUILD:-build}/dyad.lex
ING="$DYAD ingest --lexicon $LEX -q"

BIN=$(pg_config --bindir 2>/dev/null)
[ -x "$BIN/initdb" ] || BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ ! -x "$BIN/initdb" ] || [ ! -x "$BIN/pg_ctl" ] || [ ! -x "$BIN/psql" ]; then
    skip pg/all "PostgreSQL is not installed (tools/bootstrap.sh installs it)"; exit 0
fi
# initdb refuses to run as root: the server then runs as the package's user
AS=""
if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
        skip pg/all "running as root and there is no postgres user to run the server"; exit 0
    fi
    AS="runuser -u postgres --"
fi
PGD=$(mktemp -d /tmp/dyad-pg.XXXXXX)
PORT=$((20000 + $$ % 30000))
stop() {
    $AS "$BIN/pg_ctl" -D "$PGD/data" -m immediate stop >/dev/null 2>&1
    rm -rf "$PGD" "$TMP"
}
trap stop EXIT
[ -n "$AS" ] && chown postgres "$PGD"
if ! $AS "$BIN/initdb" -D "$PGD/data" -U dyad -A trust -E UTF8 --locale=C >"$PGD/initdb.log" 2>&1 ||
   ! $AS "$BIN/pg_ctl" -D "$PGD/data" -l "$PGD/server.log" -w -t 60 \
       -o "-k $PGD -p $PORT -c listen_addresses= -c fsync=off" start >/dev/null 2>&1; then
    nok pg/server-starts "$(tail -n 3 "$PGD/initdb.log" "$PGD/server.log" 2>/dev/null | tr '\n' ' ')"
    exit 0
fi
ok pg/server-starts
psql_() { "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PGD" -p "$PORT" -U dyad "$@"; }
uri() { echo "postgresql://dyad@/$1?host=$PGD&port=$PORT"; }
for db in store rep race newer; do psql_ -d postgres -c "CREATE DATABASE $db" || nok "pg/createdb-$db"; done
URI=$(uri store)

# ---- inputs: examples/ and the golden fixtures, in four overlapping parts
# Every record has its own id and text and no news source (so no sentence
# is a boilerplate repeat across documents, whose first document depends
# on the order the writers happen to commit in).
python3 - "$TMP" <<'PY'
import json, sys
recs = []
for f in ('tests/golden/constructions.jsonl', 'tests/golden/places.jsonl'):
    for line in open(f, encoding='utf-8'):
        r = json.loads(line)
        recs.append({k: r[k] for k in ('id', 'date', 'lang', 'text') if k in r})
n = len(recs)
parts = [range(0, n * 5 // 8), range(n * 3 // 8, n), range(n // 4, n * 3 // 4),
         list(range(0, n // 4)) + list(range(n * 3 // 4, n))]
for k, p in enumerate(parts):
    with open('%s/part%d.jsonl' % (sys.argv[1], k), 'w', encoding='utf-8') as o:
        for i in p:
            o.write(json.dumps(recs[i], ensure_ascii=False) + '\n')
PY
P0="$TMP/part0.jsonl"; P1="$TMP/part1.jsonl"; P2="$TMP/part2.jsonl"; P3="$TMP/part3.jsonl"

# What a store holds, one line per row, sorted: the same SQL for both.
STATE="SELECT 'doc', id, content_hash, n_events, title, date, lang, length(text), body_start FROM documents;
SELECT 'ev', event_date, source, target, code, location, polarity, modality, num_mentions,
       num_sources, num_articles, root, quad, plover, source_country, target_country FROM events;
SELECT 'men', doc_id, sent, span_start, span_end, kind, text, code, country, entry, resolved_by
  FROM mentions_actor;
SELECT 'sig', m.doc_id, m.sent, m.sentence_start, m.trigger_start, m.trigger_end, m.trigger_text,
       m.source_text, m.source_start, m.target_text, m.target_end, m.rule, m.polarity, m.modality,
       m.doc_mentions, m.doc_source, m.attribution_code, e.event_date, e.code, e.source, e.target,
       m.sentence
  FROM event_mentions m JOIN events e ON e.id = m.event_id;
SELECT 'quo', doc_id, sent, speaker_code, speaker_text, quote_start, quote_end, text FROM quotes;"
lite_state() { sqlite3 "$1" "$STATE" | LC_ALL=C sort; }
pg_state() { psql_ -d "$1" -At -c "$STATE" | LC_ALL=C sort; }
count() { psql_ -d "$1" -At -c "$2"; }

# ---- the reference: one SQLite writer ------------------------------------
$ING --db "$TMP/ref.db" examples/ "$P0" "$P1" "$P2" "$P3"
lite_state "$TMP/ref.db" >"$TMP/ref.state"
check pg/reference-has-events [ "$(grep -c '^ev|' "$TMP/ref.state")" -gt 50 ]

# ---- two writers create the schema at once -------------------------------
$ING --db "$URI" examples/ "$P0" 2>"$TMP/a.err" &
a=$!
$ING -j 2 --db "$URI" "$P3" 2>"$TMP/b.err" &
b=$!
wait $a; ra=$?
wait $b; rb=$?
check pg/schema-race-both-exit-0 [ "$ra$rb" = 00 ]
cat "$TMP/a.err" "$TMP/b.err" >&2
check pg/schema-created-once [ "$(count store 'SELECT count(*) FROM store_version')" = 1 ]
# and on a database of its own, with nothing else in the way
$ING --db "$(uri race)" "$P3" 2>"$TMP/c.err" & a=$!
$ING --db "$(uri race)" "$P3" 2>"$TMP/d.err" & b=$!
wait $a; ra=$?; wait $b; rb=$?
check pg/schema-race-same-input-exit-0 [ "$ra$rb" = 00 ]
check pg/schema-race-same-input-once [ "$(count race 'SELECT count(*) FROM documents')" = \
    "$(grep -c . "$P3")" ]

# ---- SIGKILL in the middle of a batch ------------------------------------
# A session holds a lock on the actor mentions table, so the writer stops
# inside its batch's transaction, after its documents and events went in:
# killed there, none of them may be seen, then or once the server has
# rolled the transaction back. (Part 2 holds documents parts 0 and 3 have
# not.)
before=$(count store 'SELECT count(*) FROM store_documents')
mkfifo "$TMP/lock.sql"
psql_ -d store <"$TMP/lock.sql" >/dev/null 2>&1 &
locker=$!
exec 3>"$TMP/lock.sql"
echo "BEGIN; LOCK TABLE store_mentions IN SHARE MODE;" >&3
i=0
while [ $i -lt 100 ] && [ "$(count store "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
        WHERE c.relname = 'store_mentions' AND l.mode = 'ShareLock' AND l.granted")" != 1 ]; do
    sleep 0.1; i=$((i + 1))
done
$ING --db "$URI" "$P2" 2>/dev/null &
victim=$!
waited=0; i=0
while [ $i -lt 1200 ]; do
    n=$(count store "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'dyad ingest'
                     AND wait_event_type = 'Lock' AND backend_xid IS NOT NULL")
    [ "$n" = 1 ] && { waited=1; break; }
    kill -0 "$victim" 2>/dev/null || break
    sleep 0.1; i=$((i + 1))
done
check pg/kill-writer-stopped-mid-batch [ "$waited" -eq 1 ]
kill -9 "$victim" 2>/dev/null
wait "$victim" 2>/dev/null
check pg/kill-nothing-seen-while-open [ "$(count store 'SELECT count(*) FROM store_documents')" = "$before" ]
echo "COMMIT;" >&3
exec 3>&-
wait "$locker"
i=0
while [ $i -lt 100 ] && [ "$(count store "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'dyad ingest'")" != 0 ]; do
    sleep 0.1; i=$((i + 1))
done
check pg/kill-batch-rolled-back [ "$(count store 'SELECT count(*) FROM store_documents')" = "$before" ]

# ---- four writers on overlapping inputs, the killed one rerun among them -
pids=""
$ING --db "$URI" "$P2" 2>"$TMP/w0.err" & pids="$pids $!"
$ING -j 2 --db "$URI" "$P0" "$P3" 2>"$TMP/w1.err" & pids="$pids $!"
$ING --db "$URI" "$P3" "$P1" 2>"$TMP/w2.err" & pids="$pids $!"
$ING -j 2 --db "$URI" examples/ "$P1" "$P2" 2>"$TMP/w3.err" & pids="$pids $!"
bad=0
for p in $pids; do wait "$p" || bad=$((bad + 1)); done
cat "$TMP"/w*.err >&2
check pg/four-writers-all-exit-0 [ "$bad" -eq 0 ]
pg_state store >"$TMP/pg.state"
if cmp -s "$TMP/pg.state" "$TMP/ref.state"; then
    ok pg/four-writers-equal-sqlite
else
    nok pg/four-writers-equal-sqlite "$(diff "$TMP/ref.state" "$TMP/pg.state" | head -n 6 | tr '\n' ' ')"
fi
echo "# $(grep -c '^doc|' "$TMP/pg.state") documents, $(grep -c '^ev|' "$TMP/pg.state") events, $(grep -c '^sig|' "$TMP/pg.state") sightings, $(grep -c '^men|' "$TMP/pg.state") actor mentions"
check pg/no-duplicate-event-key [ "$(count store "SELECT count(*) FROM (SELECT 1 FROM events GROUP BY event_date, source, target, code, location, polarity, modality HAVING count(*) > 1) d")" = 0 ]
$ING --db "$URI" "$P0" "$P1" "$P2" "$P3" 2>"$TMP/again.err"; rc=$?
pg_state store >"$TMP/pg2.state"
check pg/rerun-exit-0 [ "$rc" -eq 0 ]
check pg/rerun-adds-nothing cmp -s "$TMP/pg2.state" "$TMP/pg.state"

# ---- boilerplate repeats (repeats.c) -------------------------------------
cat >"$TMP/rep.jsonl" <<'DOCS'
{"id":"h1","date":"2023-02-06","source":"hebdo","text":"L'Allemagne a critiqué la Turquie. La Biélorussie a soutenu la Russie depuis le début du conflit."}
{"id":"h2","date":"2023-02-13","source":"hebdo","text":"Le Brésil a critiqué l'Argentine. La Biélorussie  a soutenu la Russie depuis le début du conflit."}
{"id":"x1","date":"2023-02-20","source":"autre","text":"La Biélorussie a soutenu la Russie depuis le début du conflit."}
{"id":"d1","date":"2021-05-03","source":"daily","text":"Germany criticized Turkey. Belarus has supported Russia since the start of the conflict."}
{"id":"d2","date":"2021-05-10","source":"daily","text":"Brazil criticized Argentina. Belarus has supported Russia since the start of the conflict. "}
{"id":"d3","date":"2021-05-17","source":"daily","text":"Belarus has supported Russia since the start of the conflict.\nSpain criticized Morocco."}
DOCS
$ING --db "$TMP/rep.db" "$TMP/rep.jsonl"
$ING --db "$(uri rep)" "$TMP/rep.jsonl"
lite_state "$TMP/rep.db" >"$TMP/rep.ref"
pg_state rep >"$TMP/rep.pg"
check pg/repeats-equal-sqlite cmp -s "$TMP/rep.ref" "$TMP/rep.pg"
check pg/repeats-marked [ "$(grep -c '|repeat:' "$TMP/rep.pg")" -eq 3 ]
# three writers, one document each, at once: still one event for the series
psql_ -d postgres -c "CREATE DATABASE rep2" >/dev/null
for id in d1 d2 d3; do grep "\"$id\"" "$TMP/rep.jsonl" >"$TMP/$id.jsonl"; done
$ING --db "$(uri rep2)" "$TMP/d1.jsonl" & a=$!
$ING --db "$(uri rep2)" "$TMP/d2.jsonl" & b=$!
$ING --db "$(uri rep2)" "$TMP/d3.jsonl" & c=$!
wait $a; wait $b; wait $c
check pg/repeats-concurrent-one-event [ "$(count rep2 "SELECT count(*) || ' ' || sum(num_articles) || ' ' || sum(num_sources) FROM events WHERE source = 'BLR' AND target = 'RUS'")" = "1 3 1" ]

# ---- a deadlock: the batch is run again ----------------------------------
# A session takes the id of the writer's second document (in its insert
# order, by content hash), so the writer waits for it; then it wants the
# content hash of the writer's first, so it waits for the writer: a cycle.
# The writer's deadlock timeout is the shorter (the server looks for a
# cycle once, that long after a wait starts; the session's wait starts
# well within it): the server aborts the writer's transaction; the session
# then rolls back, and the writer, which runs its batch again, must store
# both documents.
psql_ -d postgres -c "CREATE DATABASE dl" -c "ALTER DATABASE dl SET deadlock_timeout = '5s'" >/dev/null
head -n 2 "$P0" >"$TMP/two.jsonl"
$ING --db "$TMP/two.db" "$TMP/two.jsonl"
first=$(sqlite3 "$TMP/two.db" "SELECT content_hash FROM documents ORDER BY content_hash LIMIT 1")
second=$(sqlite3 "$TMP/two.db" "SELECT id FROM documents ORDER BY content_hash DESC LIMIT 1")
$ING --db "$(uri dl)" examples/ 2>/dev/null     # the schema
mkfifo "$TMP/dl.sql"
psql_ -d dl <"$TMP/dl.sql" >/dev/null 2>&1 &
other=$!
exec 4>"$TMP/dl.sql"
echo "SET deadlock_timeout = '60s'; BEGIN; INSERT INTO store_documents(id, content_hash, text, text_len, coded_at, coded_with) VALUES('$second', '\\x00', '', 0, '', '');" >&4
sleep 0.5
$ING --db "$(uri dl)" "$TMP/two.jsonl" 2>"$TMP/dl.err" &
writer=$!
i=0
while [ $i -lt 600 ] && [ "$(count dl "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'dyad ingest' AND wait_event_type = 'Lock'")" != 1 ]; do
    sleep 0.1; i=$((i + 1))
done
echo "INSERT INTO store_documents(id, content_hash, text, text_len, coded_at, coded_with) VALUES('other', '\\x$first', '', 0, '', ''); SELECT pg_sleep(1); ROLLBACK;" >&4
exec 4>&-
wait "$other"
wait "$writer"; rc=$?
check pg/deadlock-writer-exit-0 [ "$rc" -eq 0 ]
check pg/deadlock-both-stored [ "$(count dl "SELECT count(*) FROM documents WHERE id <> 'other'")" = 3 ]
grep -A 12 "deadlock detected" "$PGD/server.log" >"$TMP/dl.log"
check pg/deadlock-writer-was-chosen grep -q "STATEMENT:  INSERT INTO store_documents(id, date" "$TMP/dl.log"

# ---- bytes PostgreSQL text cannot hold ------------------------------------
# invalid UTF-8 and a NUL (dyad keeps the document and warns): stored as
# '?', one byte for one, so the spans and the events are SQLite's
psql_ -d postgres -c "CREATE DATABASE bytes" >/dev/null
printf 'La France a condamn\303\251 la Russie le 3 mars. Le Japon \377\376 a soutenu \000 l\047Ukraine.\n' >"$TMP/bad.txt"
$ING --db "$TMP/bad.db" "$TMP/bad.txt" 2>/dev/null
$ING --db "$(uri bytes)" "$TMP/bad.txt" 2>/dev/null; rc=$?
check pg/bad-bytes-exit-0 [ "$rc" -eq 0 ]
check pg/bad-bytes-same-length [ "$(count bytes 'SELECT octet_length(text) FROM documents')" = \
    "$(sqlite3 "$TMP/bad.db" 'SELECT length(CAST(text AS BLOB)) FROM documents')" ]
check pg/bad-bytes-as-question-marks [ "$(count bytes "SELECT position('Japon ?? a soutenu ? l' IN text) > 0 FROM documents")" = t ]
check pg/bad-bytes-same-events [ "$(pg_state bytes | grep '^ev|')" = "$(lite_state "$TMP/bad.db" | grep '^ev|')" ]

# ---- errors ---------------------------------------------------------------
$ING --db "postgresql://dyad@/store?host=$PGD/none&port=$PORT" examples/ 2>"$TMP/e1.err"; rc=$?
check pg/unreachable-exit-1 [ "$rc" -eq 1 ]
check pg/unreachable-says-cannot-connect grep -q "cannot connect to postgresql://.*No such file" "$TMP/e1.err"
$ING --db "postgresql://dyad@127.0.0.1:1/store?connect_timeout=5" examples/ 2>"$TMP/e2.err"; rc=$?
check pg/refused-exit-1 [ "$rc" -eq 1 ]
check pg/refused-says-refused grep -q "cannot connect to .*Connection refused" "$TMP/e2.err"
$ING --db "postgresql://dyad:secret@/nosuchdb?host=$PGD&port=$PORT" examples/ 2>"$TMP/e3.err"; rc=$?
check pg/no-database-exit-1 [ "$rc" -eq 1 ]
check pg/no-database-says-so grep -q 'database "nosuchdb" does not exist' "$TMP/e3.err"
check pg/password-not-shown [ "$(grep -c secret "$TMP/e3.err")" -eq 0 ]
$ING --db "$(uri newer)" examples/ 2>/dev/null
psql_ -d newer -c "UPDATE store_version SET version = 99"
$ING --db "$(uri newer)" examples/ 2>"$TMP/e4.err"; rc=$?
check pg/newer-schema-exit-1 [ "$rc" -eq 1 ]
check pg/newer-schema-says-so grep -q "store schema version 99 is newer than this dyad" "$TMP/e4.err"
$ING --db "$URI" --recode 2>"$TMP/e5.err"; rc=$?
check pg/recode-not-yet-exit-1 [ "$rc" -eq 1 ]
check pg/recode-not-yet-says-so grep -q "not supported on a PostgreSQL store yet" "$TMP/e5.err"
"$DYAD" query --db "postgresql://dyad@/store?host=$PGD/none&port=$PORT" 2>"$TMP/e6.err"; rc=$?
check pg/read-unreachable-exit-1 [ "$rc" -eq 1 ]
check pg/read-unreachable-says-cannot-connect grep -q "dyad query: cannot connect to postgresql://" "$TMP/e6.err"
"$DYAD" relations --db "postgresql://dyad@127.0.0.1:1/store?connect_timeout=5" 2>"$TMP/e7.err"; rc=$?
check pg/read-refused-exit-1 [ "$rc" -eq 1 ]
check pg/read-refused-says-refused grep -q "dyad relations: cannot connect to .*Connection refused" "$TMP/e7.err"
psql_ -d postgres -c "CREATE DATABASE empty" >/dev/null
"$DYAD" export --format csv --db "$(uri empty)" >/dev/null 2>"$TMP/e8.err"; rc=$?
check pg/read-no-store-exit-1 [ "$rc" -eq 1 ]
check pg/read-no-store-says-so grep -q "no dyad store in postgresql://" "$TMP/e8.err"
check pg/read-creates-nothing [ "$(count empty "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" = 0 ]
"$DYAD" graph --db "$(uri newer)" >/dev/null 2>"$TMP/e9.err"; rc=$?
check pg/read-newer-schema-exit-1 [ "$rc" -eq 1 ]
check pg/read-newer-schema-says-so grep -q "store schema version 99 is newer than this dyad" "$TMP/e9.err"
# A version 3 store (the target index without the source and the date):
# readers ask for the migration, the next ingest moves it to version 5
# (through 4: the target index, then the code index with quad and goldstein).
psql_ -d postgres -c "CREATE DATABASE v3" >/dev/null
$ING --db "$(uri v3)" examples/ 2>/dev/null
psql_ -d v3 -c "DROP INDEX events_target_source; CREATE INDEX events_target ON events(target);
                UPDATE store_version SET version = 3"
"$DYAD" query --db "$(uri v3)" >/dev/null 2>"$TMP/e10.err"; rc=$?
check pg/read-v3-exit-1 [ "$rc" -eq 1 ]
check pg/read-v3-says-so grep -q "store schema version 3" "$TMP/e10.err"
$ING --db "$(uri v3)" examples/ 2>"$TMP/e11.err"; rc=$?
check pg/v3-migrated-exit-0 [ "$rc" -eq 0 ]
check pg/v3-migrated-version-5 [ "$(count v3 'SELECT max(version) FROM store_version')" = 5 ]
check pg/v3-migrated-code-index [ "$(count v3 "SELECT indexdef LIKE '%(code, quad, goldstein)' FROM pg_indexes WHERE indexname = 'events_code'")" = t ]
check pg/v3-migrated-index [ "$(count v3 "SELECT string_agg(indexname, ',') FROM pg_indexes WHERE indexname IN ('events_target', 'events_target_source')")" = events_target_source ]
check pg/v3-migrated-reads [ "$("$DYAD" query --db "$(uri v3)" --format csv | wc -l)" -gt 1 ]

# ---- the reading commands: the same output from both stores --------------
# Writers number events in their own order (the PostgreSQL writer sorts a
# batch's rows to lock them in one order), and ids show in the output. So
# the store read here is the SQLite reference copied row for row, ids
# included, into PostgreSQL's tables (the text uncompressed into bytea):
# the same content, read by each command with the same arguments, must
# give the same bytes. What the writer stores is compared above.
psql_ -d postgres -c "CREATE DATABASE rd" >/dev/null
: >"$TMP/none.jsonl"
$ING --db "$(uri rd)" "$TMP/none.jsonl" 2>/dev/null    # the schema
python3 bench/sqlite_to_pg.py "$TMP/ref.db" >"$TMP/copy.sql"
psql_ -d rd -f "$TMP/copy.sql" >/dev/null; rc=$?
check pg/read-copy-of-reference [ "$rc" -eq 0 ]
check pg/read-copy-same-state [ "$(pg_state rd)" = "$(cat "$TMP/ref.state")" ]
RD=$(uri rd)
# same NAME ARGS...: the command on both stores, stdout and exit status
same() {
    name=$1; shift
    "$DYAD" "$@" --db "$TMP/ref.db" >"$TMP/lite.out" 2>"$TMP/lite.err"; rl=$?
    "$DYAD" "$@" --db "$RD" >"$TMP/pg.out" 2>"$TMP/pg.err"; rp=$?
    if [ "$rl" = "$rp" ] && cmp -s "$TMP/lite.out" "$TMP/pg.out" &&
       cmp -s "$TMP/lite.err" "$TMP/pg.err"; then
        ok "pg/read-$name"
    else
        nok "pg/read-$name" "exit $rl/$rp; $(diff "$TMP/lite.out" "$TMP/pg.out" | head -n 4 | tr '\n' ' ')$(head -c 200 "$TMP/pg.err")"
    fi
}
check pg/read-reference-has-events [ "$("$DYAD" query --db "$RD" --format csv | wc -l)" -gt 50 ]
same query-all query --format csv
same query-jsonl query --format jsonl
same query-table query --format table
same query-evidence query --evidence --format jsonl
same query-actor query --actor FRA --format csv
same query-dyad query --dyad USA,RUS --format csv
same query-country query --country RUS --code 04 --format csv
same query-dates query --from 2022-03 --to 2023-06 --format csv
same query-root-quad query --root 19 --quad 4 --format csv
same query-lang query --lang en --polarity asserted --limit 7 --format jsonl
same query-modality query --modality reported --format csv
same query-usage-actor query --actor rus
same query-no-match query --actor RUS --code 20
same export-csv export --format csv
same export-jsonl export --format jsonl
same export-gdelt export --format gdelt --header --lexicon "$LEX"
same export-plover export --format plover --lexicon "$LEX"
"$DYAD" export --format gdelt --db "$TMP/ref.db" --mentions "$TMP/lite.men" --lexicon "$LEX" >/dev/null
"$DYAD" export --format gdelt --db "$RD" --mentions "$TMP/pg.men" --lexicon "$LEX" >/dev/null
check pg/read-export-gdelt-mentions cmp -s "$TMP/lite.men" "$TMP/pg.men"
"$DYAD" export --format jsonl --db "$TMP/ref.db" --mentions "$TMP/lite.men" >/dev/null
"$DYAD" export --format jsonl --db "$RD" --mentions "$TMP/pg.men" >/dev/null
check pg/read-export-jsonl-mentions cmp -s "$TMP/lite.men" "$TMP/pg.men"
# Phoenix lists an event's URLs and sources in an order docs/store.md
# leaves unspecified (and the examples have none): compared as written.
same export-phoenix export --format phoenix
for step in day week month quarter year all; do
    same "relations-$step" relations --step "$step" --format csv
done
same relations-undirected relations --undirected --period 2022 --format jsonl
same relations-dyad relations --dyad FRA,RUS --step quarter --format csv
same relations-actor relations --actor USA --full-codes --format table
same relations-period relations --period 2022-02..2022-05 --step week --format csv
same relations-bad-step relations --step fortnight
for f in json dot graphml gexf; do
    same "graph-$f" graph --format "$f"
done
same graph-period-full graph --period 2022 --full-codes

# ---- dyad serve: the same answers from both stores ------------------------
if command -v curl >/dev/null 2>&1; then
    start_serve() {
        "$DYAD" serve -q --no-cache --db "$1" --listen 127.0.0.1:0 >"$TMP/$2.url" 2>"$TMP/$2.err" &
        echo $! >"$TMP/$2.pid"
        i=0
        while [ ! -s "$TMP/$2.url" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    }
    start_serve "$TMP/ref.db" slite
    start_serve "$RD" spg
    UL=$(head -n 1 "$TMP/slite.url"); UP=$(head -n 1 "$TMP/spg.url")
    check pg/serve-starts [ -n "$UL" ] && [ -n "$UP" ]
    # store_bytes is the SQLite file's size, -1 for a database
    for p in "api/stats" "api/stats?format=csv" "api/events?limit=40" \
             "api/events?actor=RUS&sort=-goldstein&offset=3" "api/events?format=csv&evidence=1" \
             "api/relations?period=2022&step=quarter" "api/graph?period=2022" \
             "api/graph?format=csv&nodes=1" "api/actors?q=fr" "api/actors?q=RUS&limit=5" \
             "api/documents/$(sqlite3 "$TMP/ref.db" 'SELECT id FROM documents ORDER BY id LIMIT 1')" \
             "api/events?actor=nosuch"; do
        curl -s "$UL$p" | sed 's/"store_bytes": [-0-9]*/"store_bytes": N/' >"$TMP/sl.body"
        curl -s "$UP$p" | sed 's/"store_bytes": [-0-9]*/"store_bytes": N/' >"$TMP/sp.body"
        if [ -s "$TMP/sl.body" ] && cmp -s "$TMP/sl.body" "$TMP/sp.body"; then
            ok "pg/serve-same-$p"
        else
            nok "pg/serve-same-$p" "$(diff "$TMP/sl.body" "$TMP/sp.body" | head -n 4 | tr '\n' ' ')"
        fi
    done
    kill "$(cat "$TMP/slite.pid")" "$(cat "$TMP/spg.pid")" 2>/dev/null
    wait "$(cat "$TMP/slite.pid")" "$(cat "$TMP/spg.pid")" 2>/dev/null
else
    skip pg/serve "curl is not installed"
fi
