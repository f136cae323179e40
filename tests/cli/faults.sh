# faults.sh - the event store under faults (issue 17): `kill -9` at several
# points of an ingest then a rerun equals a clean run; 2 and 4 concurrent
# writers on a new and on an existing store; a full disk (a file-size
# limit, ulimit -f; and a small tmpfs where root can mount one) gives a
# clear error, true counts and a store that a rerun completes; a store in
# a read-only folder can still be queried.
# "Equal" compares documents, events with their counts, actor mentions and
# event mentions (not row ids or timestamps).
. tests/cli/lib.sh
LEX=${BUILD:-build}/dyad.lex
ING="$DYAD ingest --lexicon $LEX"

# A corpus of 1,000 distinct documents, in 4 files, from the seed article.
python3 - "$TMP" <<'PY'
import json, sys
base = open('tests/golden/seed.en.txt').read().split('\n', 1)[1]
paras = [p for p in base.split('\n') if p.strip()]
out = [open('%s/part%d.jsonl' % (sys.argv[1], k), 'w') for k in range(4)]
for i in range(1000):
    t = paras[i % len(paras)] + ' ' + paras[(i * 7 + 3) % len(paras)] + ' Report %d.' % i
    # one news source per document: a sentence a source repeats is merged
    # into the first document's event (repeats.c), which depends on the
    # order the writers happen to store them in
    out[i % 4].write(json.dumps({'id': 'd%d' % i, 'date': '2022-08-%02d' % (1 + i % 28),
                                 'source': 'src%d' % i, 'text': t}) + '\n')
PY
PARTS="$TMP/part0.jsonl $TMP/part1.jsonl $TMP/part2.jsonl $TMP/part3.jsonl"

# What a store holds, as one line per row, sorted.
state() {
    sqlite3 "$1" "SELECT 'doc', id, content_hash, n_events FROM documents;
        SELECT 'ev', event_date, source, target, code, location, polarity, modality,
               num_mentions, num_sources, num_articles FROM events;
        SELECT 'men', doc_id, sent, span_start, span_end, code FROM mentions_actor;
        SELECT 'sig', m.doc_id, m.sent, m.trigger_start, m.rule, e.code, e.source, e.target
          FROM event_mentions m JOIN events e ON e.id = m.event_id;" | LC_ALL=C sort
}
same() { state "$1" >"$TMP/a.state"; state "$2" >"$TMP/b.state"; cmp -s "$TMP/a.state" "$TMP/b.state"; }

# ---- the clean run ------------------------------------------------------
t0=$(date +%s.%N)
$ING -q --db "$TMP/clean.db" $PARTS; rc=$?
t1=$(date +%s.%N)
check faults/clean-run [ "$rc" -eq 0 ]
check faults/clean-run-docs [ "$(sqlite3 "$TMP/clean.db" 'SELECT count(*) FROM documents')" -eq 1000 ]
T=$(echo "$t0 $t1" | awk '{print $2 - $1}')
echo "# clean ingest of 1,000 documents: $T s"

# ---- kill -9 at a quarter, half and three quarters of the run ----------
for f in 0.25 0.5 0.75; do
    db="$TMP/kill$f.db"
    $ING -q --db "$db" $PARTS 2>/dev/null &
    pid=$!
    sleep "$(echo "$T $f" | awk '{printf "%.3f", $1 * $2}')"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    got=$(sqlite3 "$db" 'SELECT count(*) FROM documents' 2>/dev/null)
    echo "# killed at $f of the run: ${got:-no store yet} documents stored"
    $ING -q --db "$db" $PARTS; rc=$?
    check "faults/kill-$f-rerun-exit-0" [ "$rc" -eq 0 ]
    check "faults/kill-$f-rerun-equals-clean" same "$db" "$TMP/clean.db"
done

# ---- concurrent writers -------------------------------------------------
# Each writer takes some of the parts, overlapping, so that the same
# documents are offered by several at once.
writers() {   # N DB
    pids=""
    for w in $(seq 0 $(($1 - 1))); do
        a=$((w % 4)); b=$(((w + 1) % 4))
        $ING -q --db "$2" "$TMP/part$a.jsonl" "$TMP/part$b.jsonl" 2>"$TMP/w$w.err" &
        pids="$pids $!"
    done
    bad=0
    for p in $pids; do wait "$p" || bad=$((bad + 1)); done
    cat "$TMP"/w*.err >&2
    return "$bad"
}
for nw in 2 4; do
    rm -f "$TMP/new$nw.db"*
    writers "$nw" "$TMP/new$nw.db"; rc=$?
    check "faults/writers-$nw-new-store-all-exit-0" [ "$rc" -eq 0 ]
    $ING -q --db "$TMP/new$nw.db" $PARTS
    check "faults/writers-$nw-new-store-equals-clean" same "$TMP/new$nw.db" "$TMP/clean.db"
    # an existing store that already holds part of the corpus
    rm -f "$TMP/old$nw.db"*
    $ING -q --db "$TMP/old$nw.db" "$TMP/part3.jsonl"
    writers "$nw" "$TMP/old$nw.db"; rc=$?
    check "faults/writers-$nw-existing-store-all-exit-0" [ "$rc" -eq 0 ]
    $ING -q --db "$TMP/old$nw.db" $PARTS
    check "faults/writers-$nw-existing-store-equals-clean" same "$TMP/old$nw.db" "$TMP/clean.db"
done

