# serve_cache.sh - `dyad serve`'s answer cache (cli/cmd_serve.c) keeps
# different requests apart: a parameter value holding '&' or '=' (sent
# percent-escaped) must not give the cache key of other parameters, or
# one client's answer is served for another client's question.
. tests/cli/lib.sh
if ! command -v curl >/dev/null 2>&1; then
    skip serve-cache/all "curl is not installed (tools/bootstrap.sh installs it)"
    exit 0
fi
serve_seed
PID=$SERVE_PID
U=$SERVE_URL
get() { curl -s --path-as-is -o "$TMP/body" -w '%{http_code}' "${U%/}$1"; }
# q's value is 'cor&limit=2': a name search that matches nothing, cached first
check serve-cache/escaped-first [ "$(get '/api/actors?q=cor%26limit%3D2')" = 200 ]
check serve-cache/escaped-empty grep -q '^{"actors": \[\]' "$TMP/body"
# then q=cor with limit=2: two actors, not the answer above
check serve-cache/distinct-key [ "$(get '/api/actors?q=cor&limit=2')" = 200 ]
check serve-cache/distinct-answer grep -q '"code":"PRKGOV"' "$TMP/body"
# and the other way round, with '=' in a value
check serve-cache/equals-first [ "$(get '/api/actors?q=RUS&limit=1')" = 200 ]
check serve-cache/equals-second [ "$(get '/api/actors?q=RUS%26limit%3D1')" = 200 ]
check serve-cache/equals-answer grep -q '^{"actors": \[\]' "$TMP/body"
kill "$PID" 2>/dev/null
wait "$PID" 2>/dev/null
