#!/usr/bin/env python3
"""actor_recall.py - measure dyad's actor recognition on French Wikinews.

Runs `dyad actors --input jsonl --lang fr` once over every article of
../shared/data/winer-fr-wikinews (WiNER-fr: brat standoff `.ann` files that
mark Person / Location / Organization spans over the `.txt` articles; the
article date is in the file name, YYYY_MM_DD-NNN.txt) and reports:

- recall on country mentions: gold Location spans whose text is a country
  name of dyad's dictionaries (data/actors/countries*.tsv, lang fr or *;
  compared after case folding, accent stripping, ' and - as blanks, and a
  leading article dropped) that dyad finds as a mention overlapping the span
  with that country (the mention's `country`);
- recall on listed persons: gold Person spans whose text is a person phrase
  of data/actors/leaders*.tsv (lang fr or *, same normalisation) found as an
  overlapping mention with the code the entry has on the article's date
  (its role then, else its base code);
- overlap recall of all Location and Person spans (informative: dyad is no
  general named-entity recogniser; cities and regions it knows count);
- recall on organisations: gold Organization spans overlapped by a mention
  of kind `actor` (an organisation, its government or its country coded as
  an actor; a place mention does not count), with the most frequent misses;
- precision of the mentions on a fixed sample judged by hand (the 100
  mentions whose hash of seed, document and start is smallest),
  recorded in tools/actor_precision_sample.tsv (doc, span, text, code,
  judgement ok|wrong, note); `--sample-out FILE` prints the sample with its
  context for judging (rows already judged keep their judgement).

Offsets: the .ann offsets count characters (code points) of the UTF-8 .txt
file; dyad's spans count bytes of the same text. Gold spans are converted to
byte spans before they are compared.

usage: python3 tools/actor_recall.py [--markdown] [--misses N]
           [--sample-out FILE] [--data DIR] [--dyad PATH]
Standard library only. Exit status 0, or 2 when the corpus or dyad is missing.
"""
import argparse
import collections
import datetime
import glob
import hashlib
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE_SEED = 20240917
SAMPLE_SIZE = 100
SAMPLE_TSV = os.path.join(ROOT, "tools", "actor_precision_sample.tsv")
ORG_SAMPLE_TSV = os.path.join(ROOT, "tools", "actor_org_sample.tsv")
ORG_SAMPLE_SEED = 20261207
ARTICLES = ("le ", "la ", "les ", "l ", "the ")


