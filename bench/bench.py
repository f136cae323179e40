#!/usr/bin/env python3
"""bench.py - dyad's throughput benchmark: measure, compare, print a table.

Called by bench/run.sh after the build and the corpus (bench/corpus.py). On
the same corpus bytes, with the page cache warm, it times:

  - baselines: `cat CORPUS` and `wc -w < CORPUS` (LC_ALL=C.UTF-8), the cost
    of merely reading the bytes and of a trivial pass over every word;
  - `dyad code -q CORPUS > /dev/null`, the whole pipeline;
  - `dyad ingest` into a fresh SQLite file, when `dyad ingest --help` exits 0;
  - start-up: the median wall time of 20 runs of `dyad code` on a one-sentence
    document (this loads the compiled lexicon), next to that of /bin/true.

Each timed command runs --runs times; the median wall time is reported, with
its CPU time and peak RSS (see measure.py). Counts come from dyad's closing
summary on stderr ("dyad code: N documents read, N coded, N skipped, N
events[, N sentences]"); when it gives no sentence count, sentences are
counted in an untimed pass of `dyad tokens` (one JSON line per sentence) on
one copy of the base articles, scaled exactly by the corpus's repetitions.

Figures: MB = 10^6 bytes; "MB/s/core" divides by CPU time (user + sys), not
wall time. --smoke checks that every step ran and every figure is a number
and exits 1 otherwise. Results are also written to bench/out/results.json.

Python 3 standard library only.
"""
import argparse
import json
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import measure  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SUMMARY = re.compile(r"dyad (\w+): (\d+) documents? read, (\d+) coded, "
                     r"(\d+) skipped, (\d+) (\w+)")
SENTENCES = re.compile(r"(\d+) sentences?\b")
ONE_SENTENCE = {"id": "bench-startup", "date": "2016-01-15", "lang": "fr",
                "text": "Le président français a condamné l'attaque contre l'ambassade de Russie."}
TARGETS = {"mb_s_core": 20.0, "sent_s": 100000.0, "rss_mb": 200.0, "startup_ms": 50.0}


class Failure(Exception):
    pass


def sh(cmd, **kw):
    """Output of a short command, or "" when it fails."""
    try:
        return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              timeout=30, cwd=REPO, **kw).stdout.decode("utf-8", "replace").strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def shown(path):
    """A path relative to the repository when inside it, else absolute."""
    path = os.path.abspath(path)
    rel = os.path.relpath(path, REPO)
    return path if rel.startswith("..") else rel


def machine(dyad, lex):
    cpu = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    mem = "%.1f GiB" % (int(line.split()[1]) / 1048576)
                    break
    except OSError:
        pass
    osname = platform.system()
    try:
        with open("/etc/os-release", encoding="utf-8") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    osname = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    head = sh(["git", "rev-parse", "--short", "HEAD"])
    dirty = sh(["git", "status", "--porcelain", "--untracked-files=no"])
    return {
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu": cpu or platform.processor() or "unknown",
        "memory": mem or "unknown",
        "os": "%s, Linux %s" % (osname, platform.release()) if platform.system() == "Linux" else osname,
        "cc": sh(["cc", "--version"]).split("\n")[0],
        "dyad": (sh([dyad, "--version"]) or "unknown") + " (%s)" % shown(dyad),
        "commit": (head + ("+uncommitted changes" if dirty else "")) if head else "unknown",
        "lexicon": ("%s, %d bytes" % (shown(lex), os.path.getsize(lex)))
        if lex and os.path.exists(lex) else "absent (%s)" % shown(lex),
        "loadavg": open("/proc/loadavg").read().split()[0] if os.path.exists("/proc/loadavg") else "?",
        "rss_method": "GNU time %M" if measure.have_gnu_time() else "os.wait4 ru_maxrss (includes runner's ~10 MB)",
    }


