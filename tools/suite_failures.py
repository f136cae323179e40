#!/usr/bin/env python3
"""suite_failures.py - which TABARI and PETRARCH2 test records dyad fails, and why.

Runs `dyad eval --json` on the TABARI validation suite and the PETRARCH2
unit tests (a suite whose file is absent is reported as such) and writes a
Markdown report: per suite, the share of records fully correct (every
expected event found, no false alarm, must_not hits counted as false
alarms; lenient and strict as in docs/ACCURACY.md), a table per feature
category (records, fully correct, failing, and the failing records' errors
by kind), then every failing record grouped by category with a short
reason per error, derived from `dyad eval`'s per-record error list:

- "missed 064 GON->OSG": an expected event nothing matched;
- "extra 012 DAGGOV->GON (rule R)": a produced event the gold does not have;
- "forbidden ...": a produced event the gold names in must_not;
- "wrong code 094 for 095", "wrong source ARN for ARNGOV", "wrong target
  ...", "reversed ...": a miss and a false alarm of the same record that
  differ in that one respect (leniently), or an event matched leniently but
  not strictly (the full codes differ).

A record's category is the one `dyad eval` reports (PETRARCH's category
attribute, the letters before the first '-' of a TABARI id), else the
letters before the first '-' of its id. `*` stands for an actor the gold
leaves open.

usage: python3 tools/suite_failures.py [--dyad PATH] [--data DIR]
           [--out FILE] [--summary] [--date D] [--commit C]
--out (default docs/SUITE_FAILURES.md, "-" for stdout) receives the full
report; --summary prints a shorter section for docs/ACCURACY.md on stdout
(tools/accuracy.sh appends it), linking to the full report.
Standard library only. Exit status 0, 1 when dyad eval fails on a suite,
2 when dyad is missing.
"""
import argparse
import collections
import datetime
import json
import os
import re
import signal
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# name, path under the data folder
SUITES = (
    ("TABARI validation suite", "tabari-validation/Validate.text"),
    ("PETRARCH2 unit tests", "petrarch2/text/PETR.UnitTest.records.xml"),
)

# error classes counted per category
CLASSES = ("missed", "extra", "wrong code", "wrong actor")


# ------------------------------------------------------------------------
# Running dyad
# ------------------------------------------------------------------------

def run_eval(dyad, path):
    """dyad eval --json on one suite: the parsed report, or an error text"""
    p = subprocess.run([dyad, "eval", "-q", "--json", path], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, universal_newlines=True)
    # 3: some malformed records were skipped, the report is still whole
    if p.returncode not in (0, 3):
        err = p.stderr.strip().splitlines()
        return None, "dyad eval failed (exit %d): %s" % (p.returncode, err[-1] if err else "no message")
    try:
        return json.loads(p.stdout), None
    except ValueError:
        return None, "dyad eval printed no JSON report"


def git_commit():
    try:
        c = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, universal_newlines=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               universal_newlines=True).stdout.strip()
    except OSError:
        return "unknown"
    return (c or "unknown") + (" (with uncommitted changes)" if dirty else "")


# ------------------------------------------------------------------------
# Reasons
# ------------------------------------------------------------------------

def open_country(a):
    return a.startswith("---") or a.startswith("~")


def actor_lenient(g, p):
    """the scorer's lenient actor test: 3-letter prefixes; open gold matches all"""
    if g is None or open_country(g):
        return True
    return p is not None and g[:3] == p[:3]


def actor_strict(g, p):
    if g is None:
        return True
    if p is None:
        return False
    if open_country(g):
        return p[3:] == (g[1:] if g.startswith("~") else g[3:])
    return g == p


def label(ev):
    """the code (or PLOVER type) of an event"""
    return ev.get("code") or ev.get("plover") or "?"


def code_lenient(g, p):
    if g.get("code"):
        pr = (p.get("code") or "")[:2]
        return any(alt[:2] == pr for alt in g["code"].split("/"))
    return bool(g.get("plover")) and (p.get("plover") or "").upper() == g["plover"].upper()


