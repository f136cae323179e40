# serve_doc.sh - the examples of docs/api.md are the answers `dyad serve`
# gives on the seed article's store (tools/api_doc.py compares them; with
# --write it regenerates them after a deliberate change).
. tests/cli/lib.sh
if ! command -v python3 >/dev/null 2>&1; then
    skip api-doc/all "python3 is not installed"; exit 0
fi
serve_seed
pid=$SERVE_PID
python3 tools/api_doc.py "$SERVE_URL" docs/api.md
n=$(grep -c '^```http' docs/api.md)
check api-doc/has-examples [ "$n" -ge 12 ]
kill -TERM "$pid"; wait "$pid"
