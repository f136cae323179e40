/* app.js - the dyad dashboard: the actor network of a period, the time line
 * of an actor or a dyad, a map of event locations, and the event table whose
 * rows open the coded sentence. Everything comes from the server's /api/
 * (docs/api.md); d3 (v3) and Leaflet come from Debian's packages through
 * /lib/. Text from the store is only ever set with textContent. */
(function () {
  "use strict";

  var state = { months: [], period: "", colour: "goldstein", offset: 0, limit: 50,
                filters: {}, who: "" };

  function $(id) { return document.getElementById(id); }

  function status(msg, isError) {
    var s = $("status");
    s.textContent = msg || "";
    s.className = isError ? "error" : "";
  }

  function query(params) {
    var parts = [];
    Object.keys(params).forEach(function (k) {
      if (params[k] !== "" && params[k] !== undefined && params[k] !== null)
        parts.push(encodeURIComponent(k) + "=" + encodeURIComponent(params[k]));
    });
    return parts.length ? "?" + parts.join("&") : "";
  }

  /* GET an API call; errors (a JSON body {"error": ...}) go to the status line. */
  function api(path, params) {
    return fetch("/api/" + path + query(params || {})).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body.error || ("HTTP " + r.status));
        return body;
      });
    }).catch(function (e) {
      status(path + ": " + e.message, true);
      throw e;
    });
  }

  function goldColour(g) {
    return d3.scale.linear().domain([-10, 0, 10]).range(["#d73027", "#bbbbbb", "#1a9850"])
      .clamp(true)(g);
  }
  var quadColours = { 1: "#66bd63", 2: "#1a9850", 3: "#fdae61", 4: "#d73027" };

  function edgeColour(e) {
    if (state.colour === "quad") {
      var q = [e.q1, e.q2, e.q3, e.q4], best = 0;
      for (var i = 1; i < 4; i++) if (q[i] > q[best]) best = i;
      return quadColours[best + 1];
    }
    return goldColour(e.goldstein);
  }

  /* ---- network ---------------------------------------------------------- */

  function drawGraph(data) {
    var svg = d3.select("#graph");
    svg.selectAll("*").remove();
    var box = $("graph").getBoundingClientRect();
    var w = box.width || 600, h = box.height || 420;
    var nodes = data.nodes.map(function (n) {
      return { id: n.id, events: n.events, as_source: n.as_source, as_target: n.as_target };
    });
    var index = {};
    nodes.forEach(function (n, i) { index[n.id] = i; });
    var links = data.edges.filter(function (e) { return e.source !== e.target; })
      .map(function (e) {
        return { source: index[e.source], target: index[e.target], data: e };
      });
    var loops = data.edges.length - links.length;
    $("network-summary").textContent = nodes.length + " actors, " + links.length + " ties" +
      (loops ? " (+" + loops + " within an actor)" : "") + " · " + (state.period || "all periods");
    if (!nodes.length) {
      svg.append("text").attr("x", 20).attr("y", 40).text("No events in this period.");
      return;
    }
    var maxEv = d3.max(nodes, function (n) { return n.events; }) || 1;
    var maxCount = d3.max(links, function (l) { return l.data.count; }) || 1;
    var r = d3.scale.sqrt().domain([0, maxEv]).range([4, 26]);
    var width = d3.scale.linear().domain([1, maxCount]).range([1.5, 9]);
    /* A static layout: ticked to rest before drawing, so the picture (and a
     * screenshot of it) does not move. */
    var force = d3.layout.force().nodes(nodes).links(links).size([w, h])
      .linkDistance(Math.min(w, h) / 3).charge(-400).gravity(0.08);
    /* Start from a circle, so that 150 ticks are enough to settle. */
    nodes.forEach(function (n, i) {
      var a = 2 * Math.PI * i / nodes.length;
      n.x = w / 2 + Math.cos(a) * w / 4;
      n.y = h / 2 + Math.sin(a) * h / 4;
    });
    force.start();
    for (var i = 0; i < 150; i++) force.tick();
    force.stop();
    nodes.forEach(function (n) {
      n.x = Math.max(30, Math.min(w - 30, n.x));
      n.y = Math.max(30, Math.min(h - 30, n.y));
    });
    svg.append("defs").append("marker").attr("id", "arrow").attr("viewBox", "0 -4 8 8")
      .attr("refX", 8).attr("markerUnits", "userSpaceOnUse").attr("markerWidth", 9)
      .attr("markerHeight", 9).attr("orient", "auto")
      .append("path").attr("d", "M0,-4L8,0L0,4").attr("fill", "#555");
    svg.append("g").selectAll("path").data(links).enter().append("path")
      .attr("class", function (l) { return "edge " + (l.data.goldstein >= 0 ? "coop" : "conf"); })
      .attr("data-source", function (l) { return l.data.source; })
      .attr("data-target", function (l) { return l.data.target; })
      .attr("stroke", function (l) { return edgeColour(l.data); })
      .attr("stroke-width", function (l) { return width(l.data.count); })
      .attr("marker-end", "url(#arrow)")
      .attr("d", function (l) {
        /* An arc, so that A->B and B->A are both seen; it ends at B's rim. */
        var sx = l.source.x, sy = l.source.y, tx = l.target.x, ty = l.target.y;
        var dx = tx - sx, dy = ty - sy, dist = Math.sqrt(dx * dx + dy * dy) || 1;
        var rt = r(l.target.events) + 3;
        var ex = tx - dx / dist * rt, ey = ty - dy / dist * rt;
        return "M" + sx + "," + sy + "A" + dist * 1.4 + "," + dist * 1.4 + " 0 0,1 " + ex + "," + ey;
      })
      .on("click", function (l) {
        d3.selectAll(".edge.selected").classed("selected", false);
        d3.select(this).classed("selected", true);
        openDyad(l.data.source, l.data.target);
      })
      .append("title").text(function (l) {
        var e = l.data;
        return e.source + " → " + e.target + ": " + e.count + " events, mean Goldstein " +
          e.goldstein.toFixed(2) + " (Q1 " + e.q1 + ", Q2 " + e.q2 + ", Q3 " + e.q3 + ", Q4 " +
          e.q4 + ")";
      });
    var g = svg.append("g").selectAll("g").data(nodes).enter().append("g")
      .attr("class", "node").attr("data-id", function (n) { return n.id; })
      .attr("transform", function (n) { return "translate(" + n.x + "," + n.y + ")"; })
      .on("click", function (n) {
        d3.selectAll(".node.selected").classed("selected", false);
        d3.select(this).classed("selected", true);
        showTimeline(n.id);
      });
    g.append("circle").attr("r", function (n) { return r(n.events); });
    g.append("text").attr("dx", function (n) { return r(n.events) + 3; }).attr("dy", 4)
      .text(function (n) { return n.id; });
    g.append("title").text(function (n) {
      return n.id + ": " + n.events + " events (" + n.as_source + " as source, " +
        n.as_target + " as target)";
    });
  }

  /* The graph's data, and its drawing a moment later: whoever waits for
   * the data (the time line) sends its own request before the layout runs. */
  function loadGraph() {
    var params = state.period ? { period: state.period } : {};
    var data = api("graph", params);
    var drawn = data.then(function (d) {
      return new Promise(function (resolve) {
        setTimeout(function () {
          state.graph = d;
          drawGraph(d);
          resolve();
        }, 0);
      });
    });
    return { data: data, drawn: drawn };
  }

  /* Clicking an edge: its events in the period, in the table. */
  function openDyad(src, tgt) {
    var f = document.forms.filters;
    ["actor", "code", "quad", "lang", "polarity", "modality"].forEach(function (k) {
      f.elements[k].value = "";
    });
    f.elements.dyad.value = src + "," + tgt;
    f.elements.from.value = state.period;
    f.elements.to.value = state.period;
    showTimeline(src + "," + tgt);
    searchEvents(0);
  }

  /* ---- time line ---------------------------------------------------------- */

  /* How many months before the period shown the time line starts, per
   * step: about a dozen bars (three months of weeks, a year of months,
   * twelve quarters; every year for years). Under "all periods"
   * it asks for everything the store holds. */
  var stepMonths = { week: 2, month: 11, quarter: 33, year: 0 };
  var stepNames = { week: "weeks", month: "months", quarter: "quarters", year: "years" };

  /* The relations API does the selecting and the counting: the actor (or
   * the dyad, both directions with undirected=1) and the step are its
   * parameters, and every step of the period has a row per dyad, zeros
   * included; the page only adds up the dyads of each step. */
  function showTimeline(who) {
    state.who = who;
    $("timeline-who").value = who;
    var step = $("timeline-step").value;
    var params = { step: step };
    if (who.indexOf(",") >= 0) {
      params.dyad = who;
      params.undirected = 1;
    } else {
      params.actor = who;
    }
    if (state.period && step !== "year")
      params.period = monthsBefore(state.period, stepMonths[step]) + ".." + state.period;
    return api("relations", params).then(function (data) {
      var by = {};
      data.relations.forEach(function (r) {
        var b = by[r.step] || (by[r.step] = { step: r.step, coop: 0, conf: 0 });
        b.coop += r.q1 + r.q2;
        b.conf += r.q3 + r.q4;
      });
      drawTimeline(Object.keys(by).sort().map(function (k) { return by[k]; }), who, step);
    });
  }

  function drawTimeline(series, who, step) {
    var svg = d3.select("#timeline");
    svg.selectAll("*").remove();
    $("timeline-title").textContent = who + (parts2(who) ? " (both directions)" : "") +
      " · " + series.length + " " + stepNames[step];
    if (!series.length) {
      svg.append("text").attr("x", 20).attr("y", 40).text("No events for " + who + ".");
      return;
    }
    var box = $("timeline").getBoundingClientRect();
    var m = { l: 36, r: 10, t: 10, b: 60 };
    var w = (box.width || 600) - m.l - m.r, h = (box.height || 260) - m.t - m.b;
    /* Bars at most 40 px wide, so one step does not fill the chart. */
    var x = d3.scale.ordinal().domain(series.map(function (d) { return d.step; }))
      .rangeBands([0, Math.min(w, series.length * 40)], 0.15);
    var max = d3.max(series, function (d) { return Math.max(d.coop, d.conf); }) || 1;
    var y = d3.scale.linear().domain([-max, max]).range([h, 0]).nice();
    var g = svg.append("g").attr("transform", "translate(" + m.l + "," + m.t + ")");
    g.selectAll(".bar.coop").data(series).enter().append("rect").attr("class", "bar coop")
      .attr("data-step", function (d) { return d.step; })
      .attr("data-n", function (d) { return d.coop; })
      .attr("x", function (d) { return x(d.step); }).attr("width", x.rangeBand())
      .attr("y", function (d) { return y(d.coop); })
      .attr("height", function (d) { return y(0) - y(d.coop); })
      .append("title").text(function (d) { return d.step + ": " + d.coop + " cooperative"; });
    g.selectAll(".bar.conf").data(series).enter().append("rect").attr("class", "bar conf")
      .attr("data-step", function (d) { return d.step; })
      .attr("data-n", function (d) { return d.conf; })
      .attr("x", function (d) { return x(d.step); }).attr("width", x.rangeBand())
      .attr("y", y(0)).attr("height", function (d) { return y(-d.conf) - y(0); })
      .append("title").text(function (d) { return d.step + ": " + d.conf + " conflictual"; });
    var every = Math.ceil(series.length / 14);
    var xAxis = d3.svg.axis().scale(x).orient("bottom").tickValues(
      x.domain().filter(function (d, i) { return i % every === 0; }));
    g.append("g").attr("class", "axis").attr("transform", "translate(0," + h + ")").call(xAxis)
      .selectAll("text").attr("transform", "rotate(-35)").style("text-anchor", "end");
    g.append("g").attr("class", "axis").call(d3.svg.axis().scale(y).orient("left").ticks(Math.min(5, max))
      .tickFormat(function (v) { return v === Math.round(v) ? Math.abs(v) : ""; }));
  }

  /* The month k months before a period (YYYY-MM, YYYY-MM-DD or YYYY; a year
   * counts from its January), as YYYY-MM. */
  function monthsBefore(p, k) {
    var y = +p.slice(0, 4), m = p.length >= 7 ? +p.slice(5, 7) : 1;
    m -= k;
    while (m < 1) { m += 12; y -= 1; }
    return y + "-" + (m < 10 ? "0" : "") + m;
  }

  function parts2(who) { return who.indexOf(",") >= 0; }

  /* ---- map ---------------------------------------------------------------- */

  var map = null, layer = null;

  function initMap() {
    if (typeof L === "undefined") return;
    /* No tile layer: the page works offline. A lon/lat grid gives the
     * points their bearings. */
    map = L.map("map", { worldCopyJump: false, attributionControl: false,
                         zoomAnimation: false, fadeAnimation: false })
      .setView([30, 20], 1);
    var grid = L.layerGroup().addTo(map);
    for (var lon = -180; lon <= 180; lon += 30)
      L.polyline([[-85, lon], [85, lon]], { color: "#bbb", weight: 1, interactive: false })
        .addTo(grid);
    for (var lat = -60; lat <= 80; lat += 20)
      L.polyline([[lat, -180], [lat, 180]], { color: "#bbb", weight: 1, interactive: false })
        .addTo(grid);
    L.polyline([[0, -180], [0, 180]], { color: "#888", weight: 1, interactive: false })
      .addTo(grid);
    layer = L.layerGroup().addTo(map);
  }

  function loadMap() {
    if (!map) return Promise.resolve();
    var params = { limit: 1000, evidence: 0 };
    if (state.period) { params.from = state.period; params.to = state.period; }
    return api("events", params).then(function (data) {
      layer.clearLayers();
      var pts = [];
      data.events.forEach(function (e) {
        if (e.lat === null || e.lon === null) return;
        pts.push([e.lat, e.lon]);
        L.circleMarker([e.lat, e.lon], { radius: 6, color: "#333", weight: 1,
          fillColor: goldColour(e.goldstein), fillOpacity: 0.85, className: "map-point" })
          .bindTooltip(e.event_date + " " + e.source + " → " + e.target + " (" + e.code + ") " +
                       (e.location || ""))
          .addTo(layer);
      });
      $("map-summary").textContent = pts.length + " located events of " + data.events.length +
        (data.more ? "+" : "");
      if (pts.length) map.fitBounds(pts, { maxZoom: 4, padding: [20, 20], animate: false });
    });
  }

  /* ---- events and evidence ------------------------------------------------- */

  function readFilters() {
    var f = document.forms.filters, out = {};
    ["actor", "dyad", "code", "quad", "from", "to", "lang", "polarity", "modality", "sort"]
      .forEach(function (k) { out[k] = f.elements[k].value.trim(); });
    return out;
  }

  function searchEvents(offset) {
    state.filters = readFilters();
    state.offset = offset;
    var params = Object.assign({}, state.filters, { limit: state.limit, offset: offset });
    $("events-csv").href = "/api/events" + query(Object.assign({}, state.filters,
      { format: "csv", limit: 1000 }));
    return api("events", params).then(function (data) {
      status("");
      var tbody = document.querySelector("#events tbody");
      tbody.textContent = "";
      data.events.forEach(function (e) {
        var tr = document.createElement("tr");
        tr.dataset.id = e.id;
        [e.event_date, e.source, e.target, e.code, e.quad, e.goldstein, e.polarity, e.modality,
         e.num_mentions].forEach(function (v) {
          var td = document.createElement("td");
          td.textContent = v === null ? "" : String(v);
          tr.appendChild(td);
        });
        tr.addEventListener("click", function () {
          var sel = tbody.querySelector("tr.selected");
          if (sel) sel.classList.remove("selected");
          tr.classList.add("selected");
          showEvidence(e);
        });
        tbody.appendChild(tr);
      });
      $("page-label").textContent = data.events.length ?
        "events " + (offset + 1) + "–" + (offset + data.events.length) + (data.more ? " of more" : "") :
        "no events";
      $("prev").disabled = offset === 0;
      $("next").disabled = !data.more;
    }).catch(function () {});
  }

  /* The sentence with its spans marked. Spans are byte offsets into the
   * document; the sentence's own bytes are cut at them. */
  function markedSentence(s) {
    var el = document.createElement("p");
    el.className = "sentence";
    if (s.sentence === null) return el;
    var bytes = new TextEncoder().encode(s.sentence), dec = new TextDecoder();
    var base = s.sentence_start || 0, spans = [];
    [["src", s.source_start, s.source_end], ["trg", s.trigger_start, s.trigger_end],
     ["tgt", s.target_start, s.target_end]].forEach(function (k) {
      if (k[1] === null || k[2] === null) return;
      var a = k[1] - base, b = k[2] - base;
      if (a >= 0 && b >= a && b <= bytes.length) spans.push({ cls: k[0], a: a, b: b });
    });
    spans.sort(function (x, y) { return x.a - y.a; });
    var at = 0;
    spans.forEach(function (sp) {
      if (sp.a < at) return;   /* overlapping spans: keep the first */
      el.appendChild(document.createTextNode(dec.decode(bytes.slice(at, sp.a))));
      var m = document.createElement("mark");
      m.className = sp.cls;
      m.textContent = dec.decode(bytes.slice(sp.a, sp.b));
      el.appendChild(m);
      at = sp.b;
    });
    el.appendChild(document.createTextNode(dec.decode(bytes.slice(at))));
    return el;
  }

  function showEvidence(e) {
    var box = $("evidence");
    box.textContent = "";
    var h = document.createElement("h3");
    h.textContent = e.event_date + "  " + e.source + " → " + e.target + "  CAMEO " + e.code +
      " (QuadClass " + e.quad + ", Goldstein " + e.goldstein + ", " + e.polarity + ", " +
      e.modality + ")";
    box.appendChild(h);
    (e.evidence || []).forEach(function (s) {
      var div = document.createElement("div");
      div.className = "sighting";
      div.appendChild(markedSentence(s));
      var meta = document.createElement("p");
      meta.className = "meta";
      meta.textContent = "rule " + (s.rule || "?") + " · document " + s.doc + ", sentence " +
        s.sent + (s.attribution ? " · according to " + s.attribution : "") + " · ";
      var open = document.createElement("button");
      open.type = "button";
      open.className = "open-doc";
      open.textContent = "read the document";
      open.addEventListener("click", function () { showDocument(s.doc); });
      meta.appendChild(open);
      div.appendChild(meta);
      box.appendChild(div);
    });
  }

  /* The whole document with the trigger of every event coded in it marked
   * (spans are byte offsets into the text; overlapping ones keep the first). */
  function showDocument(id) {
    return api("documents/" + encodeURIComponent(id)).then(function (d) {
      var box = $("document");
      box.textContent = "";
      var h = document.createElement("h3");
      h.textContent = (d.title || d.id) + " · " + (d.date || "") + " · " + (d.lang || "") +
        " · " + d.events.length + " events";
      box.appendChild(h);
      var bytes = new TextEncoder().encode(d.text), dec = new TextDecoder();
      var spans = d.events.filter(function (e) {
        return e.trigger_start !== null && e.trigger_end !== null;
      }).sort(function (a, b) { return a.trigger_start - b.trigger_start; });
      var p = document.createElement("p");
      p.className = "doc-text";
      var at = 0;
      spans.forEach(function (e) {
        if (e.trigger_start < at || e.trigger_end > bytes.length) return;
        p.appendChild(document.createTextNode(dec.decode(bytes.slice(at, e.trigger_start))));
        var m = document.createElement("mark");
        m.className = "trg";
        m.title = e.source + " → " + e.target + " CAMEO " + e.code + " (" + e.rule + ")";
        m.textContent = dec.decode(bytes.slice(e.trigger_start, e.trigger_end));
        p.appendChild(m);
        at = e.trigger_end;
      });
      p.appendChild(document.createTextNode(dec.decode(bytes.slice(at))));
      box.appendChild(p);
    }).catch(function () {});
  }

  /* ---- period and start-up -------------------------------------------------- */

  function setPeriod(p) {
    state.period = p;
    $("period-label").textContent = p || "all periods";
    var g = loadGraph();
    return { data: g.data, done: Promise.all([g.drawn, loadMap()]).catch(function () {}) };
  }

  function start() {
    initMap();
    $("edge-colour").addEventListener("change", function () {
      state.colour = this.value;
      if (state.graph) drawGraph(state.graph);
    });
    var slider = $("period"), all = $("all-periods");
    slider.addEventListener("input", function () {
      all.checked = false;
      setPeriod(state.months[+slider.value] || "");
    });
    all.addEventListener("change", function () {
      setPeriod(all.checked ? "" : state.months[+slider.value] || "");
    });
    document.forms.filters.addEventListener("submit", function (ev) {
      ev.preventDefault();
      searchEvents(0);
    });
    $("timeline-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var who = $("timeline-who").value.trim().toUpperCase().replace(/\s+/g, "");
      if (who) showTimeline(who).catch(function () {});
    });
    $("timeline-step").addEventListener("change", function () {
      if (state.who) showTimeline(state.who).catch(function () {});
    });
    $("prev").addEventListener("click", function () {
      searchEvents(Math.max(0, state.offset - state.limit));
    });
    $("next").addEventListener("click", function () { searchEvents(state.offset + state.limit); });
    api("stats").then(function (st) {
      $("stats").textContent = st.events + " events, " + st.documents + " documents";
      state.months = st.months.map(function (m) { return m.month; });
      /* Start on the busiest month: the period most worth a look. */
      var best = 0;
      st.months.forEach(function (m, i) { if (m.events > st.months[best].events) best = i; });
      slider.max = Math.max(0, state.months.length - 1);
      slider.value = best;
      var p = state.months[best] || "";
      if (!p) all.checked = true;
      var f = document.forms.filters;
      f.elements.from.value = p;
      f.elements.to.value = p;
      /* The network and the map are asked at once; the time line waits
       * for the graph only, to follow its busiest actor. The event table
       * (below them) asks just after the time line: with two store
       * connections, the longest chain (stats, graph, time line) is not
       * kept waiting behind it. */
      var sp = setPeriod(p);
      var timeline = sp.data.then(function (g) {
        if (g.nodes.length) {
          var top = g.nodes.slice().sort(function (a, b) { return b.events - a.events; })[0];
          return showTimeline(top.id);
        }
      });
      var table = sp.data.catch(function () {}).then(function () { return searchEvents(0); });
      return Promise.all([sp.done, timeline, table]);
    }).then(function () {
      /* Milliseconds from navigation to a drawn dashboard (bench/serve.sh). */
      document.body.dataset.loadMs = String(Math.round(performance.now()));
      document.body.dataset.ready = "1";
    }).catch(function () { document.body.dataset.ready = "error"; });
  }

  if (typeof d3 === "undefined")
    status("d3 is missing: install libjs-d3 (tools/bootstrap.sh)", true);
  else
    start();
})();