def norm(s):
    """case, accents, apostrophes, hyphens, blanks and a leading article"""
    s = unicodedata.normalize("NFD", s.replace("\u2019", "'"))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[-'\s]+", " ", s).strip(" .")
    for a in ARTICLES:
        if s.startswith(a) and len(s) > len(a):
            s = s[len(a):]
            break
    return s


def read_tsv(pattern, kind):
    for path in sorted(glob.glob(os.path.join(ROOT, "data", "actors", pattern))):
        for line in open(path, encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            f = line.rstrip("\n").split("\t")
            if len(f) < 4 or f[0] != kind or f[1] not in ("fr", "*"):
                continue
            attrs = dict(kv.split("=", 1) for kv in (f[4].split(";") if len(f) > 4 and f[4] else [])
                         if "=" in kv)
            yield f[2], f[3], attrs


EXACT = set()      # dictionary phrases, case-folded, accents kept


def load_countries():
    names = collections.defaultdict(set)
    for phrase, code, _ in read_tsv("countries*.tsv", "country"):
        names[norm(phrase)].add(code)
        EXACT.add(phrase.replace("\u2019", "'").lower())
    return names


def cause(d, a, b, text, ov):
    """a first guess at why a gold span was missed"""
    raw = d["raw"]
    if ov:
        return "found with another code"
    if raw[a - 1:a] == b"-" or raw[b:b + 1] == b"-":
        return "inside a hyphenated compound"
    if re.sub(r"^(?:le|la|les|l')\s*", "", text)[:1].islower():
        return "lower-case initial"
    if text.replace("\u2019", "'").lower() not in EXACT:
        return "spelling not in the dictionary"
    return "other"


def load_persons():
    persons = collections.defaultdict(list)   # norm phrase -> [(code, roles)]
    for phrase, code, attrs in read_tsv("leaders*.tsv", "person"):
        EXACT.add(phrase.replace("\u2019", "'").lower())
        roles = []
        for r in attrs.get("roles", "").split(","):
            p = r.split(":")
            if len(p) == 3:
                roles.append((p[0], p[1] or "0000", p[2] or "9999"))
        persons[norm(phrase)].append((code, roles))
    return persons


def code_on(entry, date):
    """the code a person entry has on date (YYYY-MM-DD): the role whose
    interval [from, to) holds the date, else the base code"""
    code, roles = entry
    for c, a, b in roles:
        if a <= date < b:
            return c
    return code


def read_corpus(data):
    docs = []
    for txt in sorted(glob.glob(os.path.join(data, "*", "*", "*.txt"))):
        name = os.path.basename(txt)
        m = re.match(r"(\d{4})_(\d{2})_(\d{2})-\d+\.txt$", name)
        ann = txt[:-4] + ".ann"
        if not m or not os.path.exists(ann):
            continue
        text = open(txt, encoding="utf-8", newline="").read()
        # byte offset of every character offset (brat counts characters)
        b = [0]
        for ch in text:
            b.append(b[-1] + len(ch.encode("utf-8")))
        gold, bad = [], 0
        for line in open(ann, encoding="utf-8"):
            f = line.rstrip("\n").split("\t")
            if len(f) < 3 or not f[0].startswith("T"):
                continue
            typ, _, offs = f[1].partition(" ")
            frags = [tuple(map(int, x.split())) for x in offs.split(";")]
            s, e = frags[0][0], frags[-1][1]
            if len(frags) > 1 or text[s:e] != f[2]:
                bad += 1          # discontinuous or not matching its text
                continue
            gold.append((typ, b[s], b[e], f[2]))
        docs.append({"id": os.path.relpath(txt, data)[:-4],
                     "date": "%s-%s-%s" % m.groups(), "text": text,
                     "raw": text.encode("utf-8"), "gold": gold, "bad": bad})
    return docs


def run_dyad(dyad, docs):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8",
                                     delete=False) as t:
        for d in docs:
            t.write(json.dumps({"id": d["id"], "date": d["date"], "lang": "fr",
                                "text": d["text"]}, ensure_ascii=False) + "\n")
    try:
        p = subprocess.run([dyad, "actors", "--input", "jsonl", "--lang", "fr", t.name],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    finally:
        os.unlink(t.name)
    if p.returncode != 0:
        sys.stderr.write(p.stderr.decode("utf-8", "replace"))
        sys.exit("actor_recall.py: dyad actors failed (exit %d)" % p.returncode)
    ms = collections.defaultdict(list)
    for line in p.stdout.decode("utf-8").splitlines():
        if line.strip():
            m = json.loads(line)
            ms[m["doc"]].append(m)
    return ms, p.stderr.decode("utf-8", "replace").strip().splitlines()


def overlapping(ms, a, b):
    return [m for m in ms if m["span"][0] < b and a < m["span"][1]]


def context(d, a, b, width=70):
    raw = d["raw"]
    left = raw[max(0, a - width * 2):a].decode("utf-8", "ignore")[-width:]
    right = raw[b:b + width * 2].decode("utf-8", "ignore")[:width]
    s = "%s[[%s]]%s" % (left, raw[a:b].decode("utf-8"), right)
    return re.sub(r"\s+", " ", s)


def read_judged(path):
    """(doc, span, code) -> (judgement, note, text) of a judged sample file"""
    judged = {}
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            f = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(f) < 5 or f[0] == "doc":
                continue
            judged[(f[0], f[1], f[3])] = (f[4], f[5] if len(f) > 5 else "", f[2])
    return judged


def write_sample(path, sample, judged, byid, field):
    """the sample with its context, for judging (rows judged keep it)"""
    with open(path, "w", encoding="utf-8") as w:
        w.write("doc\tspan\ttext\tcode\tjudgement\tnote\t%s\tresolved_by\tdate\tcontext\n" % field)
        for doc, a, b, m in sample:
            key = (doc, "%d-%d" % (a, b), m["code"])
            j, note, _ = judged.get(key, ("", "", ""))
            w.write("\t".join([doc, key[1], m["text"], m["code"], j, note, m[field] or "",
                               m["resolved_by"], byid[doc]["date"],
                               context(byid[doc], a, b)]) + "\n")


def pct(n, d):
    return "%.1f%% (%d/%d)" % (100.0 * n / d, n, d) if d else "n/a (0/0)"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data",
                                                   "winer-fr-wikinews"))
    ap.add_argument("--dyad", default=os.environ.get("DYAD", os.path.join(ROOT, "build", "dyad")))
    ap.add_argument("--markdown", action="store_true", help="a docs/ACCURACY.md section")
    ap.add_argument("--misses", type=int, default=15, help="missed examples to list")
    ap.add_argument("--sample-out", help="write the precision sample with context here")
    ap.add_argument("--org-sample-out",
                    help="write the sample of organisation mentions with context here")
    args = ap.parse_args()
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)

    if not os.path.isdir(args.data):
        print("actor_recall.py: %s absent, nothing measured" % args.data, file=sys.stderr)
        return 2
    if not os.access(args.dyad, os.X_OK):
        print("actor_recall.py: %s not found; run make first" % args.dyad, file=sys.stderr)
        return 2

    countries, persons = load_countries(), load_persons()
    docs = read_corpus(args.data)
    byid = {d["id"]: d for d in docs}
    ms, summary = run_dyad(args.dyad, docs)

    # dyad's spans must slice its text exactly (the offsets are comparable)
    span_bad = sum(1 for d in docs for m in ms.get(d["id"], [])
                   if d["raw"][m["span"][0]:m["span"][1]].decode("utf-8", "replace") != m["text"])

    c_tot = c_ok = p_tot = p_ok = 0
    over = collections.Counter()
    over_tot = collections.Counter()
    c_miss = collections.Counter()      # (text, why)
    c_miss_ex = {}
    p_miss = collections.Counter()
    p_miss_ex = {}
    o_tot = o_ok = 0
    o_miss = collections.Counter()
    o_miss_ex = {}
    o_found = []        # (doc, gold start, gold end, start, end, mention) found
    causes = {"Location": collections.Counter(), "Person": collections.Counter()}
    for d in docs:
        dm = ms.get(d["id"], [])
        for typ, a, b, text in d["gold"]:
            if typ not in ("Location", "Person", "Organization"):
                continue
            ov = overlapping(dm, a, b)
            if typ == "Organization":
                o_tot += 1
                acts = [m for m in ov if m["kind"] == "actor"]
                if acts:
                    o_ok += 1
                    m0 = acts[0]
                    o_found.append((d["id"], a, b, m0["span"][0], m0["span"][1], m0))
                else:
                    o_miss[text] += 1
                    o_miss_ex.setdefault(text, "%s: %s" % (d["id"], context(d, a, b)))
                continue
            over_tot[typ] += 1
            over[typ] += bool(ov)
            n = norm(text)
            if typ == "Location" and n in countries:
                want = countries[n]
                c_tot += 1
                # the country, or a dependent territory's own code (FRAGUF)
                if any(m["country"] in want or m["code"] in want for m in ov):
                    c_ok += 1
                else:
                    why = ("found as " + ",".join(sorted({"%s %s" % (m["text"], m["code"]) for m in ov}))
                           if ov else "not found")
                    key = (text, "/".join(sorted(want)), why)
                    c_miss[key] += 1
                    causes[typ][cause(d, a, b, text, ov)] += 1
                    c_miss_ex.setdefault(key, "%s: %s" % (d["id"], context(d, a, b)))
            if typ == "Person" and n in persons:
                want = {code_on(e, d["date"]) for e in persons[n]}
                p_tot += 1
                if any(m["code"] in want for m in ov):
                    p_ok += 1
                else:
                    why = ("found as " + ",".join(sorted({"%s %s" % (m["text"], m["code"]) for m in ov}))
                           if ov else "not found")
                    key = (text, "/".join(sorted(want)), why)
                    p_miss[key] += 1
                    causes[typ][cause(d, a, b, text, ov)] += 1
                    p_miss_ex.setdefault(key, "%s: %s" % (d["id"], context(d, a, b)))

    # precision sample: the mentions whose (seed, doc, start) hash is
    # smallest; a mention keeps its rank when others come or go, so the
    # sample (and its judgements) moves little when dyad changes
    allm = sorted(((m["doc"], m["span"][0], m["span"][1], m) for d in docs
                   for m in ms.get(d["id"], [])), key=lambda x: x[:3])
    def rank(x):
        key = "%d|%s|%d" % (SAMPLE_SEED, x[0], x[1])
        return hashlib.sha1(key.encode("utf-8")).hexdigest()
    sample = sorted(sorted(allm, key=rank)[:SAMPLE_SIZE], key=lambda x: x[:3])
    judged = read_judged(SAMPLE_TSV)
    if args.sample_out:
        write_sample(args.sample_out, sample, judged, byid, "kind")
    # the organisation sample: the gold organisation spans in a fixed random
    # order (independent of dyad's output, so the sample moves little when
    # dyad changes); the first SAMPLE_SIZE that dyad finds, one mention each
    found_at = {(doc, ga, gb): (a, b, m) for doc, ga, gb, a, b, m in o_found}
    gold_orgs = sorted((d["id"], a, b) for d in docs for typ, a, b, _ in d["gold"]
                       if typ == "Organization")
    random.Random(ORG_SAMPLE_SEED).shuffle(gold_orgs)
    osample, seen_m = [], set()
    for g in gold_orgs:
        if len(osample) == SAMPLE_SIZE:
            break
        if g in found_at:
            a, b, m = found_at[g]
            if (g[0], a, b) not in seen_m:
                seen_m.add((g[0], a, b))
                osample.append((g[0], a, b, m))
    osample.sort(key=lambda x: x[:3])
    ojudged = read_judged(ORG_SAMPLE_TSV)
    if args.org_sample_out:
        write_sample(args.org_sample_out, osample, ojudged, byid, "entry")
    okeys = {(doc, "%d-%d" % (a, b), m["code"]) for doc, a, b, m in osample}
    o_right = sum(1 for k, v in ojudged.items() if k in okeys and v[0] == "ok")
    o_wrong = sum(1 for k, v in ojudged.items() if k in okeys and v[0] == "wrong")
    o_stale = sum(1 for k in ojudged if k not in okeys)

    ok = sum(1 for v in judged.values() if v[0] == "ok")
    wrong = sum(1 for v in judged.values() if v[0] == "wrong")
    current = {(doc, "%d-%d" % (a, b), m["code"]) for doc, a, b, m in allm}
    stale = sum(1 for k in judged if k not in current)
    wrong_rows = [(k, v) for k, v in sorted(judged.items()) if v[0] == "wrong"]

    ngold_bad = sum(d["bad"] for d in docs)
    res = {
        "articles": len(docs),
        "mentions": len(allm),
        "country_recall": pct(c_ok, c_tot),
        "person_recall": pct(p_ok, p_tot),
        "org_recall": pct(o_ok, o_tot),
        "org_code_right": pct(o_right, o_right + o_wrong),
        "location_overlap": pct(over["Location"], over_tot["Location"]),
        "person_overlap": pct(over["Person"], over_tot["Person"]),
        "precision": pct(ok, ok + wrong),
    }
    cmd = "python3 tools/actor_recall.py"
    if args.markdown:
        out = []
        out.append("## Actor recognition (French Wikinews)\n")
        out.append("<!-- generated by tools/actor_recall.py --markdown (appended by tools/accuracy.sh) -->\n")
        out.append("Corpus: `../shared/data/winer-fr-wikinews` (WiNER-fr, %d French Wikinews "
                   "articles 2016-2018, brat `.ann` spans; each article dated by its file name), "
                   "run through `dyad actors --input jsonl --lang fr` in one batch. "
                   "Measured on %s; %d mentions produced.\n"
                   % (len(docs), datetime.date.today().isoformat(), len(allm)))
        out.append("| measure | value |")
        out.append("|---|---|")
        out.append("| recall on country mentions (gold Location spans naming a country of `data/actors/countries*.tsv` fr/*, found overlapping with that country) | **%s** (target 95%%) |" % res["country_recall"])
        out.append("| recall on listed persons (gold Person spans naming a person of `data/actors/leaders*.tsv` fr/*, found with the code for the article's date) | **%s** |" % res["person_recall"])
        out.append("| recall on organisations (gold Organization spans overlapped by an `actor` mention) | **%s** (target 80%%) |" % res["org_recall"])
        out.append("| organisation codes right, %d found gold organisations sampled at random (seed %d) and judged by hand (`tools/actor_org_sample.tsv`, criteria in its header) | **%s** (target 90%%) |" % (SAMPLE_SIZE, ORG_SAMPLE_SEED, res["org_code_right"]))
        out.append("| precision of mentions (actor and place), %d sampled by a hash of seed %d, document and start and judged by hand (`tools/actor_precision_sample.tsv`, criteria in its header) | **%s** |" % (SAMPLE_SIZE, SAMPLE_SEED, res["precision"]))
        out.append("| overlap recall, all gold Location spans (informative) | %s |" % res["location_overlap"])
        out.append("| overlap recall, all gold Person spans (informative) | %s |" % res["person_overlap"])
        out.append("")
        out.append("Gold and dictionary names are compared after case folding, accent "
                   "stripping, `'`/`-` as blanks and a leading article dropped; dyad's own "
                   "matching is stricter (accents matter). The .ann offsets count characters and "
                   "are converted to dyad's byte offsets; %d gold spans (discontinuous or not "
                   "matching their text) are left out; %d dyad spans did not slice their text."
                   % (ngold_bad, span_bad))
        if stale:
            out.append("\n%d of the %d judged sample rows are no longer in dyad's output "
                       "(re-judge with `--sample-out`)." % (stale, len(judged)))
        out.append("\nReproduce (from the repository root, after `make`):\n")
        out.append("```sh\n%s              # the figures\n%s --markdown   # this section\n"
                   "%s --sample-out sample.tsv   # the precision sample with context, to judge\n```\n"
                   % (cmd, cmd, cmd))
        for typ, what in (("Location", "country mentions"), ("Person", "listed persons")):
            out.append("Missed %s by likely cause: %s.\n" % (what, ", ".join(
                "%s %d" % (c, n) for c, n in causes[typ].most_common()) or "none"))
        out.append("Most frequent missed country mentions (gold text, wanted code, what dyad gave, count):\n")
        for (t, want, why), n in c_miss.most_common(args.misses):
            out.append("- %s %s: %s (%d)" % (t, want, why, n))
        out.append("\nMost frequent missed listed persons:\n")
        for (t, want, why), n in p_miss.most_common(args.misses):
            out.append("- %s %s: %s (%d)" % (t, want, why, n))
        out.append("\nMost frequent missed organisations (gold text, count):\n")
        for t, n in o_miss.most_common(args.misses):
            out.append("- %s (%d)" % (t, n))
        if wrong_rows:
            out.append("\nMentions judged wrong in the sample:\n")
            for (doc, span, code), (j, note, text) in wrong_rows:
                out.append("- %s %s \"%s\" %s: %s" % (doc, span, text, code, note))
        print("\n".join(out))
    else:
        for k, v in res.items():
            print("%-18s %s" % (k, v))
        print("gold spans left out: %d; dyad spans not slicing their text: %d" % (ngold_bad, span_bad))
        print("judged sample rows not in the current output: %d of %d" % (stale, len(judged)))
        print("judged organisation rows not in the current sample: %d of %d" % (o_stale, len(ojudged)))
        for typ in ("Location", "Person"):
            print("missed %s by cause: %s" % (typ, dict(causes[typ].most_common())))
        print("\nmissed country mentions:")
        for key, n in c_miss.most_common(args.misses):
            print("  %3d  %s %s: %s\n       e.g. %s" % (n, key[0], key[1], key[2], c_miss_ex[key]))
        print("\nmissed listed persons:")
        for key, n in p_miss.most_common(args.misses):
            print("  %3d  %s %s: %s\n       e.g. %s" % (n, key[0], key[1], key[2], p_miss_ex[key]))
        print("\nmissed organisations:")
        for t, n in o_miss.most_common(args.misses):
            print("  %3d  %s\n       e.g. %s" % (n, t, o_miss_ex[t]))
        if summary:
            print("\n" + summary[-1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