# ---- a full disk: a file-size limit -------------------------------------
# ulimit -f is in 1024-byte blocks in bash and dash alike. The messages go
# through a pipe: a file would be over the limit too.
db="$TMP/full.db"
( ulimit -f 4000; exec $ING --db "$db" $PARTS ) 2>&1 >/dev/null | cat >"$TMP/full.err"
check faults/full-disk-clear-error grep -q "cannot write: .*\(disk full\|File too large\)" "$TMP/full.err"
added=$(sed -n 's/.*: \([0-9]*\) documents added.*/\1/p' "$TMP/full.err")
stored=$(sqlite3 "$db" 'SELECT count(*) FROM documents')
echo "# over the file-size limit: summary says ${added:-?} added, the store holds $stored"
check faults/full-disk-true-counts [ "${added:-x}" = "$stored" ]
check faults/full-disk-stopped-early [ "$stored" -lt 1000 ]
$ING -q --db "$db" $PARTS; rc=$?
check faults/full-disk-rerun-exit-0 [ "$rc" -eq 0 ]
check faults/full-disk-rerun-equals-clean same "$db" "$TMP/clean.db"
# ... and before the store exists: an error, and no empty file left behind
( ulimit -f 0; exec $ING --db "$TMP/none.db" "$TMP/part0.jsonl" ) 2>&1 >/dev/null | cat >"$TMP/none.err"
check faults/full-disk-new-store-error grep -q "none.db: cannot" "$TMP/none.err"
check faults/full-disk-new-store-no-file [ ! -e "$TMP/none.db" ]

# ---- a really full disk: a small tmpfs ----------------------------------
# Needs root and mount namespaces (the tmpfs lives in a private namespace
# and vanishes with it); skipped otherwise. Half the clean store's size is
# free at first (the store is compact: a fixed 4 MB held all of it), then
# the filler is removed and the same command completes the store.
free=$(( $(stat -c %s "$TMP/clean.db") / 2 ))
[ "$free" -lt 262144 ] && free=262144
echo "# tmpfs: $free bytes free of the $(stat -c %s "$TMP/clean.db") the clean store takes"
if [ "$(id -u)" -eq 0 ] && unshare -m sh -c 'mount -t tmpfs -o size=1m tmpfs "$0"' "$TMP" 2>/dev/null; then
    mkdir "$TMP/fs"
    unshare -m sh -c '
        mount -t tmpfs -o size=40m tmpfs "$1" || exit 9
        head -c $((41943040 - $5)) /dev/zero >"$1/filler"
        $3 --db "$1/s.db" $4 >/dev/null 2>"$2/tmpfs.err"; echo $? >"$2/tmpfs.rc"
        sqlite3 "$1/s.db" "SELECT count(*) FROM documents" >"$2/tmpfs.count"
        rm "$1/filler"
        $3 -q --db "$1/s.db" $4; echo $? >"$2/tmpfs.rc2"
        cp "$1/s.db" "$2/tmpfs.db"' sh "$TMP/fs" "$TMP" "$ING" "$PARTS" "$free"
    added=$(sed -n 's/.*: \([0-9]*\) documents added.*/\1/p' "$TMP/tmpfs.err")
    echo "# tmpfs full: summary says ${added:-?} added, the store holds $(cat "$TMP/tmpfs.count")"
    check faults/tmpfs-full-exit-1 [ "$(cat "$TMP/tmpfs.rc")" = 1 ]
    check faults/tmpfs-full-clear-error grep -q "cannot write: .*\(disk full\|No space left\)" "$TMP/tmpfs.err"
    check faults/tmpfs-full-true-counts [ "${added:-x}" = "$(cat "$TMP/tmpfs.count")" ]
    check faults/tmpfs-full-rerun-exit-0 [ "$(cat "$TMP/tmpfs.rc2")" = 0 ]
    check faults/tmpfs-full-rerun-equals-clean same "$TMP/tmpfs.db" "$TMP/clean.db"
else
    skip faults/tmpfs-full "needs root and mount namespaces (the file-size limit above stands in)"
fi

# ---- a store in a read-only folder --------------------------------------
mkdir "$TMP/ro"
cp "$TMP/clean.db" "$TMP/ro/s.db"
want=$("$DYAD" query --db "$TMP/clean.db" --format jsonl | wc -l)
rofs() {   # run "$@" with $TMP/ro read-only
    if [ "$(id -u)" -ne 0 ]; then
        chmod a-w "$TMP/ro"; "$@"; r=$?; chmod u+w "$TMP/ro"; return $r
    fi
    # root writes anywhere: a read-only bind mount in a private namespace
    unshare -m sh -c 'mount --bind -o ro "$0" "$0" && exec "$@"' "$TMP/ro" "$@"
}
if [ "$(id -u)" -eq 0 ] && ! unshare -m sh -c 'mount --bind -o ro "$0" "$0"' "$TMP/ro" 2>/dev/null; then
    skip faults/read-only-query "root without mount namespaces: cannot make a read-only folder"
else
    rofs "$DYAD" query --db "$TMP/ro/s.db" --format jsonl >"$TMP/ro.out" 2>"$TMP/ro.err"; rc=$?
    check faults/read-only-query-exit-0 [ "$rc" -eq 0 ]
    check faults/read-only-query-all-events [ "$(wc -l <"$TMP/ro.out")" -eq "$want" ]
    rofs $ING --db "$TMP/ro/s.db" "$TMP/part0.jsonl" 2>"$TMP/ro.err"; rc=$?
    check faults/read-only-ingest-exit-1 [ "$rc" -eq 1 ]
    check faults/read-only-ingest-says-why grep -q "s.db: cannot create or write files in $TMP/ro: " "$TMP/ro.err"
fi
