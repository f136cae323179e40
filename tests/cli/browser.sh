# browser.sh - the dashboard in headless Chromium (tests/browser.py drives it
# over the DevTools pipe): `dyad serve` on the seed article's store, the
# network shows Russia tied to China, Iran and North Korea by cooperative
# edges; clicking the RUS -> IRN edge lists its events, clicking an event
# shows its sentence with source, trigger and target marked and the rule.
# Screenshots are kept as artifacts in $BUILD/screenshots/. Skips when
# Chromium or python3 is absent (tools/bootstrap.sh installs Chromium).
. tests/cli/lib.sh
if ! command -v python3 >/dev/null 2>&1; then
    skip browser/all "python3 is not installed"; exit 0
fi
if ! command -v "${CHROMIUM:-chromium}" >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
    skip browser/all "chromium is not installed (tools/bootstrap.sh installs it)"; exit 0
fi
if [ ! -f /usr/share/javascript/d3/d3.min.js ] || [ ! -f /usr/share/javascript/leaflet/leaflet.js ]; then
    skip browser/all "libjs-d3 or libjs-leaflet is not installed (tools/bootstrap.sh installs them)"
    exit 0
fi
DB=$TMP/seed.db
"$DYAD" ingest -q --db "$DB" examples/
"$DYAD" serve -q --db "$DB" --listen 127.0.0.1:0 >"$TMP/url" 2>"$TMP/err" &
pid=$!
i=0
while [ ! -s "$TMP/url" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
out=${BUILD:-build}/screenshots
python3 tests/browser.py "$(head -n 1 "$TMP/url")" "$out"
for f in dashboard.png dashboard-evidence.png; do
    check "browser/screenshot-$f" [ -s "$out/$f" ]
done
kill -TERM "$pid"; wait "$pid"; rc=$?
check browser/server-clean-exit [ "$rc" -eq 0 ]
