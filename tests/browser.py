#!/usr/bin/env python3
"""browser.py - drives headless Chromium over the DevTools protocol (through
--remote-debugging-pipe, so no port and no extra package) to test the dyad
dashboard served by `dyad serve`. Python 3 standard library only.

    browser.py URL OUTDIR            the dashboard tests; prints "ok NAME" /
                                     "not ok NAME" lines, screenshots in OUTDIR
    browser.py --load-time URL [N]   first load time in ms, N runs (benchmark)

Chromium is found as $CHROMIUM, chromium or chromium-browser.
"""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time


def find_chromium():
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


class Browser:
    """One Chromium process and one page, commands sent over the pipe."""

    def __init__(self, exe, width=1400, height=1100):
        self.profile = tempfile.mkdtemp(prefix="dyad-chromium-")
        r1, w1 = os.pipe()   # we write commands -> chromium reads fd 3
        r2, w2 = os.pipe()   # chromium writes fd 4 -> we read
        args = [exe, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-extensions",
                "--user-data-dir=" + self.profile, "--remote-debugging-pipe",
                "--window-size=%d,%d" % (width, height), "about:blank"]

        def fds():
            # Fresh copies first, so that neither end already sits on 3 or 4;
            # dup2 makes the targets inheritable, everything else closes at exec.
            a, b = os.dup(r1), os.dup(w2)
            os.dup2(a, 3)
            os.dup2(b, 4)
        self.proc = subprocess.Popen(args, preexec_fn=fds, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, close_fds=False)
        os.close(r1)
        os.close(w2)
        self.wr, self.rd = w1, r2
        self.buf = b""
        self.next_id = 0
        self.session = None
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget",
                                 {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable")
        self.call("Runtime.enable")
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    def _read_msg(self, deadline):
        while b"\0" not in self.buf:
            if time.time() > deadline:
                raise TimeoutError("no answer from chromium")
            chunk = os.read(self.rd, 65536)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, params=None, timeout=30):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if self.session:
            msg["sessionId"] = self.session
        os.write(self.wr, json.dumps(msg).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            m = self._read_msg(deadline)
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError("%s: %s" % (method, m["error"]))
                return m.get("result", {})

    def eval(self, expr):
        r = self.call("Runtime.evaluate", {"expression": expr, "returnByValue": True,
                                           "awaitPromise": True})
        if "exceptionDetails" in r:
            raise RuntimeError("JS: %s" % r["exceptionDetails"].get("text"))
        return r["result"].get("value")

    def wait(self, expr, timeout=15):
        deadline = time.time() + timeout
        while time.time() < deadline:
            v = self.eval(expr)
            if v:
                return v
            time.sleep(0.05)
        return None

    def click(self, selector):
        """A real mouse click at the centre of the element."""
        box = self.eval("(function(){var e=document.querySelector(%s); if(!e) return null;"
                        "e.scrollIntoView({block:'center'}); var r=e.getBoundingClientRect();"
                        "return [r.left+r.width/2, r.top+r.height/2];})()" % json.dumps(selector))
        if not box:
            return False
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", {"type": kind, "x": box[0], "y": box[1],
                                                   "button": "left", "clickCount": 1})
        return True

    def screenshot(self, path):
        # The whole page, not only the part in the window.
        size = self.call("Page.getLayoutMetrics")["cssContentSize"]
        data = self.call("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"],
                     "scale": 1}})["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def close(self):
        try:
            self.call("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def check(name, cond, detail=""):
    print(("ok " if cond else "not ok ") + name + ("" if cond or not detail else ": " + detail))
    sys.stdout.flush()
    return cond


def dashboard_tests(b, url, out):
    b.call("Page.navigate", {"url": url})
    ready = b.wait("document.body && document.body.dataset.ready", 30)
    check("browser/dashboard-loads", ready == "1", "ready=%r, status=%r" % (
        ready, b.eval("document.getElementById('status') && "
                      "document.getElementById('status').textContent")))
    b.screenshot(os.path.join(out, "dashboard.png"))
    nodes = b.eval("Array.from(document.querySelectorAll('#graph .node'))"
                   ".map(function(n){return n.dataset.id})") or []
    check("browser/network-nodes", all(c in nodes for c in ("RUS", "CHN", "IRN", "PRK")),
          "nodes %s" % nodes)
    edges = b.eval("Array.from(document.querySelectorAll('#graph path.edge')).map(function(e)"
                   "{return [e.dataset.source, e.dataset.target, e.classList.contains('coop')]})"
                   ) or []
    for other in ("CHN", "IRN", "PRK"):
        linked = [e for e in edges if set(e[:2]) == {"RUS", other}]
        check("browser/edge-RUS-%s-cooperative" % other,
              bool(linked) and all(e[2] for e in linked), "edges %s" % linked)
    check("browser/no-error-shown", not b.eval("document.getElementById('status').textContent"),
          b.eval("document.getElementById('status').textContent") or "")
    # Open the RUS -> IRN edge (its one event is cooperative) with a real
    # click on the edge's midpoint, then its first event.
    sel = "#graph path.edge[data-source='RUS'][data-target='IRN']"
    mid = b.eval("(function(){var p=document.querySelector(\"%s\"); if(!p) return null;"
                 "var pt=p.getPointAtLength(p.getTotalLength()/2);"
                 "var m=p.getScreenCTM(); return [pt.x*m.a+m.e, pt.y*m.d+m.f];})()" % sel)
    if mid:
        for kind in ("mousePressed", "mouseReleased"):
            b.call("Input.dispatchMouseEvent", {"type": kind, "x": mid[0], "y": mid[1],
                                                "button": "left", "clickCount": 1})
    # Wait for the new rows (the table holds the previous search until the
    # answer arrives): every row RUS... -> IRN...
    rows = b.wait("(function(){var f=document.forms.filters.elements.dyad.value;"
                  "var r=Array.from(document.querySelectorAll('#events tbody tr'));"
                  "return f==='RUS,IRN' && r.length && r.every(function(t){"
                  "return t.cells[1].textContent.indexOf('RUS')===0 &&"
                  " t.cells[2].textContent.indexOf('IRN')===0}) ? r.length : 0})()", 15)
    check("browser/edge-click-lists-its-events", bool(rows),
          "dyad filter %r" % b.eval("document.forms.filters.elements.dyad.value"))
    b.click("#events tbody tr")
    marked = b.wait("(function(){var m=document.querySelectorAll('#evidence mark');"
                    "return m.length ? Array.from(m).map(function(x){return x.className+':'+"
                    "x.textContent}) : null})()", 10)
    check("browser/event-opens-marked-sentence",
          bool(marked) and any(m.startswith("trg:") for m in marked)
          and any(m.startswith("src:") for m in marked)
          and any(m.startswith("tgt:") for m in marked), "marks %s" % marked)
    rule = b.eval("(document.querySelector('#evidence .meta')||{}).textContent") or ""
    check("browser/evidence-shows-rule", "rule " in rule and "rule ?" not in rule, rule)
    tl = b.eval("document.querySelectorAll('#timeline rect.bar').length")
    check("browser/timeline-drawn", bool(tl), "bars %r" % tl)
    # The edge's time line comes from /api/relations (dyad, both directions,
    # by month, every month of the year with its zeros): twelve bars, the
    # one cooperative event in 2022-08.
    bars = "Array.from(document.querySelectorAll('#timeline rect.bar.coop')).map(function(r)" \
           "{return r.dataset.step+':'+r.dataset.n})"
    series = b.wait("(function(){var s=%s; return s.length===12 ? s : null})()" % bars, 10)
    check("browser/timeline-dyad-by-month", bool(series) and series[0] == "2021-09:0" and
          series[-1] == "2022-08:1" and sum(int(x.split(":")[1]) for x in series) == 1,
          "bars %r" % (b.eval(bars),))
    b.eval("var s=document.getElementById('timeline-step'); s.value='quarter';"
           "s.dispatchEvent(new Event('change')); 1")
    series = b.wait("(function(){var s=%s; return s.length && s[0].indexOf('-Q')>0 ? s : null})()"
                    % bars, 10)
    check("browser/timeline-step-quarter", bool(series) and len(series) == 12 and
          series[-1] == "2022-Q3:1", "bars %r" % (b.eval(bars),))
    b.click("#evidence .open-doc")
    doc = b.wait("(function(){var t=document.querySelector('#document .doc-text');"
                 "return t ? [t.textContent.slice(0, 16), t.querySelectorAll('mark.trg').length]"
                 " : null})()", 10)
    check("browser/document-with-triggers", bool(doc) and doc[0] == " date 2022-08 En" and
          doc[1] >= 10, "document %r" % (doc,))
    b.screenshot(os.path.join(out, "dashboard-evidence.png"))
    pts = b.eval("document.querySelectorAll('#map .map-point').length")
    located = b.eval("fetch('/api/events?limit=1000&from=2022-08&to=2022-08').then(function(r)"
                     "{return r.json()}).then(function(d){return d.events.filter(function(e)"
                     "{return e.lat!==null}).length})")
    check("browser/map-shows-located-events", pts == located and pts is not None,
          "points %r, located events %r" % (pts, located))
    # A hostile value typed into a filter comes back as an error message,
    # not as markup.
    b.eval("document.forms.filters.elements.actor.value='<img src=x onerror=alert(1)>';"
           "document.forms.filters.querySelector('button').click(); 1")
    err = b.wait("document.getElementById('status').textContent", 10) or ""
    check("browser/bad-filter-shows-error", "actor" in err and
          not b.eval("document.querySelector('img')"), err)


def load_time(b, url, runs):
    """Per run: the page's own time from navigation start to a drawn
    dashboard (performance.now() when ready), and the wall time seen here."""
    page, wall = [], []
    for _ in range(runs):
        b.call("Page.navigate", {"url": "about:blank"})
        t0 = time.time()
        b.call("Page.navigate", {"url": url})
        if b.wait("document.body && document.body.dataset.ready", 60) != "1":
            raise RuntimeError("the dashboard did not load")
        wall.append(round((time.time() - t0) * 1000, 1))
        page.append(int(b.eval("document.body.dataset.loadMs")))
    return page, wall


def main():
    exe = find_chromium()
    if not exe:
        print("skip browser/all: chromium is not installed (tools/bootstrap.sh installs it)")
        return 0
    if sys.argv[1] == "--load-time":
        b = Browser(exe)
        try:
            page, wall = load_time(b, sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 5)
            print("page %s, wall %s" % (page, wall))
        finally:
            b.close()
        return 0
    url, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    b = Browser(exe)
    try:
        dashboard_tests(b, url, out)
    except Exception as e:   # a crash of the driver is a failed test, not a skip
        check("browser/driver", False, repr(e))
    finally:
        b.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