def timed(name, cmd, runs, out, stdin=None, env=None, before=None, ok_rc=(0,)):
    """Run cmd `runs` times; keep the median run. Raises Failure on a bad exit."""
    results = []
    err = os.path.join(out, "stderr-%s.txt" % name)
    for _ in range(runs):
        if before:
            before()
        r = measure.run(cmd, stdin=stdin, stderr=err, env=env,
                        rss_file=os.path.join(out, "rss.txt"))
        if r["rc"] not in ok_rc:
            with open(err, encoding="utf-8", errors="replace") as f:
                tail = f.read()[-800:]
            raise Failure("%s: exit %d: %s\n%s" % (name, r["rc"], " ".join(cmd), tail))
        results.append(r)
    results.sort(key=lambda r: r["wall_s"])
    med = dict(results[len(results) // 2])
    med["runs"] = runs
    med["walls"] = [r["wall_s"] for r in results]
    med["maxrss_kb"] = max(r["maxrss_kb"] for r in results)
    with open(err, encoding="utf-8", errors="replace") as f:
        med["stderr"] = f.read()
    return med


def parse_summary(text, what="events"):
    """Counts from dyad's closing summary line ("dyad CMD: N documents read,
    N coded, N skipped, N WHAT[, N sentences]"), or None."""
    found = None
    for line in text.splitlines():
        m = SUMMARY.search(line)
        if m:
            found = {"documents": int(m.group(2)), "coded": int(m.group(3)),
                     "skipped": int(m.group(4))}
            found[m.group(6) if m.group(6) != "event" else "events"] = int(m.group(5))
            if m.group(6) == "sentence":
                found["sentences"] = int(m.group(5))
            s = SENTENCES.search(line[m.end():])
            if s:
                found["sentences"] = int(s.group(1))
    return found


def count_lines_of(cmd, env=None):
    """Run cmd, stream its stdout, return (rc, sentences seen, stderr)."""
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         stdin=subprocess.DEVNULL, env=env)
    n = 0
    import threading
    err = []
    t = threading.Thread(target=lambda: err.append(p.stderr.read()))
    t.start()
    for line in p.stdout:
        if not line.strip():
            continue
        # One JSON line per sentence; a line holding a "sentences" array (one
        # line per document) counts its sentences.
        try:
            obj = json.loads(line)
        except ValueError:
            n += 1
            continue
        if isinstance(obj, dict) and isinstance(obj.get("sentences"), list):
            n += len(obj["sentences"])
        else:
            n += 1
    rc = p.wait()
    t.join()
    return rc, n, err[0].decode("utf-8", "replace") if err else ""


def count_events(cmd):
    """Run cmd and count the non-empty lines of its stdout (one event per line)."""
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         stdin=subprocess.DEVNULL)
    n = 0
    import threading
    err = []
    t = threading.Thread(target=lambda: err.append(p.stderr.read()))
    t.start()
    for line in p.stdout:
        if line.strip():
            n += 1
    rc = p.wait()
    t.join()
    return rc, n, err[0].decode("utf-8", "replace") if err else ""


def input_flag(dyad, cmd):
    """["--input", "jsonl"] when `dyad CMD --help` documents --input."""
    h = sh([dyad, cmd, "--help"])
    return ["--input", "jsonl"] if "--input" in h else []


def store_size(res, key, db, input_bytes):
    """The store's size after a run (the file with its WAL, as left on disk)
    against the input's, into res["store"][key]."""
    total = 0
    for suffix in ("", "-wal"):
        try:
            total += os.path.getsize(db + suffix)
        except FileNotFoundError:
            pass
    res.setdefault("store", {})[key] = {"bytes": total, "x_input": total / input_bytes}


def threads_flag(dyad, cmd, n=1):
    """["-j", "N"] when `dyad CMD --help` documents --threads (its default is
    every core, so the one-core figures ask for one thread)."""
    h = sh([dyad, cmd, "--help"])
    return ["-j", str(n)] if "--threads" in h else []


