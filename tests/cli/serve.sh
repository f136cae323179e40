# serve.sh - `dyad serve` (docs/api.md) on the store of the seed article:
# each API call against the command that computes the same thing, CSV,
# hostile inputs (SQL metacharacters, huge and malformed values, ../ paths,
# request bodies, slow clients), the security headers, the time limit on a
# larger synthetic store, read-only use of the store, and a clean stop on
# SIGTERM and SIGINT. A server is started on a free port (--listen :0).
. tests/cli/lib.sh
if ! command -v curl >/dev/null 2>&1; then
    skip serve/all "curl is not installed (tools/bootstrap.sh installs it)"
    exit 0
fi
DB=$TMP/seed.db
"$DYAD" ingest -q --db "$DB" examples/
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
before=$(cksum <"$DB")

# start NAME ARGS...: a server in the background; sets PID and U (its URL).
start() {
    name=$1; shift
    "$DYAD" serve "$@" >"$TMP/$name.url" 2>"$TMP/$name.err" &
    PID=$!
    i=0
    while [ ! -s "$TMP/$name.url" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    U=$(head -n 1 "$TMP/$name.url")
}
# get PATH [CURL-ARGS...]: the status code; the body in $TMP/body, headers in $TMP/head.
get() {
    p=$1; shift
    curl -s --path-as-is -o "$TMP/body" -D "$TMP/head" -w '%{http_code}' "$@" "${U%/}$p"
}
json_error() { grep -q '"error": "' "$TMP/body"; }
has() { grep -q -- "$1" "$TMP/body"; }

start main --db "$DB" --listen 127.0.0.1:0
case $U in http://127.0.0.1:[0-9]*/) ok serve/prints-url ;; *) nok serve/prints-url "'$U'" ;; esac
grep -q "serving $DB at $U" "$TMP/main.err" && ok serve/tells-where || nok serve/tells-where

# ---- each call, against the command computing the same numbers ----------------
check serve/stats-200 [ "$(get /api/stats)" = 200 ]
ev=$(sqlite3 "$DB" "SELECT count(*) FROM events")
check serve/stats-counts grep -q "\"documents\": 1, \"events\": $ev," "$TMP/body"
check serve/stats-month grep -q '{"month":"2022-08","events":' "$TMP/body"
check serve/stats-language grep -q '{"lang":"fr","documents":1}' "$TMP/body"

check serve/graph-200 [ "$(get '/api/graph?period=2022-08')" = 200 ]
"$DYAD" graph --db "$DB" --period 2022-08 >"$TMP/graph.cli"
check serve/graph-same-as-cli cmp -s "$TMP/body" "$TMP/graph.cli"
for c in CHN IRN PRK; do
    check serve/graph-RUS-$c grep -q "{\"source\": \"RUS\", \"target\": \"$c\", \"count\": [1-9]" "$TMP/body"
done
check serve/graph-csv [ "$(get '/api/graph?period=2022-08&format=csv')" = 200 ]
check serve/graph-csv-header [ "$(head -n 1 "$TMP/body")" = "$(printf 'source,target,count,goldstein,goldstein_total,q1,q2,q3,q4\r')" ]
check serve/graph-csv-nodes [ "$(get '/api/graph?period=2022-08&format=csv&nodes=1')" = 200 ]
check serve/graph-csv-nodes-rus grep -q '^RUS,' "$TMP/body"

check serve/relations-csv [ "$(get '/api/relations?period=2022-08&format=csv')" = 200 ]
"$DYAD" relations --db "$DB" --period 2022-08 --format csv >"$TMP/rel.cli"
check serve/relations-same-as-cli cmp -s "$TMP/body" "$TMP/rel.cli"
check serve/relations-accept-csv [ "$(get '/api/relations?period=2022-08&step=week&actor=RUS' -H 'Accept: text/csv')" = 200 ]
"$DYAD" relations --db "$DB" --period 2022-08 --step week --actor RUS --format csv >"$TMP/rel.cli"
check serve/relations-week-same-as-cli cmp -s "$TMP/body" "$TMP/rel.cli"
check serve/relations-csv-type grep -qi '^content-type: text/csv' "$TMP/head"
# issue 19's options, through the same function as the command
for q in 'dyad=RUS,PRK&undirected=1&step=quarter:--dyad RUS,PRK --undirected --step quarter' \
         'source=PRK&step=all:--source PRK --step all' \
         'target=RUS&full=1&period=2022:--target RUS --full-codes --period 2022' \
         'actor=UKR&step=year:--actor UKR --step year'; do
    check "serve/relations-options ${q%%:*}" [ "$(get "/api/relations?${q%%:*}&format=csv")" = 200 ]
    # shellcheck disable=SC2086
    "$DYAD" relations --db "$DB" ${q#*:} --format csv >"$TMP/rel.cli"
    check "serve/relations-options-same-as-cli ${q%%:*}" cmp -s "$TMP/body" "$TMP/rel.cli"
done
get '/api/relations?dyad=RUS,PRK&undirected=1&format=csv' >/dev/null
check serve/relations-undirected-columns grep -q '^step,actor1,actor2,events' "$TMP/body"
check serve/relations-json [ "$(get '/api/relations?period=2022-08')" = 200 ]
check serve/relations-json-row grep -q '"step":"2022-08","source":"RUS","target":"IRN","events":1,"q1":1' "$TMP/body"

check serve/events-csv [ "$(get '/api/events?dyad=RUS,PRK&format=csv&limit=1000')" = 200 ]
"$DYAD" query --db "$DB" --dyad RUS,PRK --format csv >"$TMP/q.cli"
check serve/events-same-as-query cmp -s "$TMP/body" "$TMP/q.cli"
check serve/events-evidence-csv [ "$(get '/api/events?actor=RUS&evidence=1&format=csv&limit=1000')" = 200 ]
"$DYAD" query --db "$DB" --actor RUS --evidence --format csv >"$TMP/q.cli"
check serve/events-evidence-same-as-query cmp -s "$TMP/body" "$TMP/q.cli"
check serve/events-json [ "$(get '/api/events?dyad=RUS,IRN')" = 200 ]
check serve/events-json-evidence grep -q '"evidence": \[{"doc":"' "$TMP/body"
check serve/events-json-marked grep -q '"marked":"[^"]*\[SRC [^"]*<TRG ' "$TMP/body"
check serve/events-json-rule grep -q '"rule":"fr:' "$TMP/body"
check serve/events-page-1 [ "$(get '/api/events?limit=1&sort=-goldstein')" = 200 ]
check serve/events-page-more grep -q '"more": true' "$TMP/body"
top=$(sqlite3 "$DB" "SELECT id FROM events ORDER BY goldstein DESC, event_date, id LIMIT 1")
check serve/events-sort grep -q "^{\"id\":$top," "$TMP/body"
n=$(sqlite3 "$DB" "SELECT count(*) FROM events")
check serve/events-offset-end [ "$(get "/api/events?offset=$n")" = 200 ]
check serve/events-offset-empty grep -q '"events": \[\],' "$TMP/body"
check serve/events-filters [ "$(get '/api/events?quad=4&polarity=asserted&modality=actual&lang=fr&from=2022-08&to=2022-08-31&root=19')" = 200 ]
check serve/events-filters-rows grep -q '"code":"190"' "$TMP/body"

check serve/actors-name [ "$(get '/api/actors?q=Russie')" = 200 ]
check serve/actors-name-rus grep -q '{"code":"RUS","name":"Russie","mentions":' "$TMP/body"
check serve/actors-code [ "$(get '/api/actors?q=PRK&format=csv')" = 200 ]
check serve/actors-code-csv grep -q '^PRK,' "$TMP/body"
check serve/actors-like-escaped [ "$(get '/api/actors?q=%25')" = 200 ]
check serve/actors-like-nothing grep -q '{"actors": \[\]' "$TMP/body"

doc=$(sqlite3 "$DB" "SELECT id FROM documents LIMIT 1")
check serve/document-200 [ "$(get "/api/documents/$doc")" = 200 ]
check serve/document-text grep -q '"text":" date 2022-08 En plein milieu' "$TMP/body"   # the file as read: spans slice it
check serve/document-spans grep -q '"trigger_start":[0-9]' "$TMP/body"
check serve/document-csv [ "$(get "/api/documents/$doc?format=csv")" = 200 ]
check serve/document-404 [ "$(get '/api/documents/nope')" = 404 ]
check serve/document-404-json json_error

# ---- the dashboard's files -------------------------------------------------------
check serve/index [ "$(get /)" = 200 ]
check serve/index-html grep -q '<script src="/app.js">' "$TMP/body"
check serve/app-js [ "$(get /app.js)" = 200 ]
check serve/js-type grep -qi '^content-type: text/javascript' "$TMP/head"
if [ -f /usr/share/javascript/d3/d3.min.js ]; then
    check serve/d3 [ "$(get /lib/d3.min.js)" = 200 ]
    check serve/d3-is-debian cmp -s "$TMP/body" /usr/share/javascript/d3/d3.min.js
else
    skip serve/d3 "libjs-d3 is not installed"
fi
for p in / /app.js /api/stats /nope '/api/events?quad=9'; do
    get "$p" >/dev/null
    check "serve/csp $p" grep -qi "^content-security-policy: default-src 'self'" "$TMP/head"
    check "serve/nosniff $p" grep -qi '^x-content-type-options: nosniff' "$TMP/head"
done

# ---- hostile inputs: a 400 with a JSON body that says what is wrong -------------
bad() {   # bad NAME PATH [WORD-IN-MESSAGE]
    code=$(get "$2")
    if [ "$code" = 400 ] && json_error && { [ -z "${3:-}" ] || has "$3"; }; then ok "serve/$1"
    else nok "serve/$1" "status $code: $(head -c 200 "$TMP/body")"; fi
}
bad sql-quote-actor "/api/events?actor=RUS'%20OR%201=1--" actor
bad sql-drop-code "/api/events?code=0;DROP%20TABLE%20events;--" code
bad sql-dyad "/api/events?dyad=RUS,CHN'%20UNION%20SELECT%20*%20FROM%20documents--" dyad
bad sql-relations-actor "/api/relations?actor=%27%29%20OR%20%271%27=%271" actor
bad glob-star "/api/events?actor=*" actor
bad bad-month "/api/graph?period=2022-13" period
bad bad-day "/api/events?from=2022-02-30" from
bad bad-range "/api/relations?period=2022-09..2022-08" period
bad bad-step "/api/relations?step=fortnight" step
bad relations-no-such-actor "/api/relations?source=RSU" 'did you mean RUS'
bad relations-reversed "/api/relations?period=2022-09..2022-08" reversed
bad events-no-such-actor "/api/events?actor=RSU" 'did you mean RUS'
bad events-no-such-plover "/api/events?plover=AGRE" 'did you mean AGREE'
bad relations-bad-flag "/api/relations?undirected=2" undirected
bad bad-quad "/api/events?quad=9" quad
bad bad-polarity "/api/events?polarity=maybe" polarity
bad huge-limit "/api/events?limit=99999999999999999999999" limit
bad negative-limit "/api/events?limit=-1" limit
bad zero-limit "/api/events?limit=0" limit
bad big-page "/api/events?limit=1001" limit
bad bad-offset "/api/events?offset=abc" offset
bad bad-sort "/api/events?sort=id;DROP" sort
bad bad-format "/api/stats?format=xml" format
bad unknown-param "/api/events?bogus=1" bogus
bad db-param "/api/events?db=/etc/passwd" db
bad twice "/api/events?actor=RUS&actor=CHN" twice
bad control-char "/api/events?actor=RU%00S" control
bad newline "/api/actors?q=a%0Ab" control
long=$(head -c 3000 /dev/zero | tr '\0' A)
bad long-value "/api/events?actor=$long" longer
bad bad-flag "/api/graph?full=yes" full
many=$(i=0; while [ $i -lt 30 ]; do printf 'p%d=1&' $i; i=$((i + 1)); done)
bad many-params "/api/stats?$many" parameters
code=$(get "/api/events?actor=$(head -c 40000 /dev/zero | tr '\0' A)")
case $code in 4[0-9][0-9]) ok serve/huge-url-4xx ;; *) nok serve/huge-url-4xx "status $code" ;; esac
check serve/no-such-call [ "$(get /api/drop)" = 404 ]
check serve/no-such-call-json json_error

