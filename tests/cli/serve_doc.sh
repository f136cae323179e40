# serve_doc.sh - the examples of docs/api.md are the answers `dyad serve`
# gives on the seed article's store (tools/api_doc.py compares them; with
# --write it regenerates them after a deliberate change).
. tests/cli/lib.sh
if ! command -v python3 >/dev/null 2>&1; then
    skip api-doc/all "python3 is not installed"; exit 0
fi
DB=$TMP/seed.db
"$DYAD" ingest -q --db "$DB" examples/
"$DYAD" serve -q --db "$DB" --listen 127.0.0.1:0 >"$TMP/url" 2>"$TMP/err" &
pid=$!
i=0
while [ ! -s "$TMP/url" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
python3 tools/api_doc.py "$(head -n 1 "$TMP/url")" docs/api.md
n=$(grep -c '^```http' docs/api.md)
check api-doc/has-examples [ "$n" -ge 12 ]
kill -TERM "$pid"; wait "$pid"