def sentence_count(dyad, corpus, meta, out):
    """Sentences in the corpus, from `dyad tokens` on one copy of the base set."""
    flag = input_flag(dyad, "tokens")
    n_base = meta["base_documents"]
    passes = meta["full_passes"]
    tail = meta["last_pass_documents"]
    base = os.path.join(out, "base.jsonl")
    part = os.path.join(out, "tail.jsonl")
    with open(corpus, "rb") as f, open(base, "wb") as fb, open(part, "wb") as fp:
        for i, line in enumerate(f):
            if i < tail:
                fp.write(line)
            if i < n_base:
                fb.write(line)
            else:
                break
    total = 0
    for path, mult in ((base, passes), (part, 1)):
        if mult == 0 or os.path.getsize(path) == 0:
            continue
        rc, n, err = count_lines_of([dyad, "tokens"] + flag + [path])
        if rc not in (0, 3):
            raise Failure("dyad tokens: exit %d\n%s" % (rc, err[-800:]))
        summ = parse_summary(err)
        if summ and summ.get("sentences") is not None:
            n = summ["sentences"]  # its own count, if it gives one
        total += mult * n
    return total


def fmt(x, unit=""):
    if x is None:
        return "-"
    if isinstance(x, str):
        return x
    if isinstance(x, int):
        return "{:,}".format(x)
    if x >= 100:
        s = "{:,.0f}".format(x)
    elif x >= 10:
        s = "%.1f" % x
    else:
        s = "%.2f" % x
    return s + unit