for p in /../etc/passwd /%2e%2e/%2e%2e/etc/passwd /lib/../../../etc/passwd \
         /lib/..%2f..%2f..%2fetc%2fpasswd /app.js/../../etc/passwd //etc/passwd \
         /lib/d3.min.js/.. '/api/documents/../../etc/passwd' /web/app.js /cli/cmd_serve.c; do
    code=$(get "$p")
    if [ "$code" = 404 ] && ! grep -q 'root:' "$TMP/body"; then ok "serve/traversal $p"
    else nok "serve/traversal $p" "status $code"; fi
done
check serve/post-405 [ "$(get /api/stats -X POST -d x=1)" = 405 ]
check serve/post-405-allow grep -qi '^allow: GET, HEAD' "$TMP/head"
check serve/delete-405 [ "$(get /api/stats -X DELETE)" = 405 ]
check serve/get-with-body-413 [ "$(get /api/stats -X GET -H 'Content-Type: text/plain' --data-binary @"$DB")" = 413 ]
check serve/head-200 [ "$(get /api/stats -I)" = 200 ]
# Still serving after all that.
check serve/alive [ "$(get /api/stats)" = 200 ]

# ---- slow clients: a trickling request is dropped, others are served --------------
kill -TERM "$PID"; wait "$PID"; rc=$?
check serve/sigterm-exit-0 [ "$rc" -eq 0 ]
check serve/sigterm-message grep -q 'stopping (SIGTERM)' "$TMP/main.err"
start slow -q --db "$DB" --listen 127.0.0.1:0 --idle-seconds 2
port=${U##*:}; port=${port%/}
slow=$(python3 - "$port" <<'EOF'
import socket, sys, time, urllib.request
port = int(sys.argv[1])
socks = []
for i in range(8):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /api/stats HTTP/1.1\r\nHost: x\r\nX-Slow: ")
    socks.append(s)
t = time.time()
with urllib.request.urlopen("http://127.0.0.1:%d/api/stats" % port, timeout=5) as r:
    served = r.status == 200
fast = time.time() - t < 1.5   # before the slow ones time out
time.sleep(3.5)
closed = 0
for s in socks:
    s.settimeout(2)
    try:
        closed += s.recv(100) == b""
    except (ConnectionResetError, socket.timeout):
        closed += 1
print(served and fast, closed)
EOF
)
check serve/served-beside-slow-clients [ "${slow%% *}" = True ]
check serve/slow-clients-dropped [ "${slow##* }" = 8 ]
kill -INT "$PID"; wait "$PID"; rc=$?
check serve/sigint-exit-0 [ "$rc" -eq 0 ]

# ---- connection limit: past --max-connections a client is turned away ------------
start limit -q --db "$DB" --listen 127.0.0.1:0 --max-connections 2
port=${U##*:}; port=${port%/}
lim=$(python3 - "$port" <<'EOF'
import socket, sys, time, urllib.request
port = int(sys.argv[1])
def get():
    try:
        with urllib.request.urlopen("http://127.0.0.1:%d/api/stats" % port, timeout=3) as r:
            return r.status == 200
    except Exception:
        return False
held = [socket.create_connection(("127.0.0.1", port)) for _ in range(2)]
time.sleep(0.3)
refused = not get()
for s in held:
    s.close()
time.sleep(0.3)
print(refused, get())
EOF
)
check serve/connection-limit-refuses [ "${lim%% *}" = True ]
check serve/connection-limit-recovers [ "${lim##* }" = True ]
kill -TERM "$PID"; wait "$PID"

# ---- the store is only read --------------------------------------------------------
check serve/store-unchanged [ "$(cksum <"$DB")" = "$before" ]

# ---- cached answers follow the store: an ingest elsewhere empties the cache ------
CH=$TMP/changing.db
cp "$DB" "$CH"
start cache -q --db "$CH" --listen 127.0.0.1:0
get /api/stats >/dev/null
n1=$(sed -n 's/.*"events": \([0-9]*\),.*/\1/p' "$TMP/body")
sleep 1   # a new modification time, whatever the file system's resolution
sqlite3 "$CH" "INSERT INTO events(event_date, source, target, code, location, polarity, modality,
  first_seen) VALUES ('2022-09-01', 'FRA', 'DEU', '040', '', 'asserted', 'actual', '')"
get /api/stats >/dev/null
n2=$(sed -n 's/.*"events": \([0-9]*\),.*/\1/p' "$TMP/body")
check serve/cache-follows-store [ "$n2" = $((n1 + 1)) ]
kill -TERM "$PID"; wait "$PID"

# ---- /api/stats is computed once at start-up: the same answer as computed ------
start warm -q --db "$DB" --listen 127.0.0.1:0
get /api/stats >/dev/null
cp "$TMP/body" "$TMP/warm.json"
kill -TERM "$PID"; wait "$PID"
start cold -q --db "$DB" --listen 127.0.0.1:0 --no-cache
get /api/stats >/dev/null
check serve/stats-at-start-as-computed cmp -s "$TMP/body" "$TMP/warm.json"
kill -TERM "$PID"; wait "$PID"

# ---- time limit: a larger synthetic store, a 10 ms budget ------------------------
BIG=$TMP/big.db
cp "$DB" "$BIG"
sqlite3 "$BIG" "WITH RECURSIVE c(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM c WHERE k < 300000)
  INSERT INTO events(event_date, source, target, code, root, quad, goldstein, location, polarity,
  modality, first_seen) SELECT date('2000-01-01', '+' || (k % 8000) || ' days'), 'A' || (k % 97),
  'B' || (k % 89), '0' || (k % 9), '0' || (k % 9), 1 + k % 4, 1.0, 'x' || k, 'asserted', 'actual',
  '' FROM c"
start slowq -q --db "$BIG" --listen 127.0.0.1:0 --query-ms 10
code=$(get '/api/relations?step=day')
check serve/time-limit-503 [ "$code" = 503 ]
check serve/time-limit-message has 'longer than 10 ms'
# A primary-key lookup fits in 10 ms even under ASan on a busy machine.
check serve/time-limit-still-serving [ "$(get "/api/documents/$doc")" = 200 ]
kill -TERM "$PID"; wait "$PID"

# ---- command line ---------------------------------------------------------------
"$DYAD" serve --db "$TMP/none.db" --listen 127.0.0.1:0 >/dev/null 2>"$TMP/err"; rc=$?
check serve/missing-store-exit-1 [ "$rc" -eq 1 ]
"$DYAD" serve --db "$DB" --listen localhost:80a >/dev/null 2>"$TMP/err"; rc=$?
check serve/bad-listen-exit-2 [ "$rc" -eq 2 ]
check serve/bad-listen-message grep -q 'HOST:PORT' "$TMP/err"
start open --db "$DB" --listen 0.0.0.0:0
check serve/warns-beyond-loopback grep -q 'warning: listening beyond this machine' "$TMP/open.err"
kill -TERM "$PID"; wait "$PID"
"$DYAD" serve --db "$DB" --threads 0 >/dev/null 2>&1; rc=$?
check serve/bad-threads-exit-2 [ "$rc" -eq 2 ]
