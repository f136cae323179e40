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
serve_seed
pid=$SERVE_PID
out=${BUILD:-build}/screenshots
python3 tests/browser.py "$SERVE_URL" "$out"
for f in dashboard.png dashboard-evidence.png; do
    check "browser/screenshot-$f" [ -s "$out/$f" ]
done
kill -TERM "$pid"; wait "$pid"; rc=$?
check browser/server-clean-exit [ "$rc" -eq 0 ]