def main():
    ap = argparse.ArgumentParser(description="dyad throughput benchmark (use bench/run.sh).")
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--dyad", default=os.environ.get("DYAD", os.path.join(REPO, "build", "dyad")))
    ap.add_argument("--runs", type=int, default=3, help="timed runs per command (median kept)")
    ap.add_argument("--startup-runs", type=int, default=20)
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--command", default="bench/run.sh", help="the command line to print")
    a = ap.parse_args()
    out = os.path.dirname(os.path.abspath(a.corpus))
    dyad = a.dyad
    with open(a.corpus + ".meta.json", encoding="utf-8") as f:
        meta = json.load(f)
    size = os.path.getsize(a.corpus)
    ndocs = meta["documents"]
    lex = os.environ.get("DYAD_LEXICON") or os.path.join(os.path.dirname(os.path.abspath(dyad)), "dyad.lex")
    info = machine(dyad, lex)
    problems = []
    notes = []

    # Warm the page cache so every command reads the same cached bytes.
    with open(a.corpus, "rb") as f:
        while f.read(1 << 20):
            pass

    rows = []
    res = {"machine": info, "corpus": dict(meta, bytes=size), "runs": a.runs, "rows": rows}

    def add(name, r, docs=None, sents=None, events=None):
        cpu = r["user_s"] + r["sys_s"]
        row = {"name": name, "wall_s": r["wall_s"], "cpu_s": cpu, "maxrss_kb": r["maxrss_kb"],
               "mb_s": size / 1e6 / r["wall_s"] if r["wall_s"] > 0 else None,
               "mb_s_core": size / 1e6 / cpu if cpu > 0 else None,
               "docs_s": docs / r["wall_s"] if docs is not None and r["wall_s"] > 0 else None,
               "sent_s": sents / r["wall_s"] if sents is not None and r["wall_s"] > 0 else None,
               "events_s": events / r["wall_s"] if events is not None and r["wall_s"] > 0 else None,
               "rc": r["rc"], "walls": r["walls"]}
        rows.append(row)
        return row

    try:
        env_c = dict(os.environ, LC_ALL="C.UTF-8")
        add("cat", timed("cat", ["cat", a.corpus], a.runs, out))
        wc = add("wc -w", timed("wc", ["wc", "-w"], a.runs, out, stdin=a.corpus, env=env_c))

        code_cmd = [dyad, "code", "-q"] + input_flag(dyad, "code") + threads_flag(dyad, "code") + [a.corpus]
        r = timed("code", code_cmd, a.runs, out, ok_rc=(0, 3))
        summ = parse_summary(r["stderr"])
        if summ is None:
            # -q may silence the summary: one untimed run without it.
            rc, nev, err = count_events([c for c in code_cmd if c != "-q"])
            summ = parse_summary(err)
            if summ is None:
                problems.append("dyad code printed no summary line "
                                "('dyad code: N documents read, N coded, N skipped, N events')")
                summ = {"documents": None, "coded": None, "skipped": None, "events": nev}
            else:
                notes.append("counts from an untimed run of dyad code without -q (-q silences the summary)")
        if summ.get("documents") is not None and summ["documents"] != ndocs:
            problems.append("dyad code read %s documents, the corpus holds %d" % (summ["documents"], ndocs))
        if summ.get("skipped"):
            notes.append("dyad code skipped %d documents" % summ["skipped"])
        if summ.get("sentences") is not None:
            sents = summ["sentences"]
            sent_src = "dyad code summary"
        else:
            sents = sentence_count(dyad, a.corpus, meta, out)
            sent_src = "dyad tokens (untimed pass)"
        res["counts"] = dict(summ, sentences=sents, sentences_from=sent_src, corpus_documents=ndocs)
        code = add("dyad code", r, docs=summ.get("documents") if summ.get("documents") is not None else ndocs,
                   sents=sents, events=summ.get("events"))
        code["ratio_wc"] = wc["wall_s"] / code["wall_s"] if code["wall_s"] > 0 else None

        # dyad code on every core, against one thread (the same output).
        ncpu = os.cpu_count() or 1
        if ncpu > 1 and threads_flag(dyad, "code"):
            jn_cmd = [dyad, "code", "-q"] + input_flag(dyad, "code") + threads_flag(dyad, "code", ncpu) + [a.corpus]
            jn = add("dyad code -j %d" % ncpu, timed("code-jN", jn_cmd, a.runs, out, ok_rc=(0, 3)),
                     docs=summ.get("documents") or ndocs, sents=sents, events=summ.get("events"))
            jn["ratio_wc"] = wc["wall_s"] / jn["wall_s"] if jn["wall_s"] > 0 else None
            res["threads_speedup"] = code["wall_s"] / jn["wall_s"] if jn["wall_s"] > 0 else None
            notes.append("dyad code -j %d: %.2fx the wall-clock throughput of -j 1"
                         % (ncpu, res["threads_speedup"] or 0))

        # dyad ingest, once it exists.
        ing = subprocess.run([dyad, "ingest", "--help"], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL)
        if ing.returncode == 0:
            db = os.path.join(out, "bench.db")

            def fresh_db():
                for suffix in ("", "-wal", "-shm", "-journal"):
                    try:
                        os.unlink(db + suffix)
                    except FileNotFoundError:
                        pass
            h = ing.stdout.decode("utf-8", "replace")
            # Not -q: its summary says how many documents were really stored.
            # stderr is not a terminal, so no progress is drawn.
            ing_cmd = [dyad, "ingest"] + (["--input", "jsonl"] if "--input" in h else [])
            ing_cmd += threads_flag(dyad, "ingest")
            ing_cmd += (["--db", db] if "--db" in h else [])
            ing_cmd += [a.corpus]
            r = timed("ingest", ing_cmd, a.runs, out, before=fresh_db, ok_rc=(0, 3))
            s2 = parse_summary(r["stderr"]) or {}
            m = re.search(r"(\d+) documents? added, (\d+) stored already", r["stderr"])
            if m:
                res["ingest"] = {"added": int(m.group(1)), "present": int(m.group(2)),
                                 "db_bytes": os.path.getsize(db) if os.path.exists(db) else None}
                if int(m.group(1)) != ndocs:
                    notes.append("dyad ingest stored %s of %d documents (%s already stored)"
                                 % (m.group(1), ndocs, m.group(2)))
            row = add("dyad ingest", r, docs=s2.get("documents") or ndocs, sents=sents,
                      events=s2.get("events"))
            row["ratio_wc"] = wc["wall_s"] / row["wall_s"] if row["wall_s"] > 0 else None
            store_size(res, "ingest", db, size)
            fresh_db()
            # ingest on every core (issue 18: within 20% of dyad code -j N)
            if ncpu > 1 and threads_flag(dyad, "ingest"):
                ing_j = [c for c in ing_cmd]
                k = ing_j.index("-j") if "-j" in ing_j else -1
                if k >= 0:
                    ing_j[k + 1] = str(ncpu)
                    r = timed("ingest-jN", ing_j, a.runs, out, before=fresh_db, ok_rc=(0, 3))
                    row = add("dyad ingest -j %d" % ncpu, r, docs=s2.get("documents") or ndocs,
                              sents=sents, events=s2.get("events"))
                    row["ratio_wc"] = wc["wall_s"] / row["wall_s"] if row["wall_s"] > 0 else None
                    store_size(res, "ingest_jN", db, size)
                    jn = next((x for x in rows if x["name"] == "dyad code -j %d" % ncpu), None)
                    if jn and row["wall_s"] > 0:
                        res["ingest_vs_code_jN"] = row["wall_s"] / jn["wall_s"]
                        notes.append("dyad ingest -j %d: %.2fx the wall time of dyad code -j %d"
                                     % (ncpu, res["ingest_vs_code_jN"], ncpu))
                    fresh_db()
        else:
            notes.append("ingest: not available yet")

        # Start-up: one sentence, lexicon loaded.
        one = os.path.join(out, "one-sentence.jsonl")
        with open(one, "w", encoding="utf-8") as f:
            f.write(json.dumps(ONE_SENTENCE, ensure_ascii=False) + "\n")
        st = timed("startup", [dyad, "code", "-q"] + input_flag(dyad, "code") + [one],
                   a.startup_runs, out, ok_rc=(0, 3))
        tr = timed("true", ["true"], a.startup_runs, out)
        res["startup"] = {"median_ms": statistics.median(st["walls"]) * 1e3,
                          "min_ms": min(st["walls"]) * 1e3, "runs": a.startup_runs,
                          "maxrss_kb": st["maxrss_kb"],
                          "true_median_ms": statistics.median(tr["walls"]) * 1e3}
    except Failure as e:
        problems.append(str(e))

    res["problems"] = problems
    res["notes"] = notes
    with open(os.path.join(out, "results.json"), "w", encoding="utf-8") as f:
        json.dump(res, f, indent=1)
        f.write("\n")

    if a.smoke:
        for row in rows:
            for k in ("wall_s", "cpu_s", "mb_s", "maxrss_kb"):
                v = row.get(k)
                if not isinstance(v, (int, float)) or not math.isfinite(v) or v < 0:
                    problems.append("%s: %s is not a number: %r" % (row["name"], k, v))
            for k in ("docs_s", "sent_s", "events_s"):
                if row["name"].startswith("dyad code"):
                    v = row.get(k)
                    if not isinstance(v, (int, float)) or not math.isfinite(v) or v < 0:
                        problems.append("%s: %s is not a number: %r" % (row["name"], k, v))
        if not any(r["name"] == "dyad code" for r in rows):
            problems.append("dyad code was not measured")
        st = res.get("startup", {}).get("median_ms")
        if not isinstance(st, float) or not math.isfinite(st):
            problems.append("start-up time was not measured")
        if res.get("counts", {}).get("sentences", 0) == 0 and not problems:
            problems.append("no sentences counted in a %d-document corpus" % ndocs)

    report(res, a, size, ndocs)
    for k, v in sorted(res.get("store", {}).items()):
        print("store after %s: %.1f MB, %.2fx the input" % (k.replace("_jN", " -j N"),
                                                         v["bytes"] / 1e6, v["x_input"]))
    for n in notes:
        print(n if n.startswith("ingest:") else "note: " + n, file=sys.stderr)
    for p in problems:
        print("bench: FAIL: " + p, file=sys.stderr)
    return 1 if problems else 0


