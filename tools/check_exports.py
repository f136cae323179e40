#!/usr/bin/env python3
"""check_exports.py - validate every `dyad export` format on a store.

    tools/check_exports.py [--dyad build/dyad] [--plover DIR] DB

Runs dyad export --format gdelt (with --mentions), phoenix, csv, jsonl and
plover on DB and checks each against its layout: column counts, the type of
every column dyad fills, code lists (CAMEO codes from data/cameo/codes.tsv,
QuadClass, GDELT Geo_Type and FIPS geography, MentionType), ranges (Goldstein, coordinates,
Confidence), one date per row where the layout needs one, null (never "")
for absent values in JSON, and for PLOVER the event types, modes and
contexts of the CAMEO2PLOVER crosswalk and the field names of PLOVER's
gold-standard records (from --plover DIR, ../shared/data/plover, when it
exists; else the crosswalk as compiled into data/cameo/codes.tsv).
Prints one line per format; exits 1 on the first format with errors (all
are listed), 0 when every export is valid.
"""
import argparse
import csv
import io
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATE8 = re.compile(r"^\d{8}$")
TS14 = re.compile(r"^\d{14}$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EVENT_DATE = re.compile(r"^(\.\./)?\d{4}(-\d{2}(-\d{2})?)?$")


def cameo_table():
    codes, types, modes, contexts = {}, set(), set(), set()
    with open(os.path.join(ROOT, "data", "cameo", "codes.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            col = line.rstrip("\n").split("\t") + ["", "", ""]
            codes[col[0]] = col
            if col[4]:
                types.add(col[4])
            if col[5]:
                modes.add(col[5])
            if col[6]:
                contexts.add(col[6])
    return codes, types, modes, contexts


def plover_reference(d):
    """Types, modes, contexts of CAMEO2PLOVER and the GSR field names."""
    types, modes, contexts = set(), set(), set()
    with open(os.path.join(d, "CAMEO2PLOVER-2021.txt"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^\d{2,4}:\s*(.*)$", line.rstrip("\n"))
            if not m:
                continue
            parts = [p.strip() for p in m.group(1).split("#", 1)[0].split(",")]
            if parts[0]:
                types.add(parts[0])
            if len(parts) > 1 and parts[1]:
                modes.add(parts[1])
            if len(parts) > 2 and parts[2]:
                contexts.add(parts[2])
    keys, actor_keys = set(), set()
    with open(os.path.join(d, "PLOVER_GSR_CAMEO.json"), encoding="utf-8") as f:
        for r in json.load(f):
            keys.update(r)
            for side in ("source", "target"):
                for a in r.get(side) or []:
                    actor_keys.update(a)
    return types, modes, contexts, keys, actor_keys


def export(dyad, db, *args):
    p = subprocess.run([dyad, "export", "-q", "--db", db] + list(args), stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise SystemExit("dyad export %s failed (%d): %s" % (" ".join(args), p.returncode,
                                                             p.stderr.decode()))
    return p.stdout.decode("utf-8")


class Errors:
    def __init__(self):
        self.list = []

    def __call__(self, where, what):
        if len(self.list) < 30:
            self.list.append("%s: %s" % (where, what))
        else:
            self.list.append(None)

    def shown(self):
        return [e for e in self.list if e]


def is_int(s, lo=None, hi=None):
    try:
        v = int(s)
    except ValueError:
        return False
    return (lo is None or v >= lo) and (hi is None or v <= hi)


def is_real(s, lo=None, hi=None):
    try:
        v = float(s)
    except ValueError:
        return False
    return (lo is None or v >= lo) and (hi is None or v <= hi)


def check_gdelt(text, err, codes):
    n = 0
    for i, line in enumerate(text.splitlines(), 1):
        n += 1
        c = line.split("\t")
        w = "gdelt row %d" % i
        if len(c) != 61:
            err(w, "%d columns, GDELT 2.0 has 61" % len(c))
            continue
        if not is_int(c[0], 1):
            err(w, "GlobalEventID %r" % c[0])
        if not (DATE8.match(c[1]) and re.match(r"^\d{6}$", c[2]) and re.match(r"^\d{4}$", c[3])
                and is_real(c[4])):
            err(w, "one date needed: Day %r MonthYear %r Year %r FractionDate %r" % tuple(c[1:5]))
        if c[26] not in codes:
            err(w, "EventCode %r is no CAMEO code" % c[26])
        if c[27] != c[26][:3] or c[28] != c[26][:2]:
            err(w, "EventBaseCode/EventRootCode %r %r for %r" % (c[27], c[28], c[26]))
        if c[29] not in ("1", "2", "3", "4"):
            err(w, "QuadClass %r" % c[29])
        if c[30] and not is_real(c[30], -10, 10):
            err(w, "GoldsteinScale %r" % c[30])
        for k in (31, 32, 33):
            if not is_int(c[k], 1):
                err(w, "column %d %r is not a count" % (k + 1, c[k]))
        for a, t in ((5, 7), (15, 17)):
            if c[a] and not re.match(r"^[A-Z0-9]{3}", c[a]):
                err(w, "actor code %r" % c[a])
        if c[52]:
            if c[51] not in ("1", "2", "3", "4", "5"):
                err(w, "ActionGeo_Type %r for the named place %r" % (c[51], c[52]))
        elif c[51]:
            err(w, "ActionGeo_Type %r without a place" % c[51])
        if (c[56] or c[57]) and not (is_real(c[56], -90, 90) and is_real(c[57], -180, 180)):
            err(w, "ActionGeo_Lat/Long %r %r" % (c[56], c[57]))
        # FIPS 10-4: a 2-letter country code; ADM1 that code + the
        # division's; FeatureID a GeoNames id, or a country's FIPS code
        # (docs/formats.md, "GDELT geography"); all empty without a place
        geo = c[53:56] + [c[58]]
        if not c[52] and any(geo):
            err(w, "ActionGeo codes %r without a place" % geo)
        if c[53] and not re.match(r"^[A-Z]{2}$", c[53]):
            err(w, "ActionGeo_CountryCode %r is no FIPS 10-4 code" % c[53])
        if c[54] and not (c[53] and c[54].startswith(c[53]) and re.match(r"^[A-Z]{2}[A-Z0-9]*$", c[54])):
            err(w, "ActionGeo_ADM1Code %r for country %r" % (c[54], c[53]))
        if c[51] == "1" and c[53] and (c[54] != c[53] or c[58] != c[53]):
            err(w, "a country's ADM1Code and FeatureID are its code: %r %r %r" % (c[53], c[54], c[58]))
        if c[58] and c[51] != "1" and not is_int(c[58], 1):
            err(w, "ActionGeo_FeatureID %r is no GeoNames id" % c[58])
        if not TS14.match(c[59]):
            err(w, "DATEADDED %r" % c[59])
    return n


def check_mentions(text, err):
    n = 0
    for i, line in enumerate(text.splitlines(), 1):
        n += 1
        c = line.split("\t")
        w = "mentions row %d" % i
        if len(c) != 16:
            err(w, "%d columns, GDELT 2.0 mentions have 16" % len(c))
            continue
        if not is_int(c[0], 1):
            err(w, "GlobalEventID %r" % c[0])
        if not (TS14.match(c[1]) and TS14.match(c[2])):
            err(w, "EventTimeDate/MentionTimeDate %r %r" % (c[1], c[2]))
        if c[3] not in ("1", "2", "3", "4", "5", "6"):
            err(w, "MentionType %r" % c[3])
        if not c[5]:
            err(w, "MentionIdentifier empty")
        if not is_int(c[6], 1):
            err(w, "SentenceID %r" % c[6])
        for k in (7, 8, 9):
            if not is_int(c[k], -1):
                err(w, "offset column %d %r (GDELT writes -1 when absent)" % (k + 1, c[k]))
        if c[10] not in ("0", "1"):
            err(w, "InRawText %r" % c[10])
        if not is_int(c[11], 10, 100):
            err(w, "Confidence %r (10 to 100)" % c[11])
        if not is_int(c[12], 1):
            err(w, "MentionDocLen %r" % c[12])
    return n


def check_phoenix(text, err, codes):
    rows = text.splitlines()
    if not rows or len(rows[0].split("\t")) != 26:
        err("phoenix header", "26 columns expected")
        return 0
    for i, line in enumerate(rows[1:], 1):
        c = line.split("\t")
        w = "phoenix row %d" % i
        if len(c) != 26:
            err(w, "%d columns, not 26" % len(c))
            continue
        if not (DATE8.match(c[1]) and is_int(c[2], 1) and is_int(c[3], 1, 12) and is_int(c[4], 1, 31)):
            err(w, "one date needed: %r %r %r %r" % tuple(c[1:5]))
        if c[13] not in codes:
            err(w, "EventCode %r" % c[13])
        if c[15] not in ("0", "1", "2", "3", "4"):
            err(w, "PentaClass %r" % c[15])
    return len(rows) - 1


def check_csv(text, err, json_rows):
    rows = list(csv.reader(io.StringIO(text, newline="")))
    head = rows[0] if rows else []
    for need in ("id", "event_date", "event_day", "source", "target", "code", "source_url"):
        if need not in head:
            err("csv header", "no %s column" % need)
    for i, r in enumerate(rows[1:], 1):
        if len(r) != len(head):
            err("csv row %d" % i, "%d fields, header has %d" % (len(r), len(head)))
            continue
        d = dict(zip(head, r))
        if d["event_date"] and not (EVENT_DATE.match(d["event_date"]) and DAY.match(d["event_day"])):
            err("csv row %d" % i, "event_date %r event_day %r" % (d["event_date"], d["event_day"]))
    if len(rows) - 1 != len(json_rows):
        err("csv", "%d rows, jsonl has %d" % (len(rows) - 1, len(json_rows)))
    return len(rows) - 1


def check_jsonl(text, err):
    out = []
    for i, line in enumerate(text.splitlines(), 1):
        try:
            r = json.loads(line)
        except ValueError as e:
            err("jsonl line %d" % i, "not JSON: %s" % e)
            continue
        out.append(r)
        for k, v in r.items():
            if v == "":
                err("jsonl line %d" % i, "%s is \"\": absent values are null" % k)
        if not isinstance(r.get("id"), int) or not isinstance(r.get("quad"), int):
            err("jsonl line %d" % i, "id and quad must be numbers")
    return out


def check_plover(text, err, codes, ref, n_events):
    types, modes, contexts, keys, actor_keys = ref
    dyad_keys = {"dateInterval", "cameo", "url", "docId", "sentence", "polarity", "modality",
                 "numMentions", "numSources", "numArticles", "publication", "language"}
    n = 0
    for i, line in enumerate(text.splitlines(), 1):
        n += 1
        w = "plover line %d" % i
        try:
            r = json.loads(line)
        except ValueError as e:
            err(w, "not JSON: %s" % e)
            continue
        if keys:
            extra = set(r) - keys - dyad_keys
            if extra:
                err(w, "fields neither PLOVER's nor dyad's: %s" % sorted(extra))
        if r.get("event") not in types:
            err(w, "event %r is no PLOVER type" % r.get("event"))
        if r.get("mode") is not None and r["mode"] not in modes:
            err(w, "mode %r not in the crosswalk" % r["mode"])
        if r.get("context") is not None and r["context"] not in contexts:
            err(w, "context %r not in the crosswalk" % r["context"])
        if r.get("cameo") not in codes:
            err(w, "cameo %r" % r.get("cameo"))
        elif codes[r["cameo"]][4] and codes[r["cameo"]][4] != r["event"]:
            err(w, "event %r but CAMEO %s maps to %r" % (r["event"], r["cameo"], codes[r["cameo"]][4]))
        if not (isinstance(r.get("date"), str) and DAY.match(r["date"])):
            err(w, "date %r" % r.get("date"))
        if r.get("polarity") not in ("asserted", "negated", "refused"):
            err(w, "polarity %r" % r.get("polarity"))
        if r.get("modality") not in ("actual", "intended", "possible", "reported"):
            err(w, "modality %r" % r.get("modality"))
        for side in ("source", "target"):
            lst = r.get(side)
            if not isinstance(lst, list):
                err(w, "%s is not a list" % side)
                continue
            for a in lst:
                if not isinstance(a, dict) or not a.get("code"):
                    err(w, "%s entry %r" % (side, a))
                elif actor_keys and set(a) - actor_keys - {"country"}:
                    err(w, "%s fields %s" % (side, sorted(set(a) - actor_keys)))
        for k, v in r.items():
            if v == "":
                err(w, "%s is \"\": absent values are null" % k)
    if n > n_events:
        err("plover", "%d records for %d events" % (n, n_events))
    return n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dyad", default=os.path.join(ROOT, "build", "dyad"))
    ap.add_argument("--plover", default=os.path.join(ROOT, "..", "shared", "data", "plover"))
    ap.add_argument("db")
    a = ap.parse_args()
    codes, types, modes, contexts = cameo_table()
    if os.path.exists(os.path.join(a.plover, "PLOVER_GSR_CAMEO.json")):
        ref = plover_reference(a.plover)
        src = "PLOVER material in %s" % a.plover
    else:
        ref = (types, modes, contexts, set(), set())
        src = "the crosswalk in data/cameo/codes.tsv (no PLOVER material found)"
    mpath = a.db + ".mentions.tsv"
    bad = 0
    results = []
    err = Errors()
    n = check_gdelt(export(a.dyad, a.db, "--format", "gdelt", "--mentions", mpath), err, codes)
    with open(mpath, encoding="utf-8") as f:
        nm = check_mentions(f.read(), err)
    os.remove(mpath)
    results.append(("gdelt", "%d events, %d mentions" % (n, nm), err))
    err = Errors()
    results.append(("phoenix", "%d events" % check_phoenix(export(a.dyad, a.db, "--format", "phoenix"), err, codes), err))
    err = Errors()
    jrows = check_jsonl(export(a.dyad, a.db, "--format", "jsonl"), err)
    results.append(("jsonl", "%d events" % len(jrows), err))
    err = Errors()
    results.append(("csv", "%d events" % check_csv(export(a.dyad, a.db, "--format", "csv"), err, jrows), err))
    err = Errors()
    np = check_plover(export(a.dyad, a.db, "--format", "plover"), err, codes, ref, len(jrows))
    results.append(("plover", "%d events, checked against %s" % (np, src), err))
    for name, what, e in results:
        if e.list:
            bad += 1
            print("FAIL %s: %s; %d errors:" % (name, what, len(e.list)))
            for line in e.shown():
                print("  " + line)
        else:
            print("ok %s: %s" % (name, what))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