def code_strict(g, p):
    if g.get("code"):
        return p.get("code") in g["code"].split("/")
    return code_lenient(g, p)


def actor(a):
    return a if a else "*"


def event(ev):
    """an event as `CODE SOURCE->TARGET` (Markdown code)"""
    return "`%s %s->%s`" % (label(ev), actor(ev.get("source")), actor(ev.get("target")))


def rule(ev):
    return " (rule %s)" % ev["rule"] if ev.get("rule") else ""


def differences(exp, prod, strict):
    """(class, text) for each respect in which prod is not exp"""
    same_actor = actor_strict if strict else actor_lenient
    same_code = code_strict if strict else code_lenient
    out = []
    if not same_code(exp, prod):
        out.append(("wrong code", "wrong code `%s` for `%s`" % (label(prod), label(exp))))
    for role in ("source", "target"):
        if not same_actor(exp.get(role), prod.get(role)):
            out.append(("wrong actor", "wrong %s `%s` for `%s`" % (role, actor(prod.get(role)),
                                                                    actor(exp.get(role)))))
    return out


def wrong(diffs, prod):
    """one reason for an event wrong in the respects diffs"""
    return ([c for c, _ in diffs], "%s: %s%s" % (", ".join(t for _, t in diffs), event(prod), rule(prod)))


def reversed_pair(exp, prod):
    return (code_lenient(exp, prod) and exp.get("source") and exp.get("target")
            and actor_lenient(exp["source"], prod.get("target"))
            and actor_lenient(exp["target"], prod.get("source")))


def reasons(rec):
    """[(classes, text)], one per error or per paired miss and false alarm"""
    errs = rec.get("errors", [])
    misses = [e for e in errs if e["kind"] == "miss"]
    alarms = [e for e in errs if e["kind"] == "false-alarm"]
    out = []
    # a miss and a false alarm that differ in one respect are one wrong event
    paired = set()
    for m in misses:
        exp = m["expected"]
        if m.get("produced"):       # code-only gold: the best event was wrong
            out.append(wrong(differences(exp, m["produced"], False) or [("wrong code", "wrong event")],
                             m["produced"]))
            continue
        for i, a in enumerate(alarms):
            if i in paired:
                continue
            prod = a["produced"]
            if reversed_pair(exp, prod):
                out.append((["wrong actor"], "reversed: %s for %s%s" % (event(prod), event(exp), rule(prod))))
                paired.add(i)
                break
            diffs = differences(exp, prod, False)
            if len(diffs) == 1:
                out.append(wrong(diffs, prod))
                paired.add(i)
                break
        else:
            out.append((["missed"], "missed %s" % event(exp)))
    for i, a in enumerate(alarms):
        if i not in paired:
            out.append((["extra"], "extra %s%s" % (event(a["produced"]), rule(a["produced"]))))
    for e in errs:
        if e["kind"] == "must-not":
            out.append((["extra"], "forbidden %s%s (must_not %s)" % (
                event(e["produced"]), rule(e["produced"]), event(e["expected"]))))
        elif e["kind"] == "inexact":
            out.append(wrong(differences(e["expected"], e["produced"], True) or [("wrong code", "inexact")],
                             e["produced"]))
    if not out:
        out.append(([], "the lenient and strict pairings differ (%s)" % levels(rec)))
    return out


def levels(rec):
    if rec.get("lenient_correct"):
        return "strict only"
    if rec.get("strict_correct"):
        return "lenient only"
    return ""


def category(rec):
    """dyad's category, else the letters before the '-' of the id's first
    word that starts with a letter (as dyad reads TABARI ids)"""
    if rec.get("category"):
        return rec["category"]
    m = re.match(r"(?:[^A-Za-z ][^ ]* +)*([A-Za-z]+)-", rec["id"])
    return m.group(1) if m else "(none)"