def report(res, a, size, ndocs):
    info = res["machine"]
    rows = res["rows"]
    st = res.get("startup")
    meta = res["corpus"]
    langs = ", ".join("%s %d" % kv for kv in sorted(meta["languages"].items()))
    cols = [("command", "name", ""), ("wall s", "wall_s", ""), ("cpu s", "cpu_s", ""),
            ("MB/s", "mb_s", ""), ("MB/s/core", "mb_s_core", ""), ("docs/s", "docs_s", ""),
            ("sent/s", "sent_s", ""), ("events/s", "events_s", ""),
            ("peak RSS MB", "rss", ""), ("x wc -w", "ratio", "")]
    table = []
    for r in rows:
        table.append([r["name"], fmt(r["wall_s"]), fmt(r["cpu_s"]), fmt(r["mb_s"]), fmt(r["mb_s_core"]),
                      fmt(r["docs_s"]), fmt(r["sent_s"]), fmt(r["events_s"]),
                      fmt(r["maxrss_kb"] / 1024), fmt(r["ratio_wc"]) if r.get("ratio_wc") else "-"])
    counts = res.get("counts", {})
    if a.markdown:
        print("Machine: %d CPUs (%s), %s RAM, %s; %s; load average %s at start."
              % (info["nproc"], info["cpu"], info["memory"], info["os"], info["cc"], info["loadavg"]))
        print("dyad: `%s`, commit `%s`, lexicon: %s. Peak RSS via %s.\n"
              % (info["dyad"], info["commit"], info["lexicon"], info["rss_method"]))
        print("Command: `%s`\n" % a.command)
        print("Corpus: %.1f MB, %d documents (%s), %s sentences (counted by %s), %s events; "
              "median of %d runs, warm page cache.\n"
              % (size / 1e6, ndocs, langs, fmt(counts.get("sentences")),
                 counts.get("sentences_from", "-"), fmt(counts.get("events")), res["runs"]))
        print("| " + " | ".join(c[0] for c in cols) + " |")
        print("|" + "|".join(["---"] + ["---:"] * (len(cols) - 1)) + "|")
        for t in table:
            print("| " + " | ".join(["`%s`" % t[0]] + t[1:]) + " |")
        if st:
            print("\nStart-up (`dyad code` on one sentence, lexicon loaded): median %.1f ms "
                  "(min %.1f ms) over %d runs, peak RSS %.1f MB; `/bin/true` measured the same way: %.1f ms."
                  % (st["median_ms"], st["min_ms"], st["runs"], st["maxrss_kb"] / 1024, st["true_median_ms"]))
    else:
        print("dyad benchmark  %s  commit %s  lexicon %s" % (info["dyad"], info["commit"], info["lexicon"]))
        print("machine: %d CPUs, %s, %s, %s, load %s" % (info["nproc"], info["cpu"], info["memory"],
                                                       info["os"], info["loadavg"]))
        print("corpus: %s  %.1f MB  %d docs (%s)  %s sentences (%s)  %s events  median of %d runs"
              % (a.corpus, size / 1e6, ndocs, langs, fmt(counts.get("sentences")),
                 counts.get("sentences_from", "-"), fmt(counts.get("events")), res["runs"]))
        head = [c[0] for c in cols]
        widths = [max(len(head[i]), *(len(t[i]) for t in table)) if table else len(head[i])
                  for i in range(len(cols))]
        line = lambda cells: "  ".join(c.ljust(widths[0]) if i == 0 else c.rjust(widths[i])
                                       for i, c in enumerate(cells))
        print(line(head))
        for t in table:
            print(line(t))
        if st:
            print("start-up: median %.1f ms (min %.1f) over %d runs of dyad code on one sentence, "
                  "peak RSS %.1f MB; /bin/true %.1f ms"
                  % (st["median_ms"], st["min_ms"], st["runs"], st["maxrss_kb"] / 1024, st["true_median_ms"]))
        code = next((r for r in rows if r["name"] == "dyad code"), None)
        if code:
            print("targets: %s MB/s/core >= %g | %s sent/s >= %g | %s MB RSS <= %g | %s ms start-up < %g | TABARI ~2 MB/s"
                  % (fmt(code["mb_s_core"]), TARGETS["mb_s_core"], fmt(code["sent_s"]), TARGETS["sent_s"],
                     fmt(code["maxrss_kb"] / 1024), TARGETS["rss_mb"],
                     fmt(st["median_ms"]) if st else "-", TARGETS["startup_ms"]))


if __name__ == "__main__":
    sys.exit(main())