# ------------------------------------------------------------------------
# Markdown
# ------------------------------------------------------------------------

def md(s):
    """plain text safe in Markdown running text"""
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", s)


def pct(n, d):
    return "%.1f%% (%d/%d)" % (100.0 * n / d, n, d) if d else "n/a (0/0)"


def share_line(o):
    rc = o["records_correct"]
    return "records fully correct: lenient **%s**, strict **%s**" % (
        pct(rc["lenient"], rc["records"]), pct(rc["strict"], rc["records"]))


def analyse(o):
    """per category: counts and the failing records with their reasons"""
    cats = collections.OrderedDict()
    for name, c in sorted(o.get("per_category", {}).items()):
        cats[name] = {"records": c["records"], "lenient": c["lenient"], "strict": c["strict"],
                      "failing": [], "classes": collections.Counter()}
    for rec in o["failing_records"]:
        name = category(rec)
        if name not in cats:        # a record without a category dyad knows
            cats[name] = {"records": None, "lenient": None, "strict": None,
                          "failing": [], "classes": collections.Counter()}
        rs = reasons(rec)
        cats[name]["failing"].append((rec, rs))
        for classes, _ in rs:
            for cls in set(classes):
                cats[name]["classes"][cls] += 1
    return cats


def category_table(cats):
    rows = ["| category | records | fully correct, lenient | fully correct, strict | failing | "
            + " | ".join(CLASSES) + " |",
            "|---|---:|---:|---:|---:|" + "---:|" * len(CLASSES)]
    for name, c in cats.items():
        if c["records"] is None:
            counts = ["?", "?", "?"]
        else:
            counts = [str(c["records"]), "%d (%.0f%%)" % (c["lenient"], 100.0 * c["lenient"] / c["records"]),
                      "%d (%.0f%%)" % (c["strict"], 100.0 * c["strict"] / c["records"])]
        rows.append("| %s | %s | %d | %s |" % (name, " | ".join(counts), len(c["failing"]),
                                               " | ".join(str(c["classes"][k] or "") for k in CLASSES)))
    return "\n".join(rows) + "\n"


def targets_line(o):
    """the measures issue #6 sets: expected events found, extra events (false
    alarms) as a share of the expected events; events without a target are
    not scored (PETRARCH's require_dyad) and are counted apart"""
    g = o["gold_events"]
    le, st = o["lenient"], o["strict"]
    return ("expected events found: lenient **%s**, strict **%s**; extra events (false alarms): "
            "lenient **%s**, strict **%s** of the expected; produced events without a target, "
            "not scored: %d" % (pct(le["tp"], g), pct(st["tp"], g), pct(le["fp"], g),
                                pct(st["fp"], g), o.get("untargeted_ignored", 0)))


def suite_head(name, path, o, err):
    if err:
        return "**%s** (`%s`): %s.\n" % (name, path, err)
    if o is None:
        return "**%s** (`%s`): absent.\n" % (name, path)
    return "**%s** (`%s`, %d records scored): %s; %s.\n" % (name, path, o["records"],
                                                              share_line(o), targets_line(o))


def duplicate_ids(o):
    n = collections.Counter(r["id"] for r in o["failing_records"])
    return sorted(k for k, v in n.items() if v > 1)


def full_report(results, day, commit, version):
    out = ["""# Failing records of the TABARI and PETRARCH2 suites

<!-- generated by tools/suite_failures.py, do not edit: run `sh tools/accuracy.sh` -->

- date: %s
- commit: %s
- %s

A record is *fully correct* when every event it expects is found and dyad
produces no false alarm (must_not hits count as false alarms); *lenient*
compares 3-letter actor prefixes and CAMEO roots, *strict* full codes, as in
[ACCURACY.md](ACCURACY.md). A record is listed below when it is not fully
correct at either level; "strict only" marks the records right leniently.

Each reason stands for one error of `dyad eval`, or for a missed and an
extra event of the same record read as one wrong event: *missed* (an
expected event nothing matched), *extra* (a produced event the gold does
not have; *forbidden* when the gold names it in must_not), *wrong code* /
*wrong source* / *wrong target* / *reversed* (a missed and an extra event
that differ in that one respect, leniently, or an event right leniently
whose full codes differ). `*` is an actor the gold leaves open; rules are
dyad's (`FILE:LINE` of the suite's dictionaries). The per-category table
counts these reasons by kind.
""" % (day, commit, version)]
    for name, path, o, err in results:
        out.append("\n## %s\n\n" % name)
        out.append(suite_head(name, path, o, err))
        if not o:
            continue
        cats = analyse(o)
        out.append("\n" + category_table(cats))
        dup = duplicate_ids(o)
        if dup:
            out.append("\nIds that name two failing records (told apart by their line): %s.\n"
                       % ", ".join("`%s`" % d for d in dup))
        for cname, c in cats.items():
            if not c["failing"]:
                continue
            out.append("\n### %s: %d failing%s\n\n" % (
                cname, len(c["failing"]), "" if c["records"] is None else " of %d" % c["records"]))
            for rec, rs in c["failing"]:
                lv = levels(rec)
                out.append("- `%s` (line %d%s): %s\n  - %s\n" % (
                    rec["id"], rec["line"], ", " + lv if lv else "",
                    "; ".join(t for _, t in rs), md(rec["text"])))
    return "".join(out)


def summary(results, link):
    out = ["""## Records fully correct: TABARI and PETRARCH2 suites

<!-- generated by tools/suite_failures.py --summary (appended by tools/accuracy.sh) -->

A record is fully correct when every event it expects is found and dyad
produces no false alarm (must_not hits included). Per feature category
(the suites' own grouping): records, fully correct, failing, and the
failing records' errors by kind. Every failing record, with the reason for
each error: [%s](%s).
""" % (link, link)]
    for name, path, o, err in results:
        out.append("\n" + suite_head(name, path, o, err))
        if o:
            out.append("\n" + category_table(analyse(o)))
    return "".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--dyad", default=os.environ.get("DYAD", os.path.join(ROOT, "build", "dyad")))
    ap.add_argument("--out", default=os.path.join(ROOT, "docs", "SUITE_FAILURES.md"),
                    help='the full report ("-": stdout)')
    ap.add_argument("--summary", action="store_true", help="print a docs/ACCURACY.md section")
    ap.add_argument("--date", help="the date to print (default: today, UTC)")
    ap.add_argument("--commit", help="the commit to print (default: git's)")
    args = ap.parse_args()
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)

    if not os.access(args.dyad, os.X_OK):
        print("suite_failures.py: %s not found; run make first" % args.dyad, file=sys.stderr)
        return 2
    day = args.date or datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    commit = args.commit or git_commit()
    version = subprocess.run([args.dyad, "--version"], stdout=subprocess.PIPE,
                             universal_newlines=True).stdout.strip()

    results, status = [], 0
    for name, rel in SUITES:
        path = os.path.join(args.data, rel)
        o, err = None, None
        if os.path.isfile(path):
            o, err = run_eval(args.dyad, path)
            if err:
                status = 1
                print("suite_failures.py: %s: %s" % (name, err), file=sys.stderr)
        results.append((name, rel, o, err))

    text = full_report(results, day, commit, version)
    if args.out == "-":
        sys.stdout.write(text)
    else:
        with open(args.out + ".tmp", "w", encoding="utf-8") as w:
            w.write(text)
        os.replace(args.out + ".tmp", args.out)
        print("suite_failures.py: wrote " + args.out, file=sys.stderr)
    if args.summary:
        link = os.path.basename(args.out) if args.out != "-" else "SUITE_FAILURES.md"
        sys.stdout.write(summary(results, link))
    return status


if __name__ == "__main__":
    sys.exit(main())
