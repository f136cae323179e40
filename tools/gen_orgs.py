#!/usr/bin/env python3
"""Generate data/actors/orgs.phoenix.tsv from PETRARCH2's Phoenix dictionaries.

Reads Phoenix.International.actors.txt (IGOs and their agencies, NGOs,
multinational companies, media, IGO office holders),
Phoenix.MilNonState.actors.txt (armed and militant groups, from START TOPS)
and the state bodies of Phoenix.Countries.actors.txt (ministries, agencies,
courts, parties, armies: entries whose first name has a word of BODY_WORDS,
or whose codes are all undated state sectors, as "Bundestag" [DEUGOVLEG])
in ../shared/data/petrarch2/dictionaries (openeventdata/petrarch2, MIT) and
writes their names in dyad's actor format (docs/formats.md):

    kind   org (media when the code's sector is MED; person for office
           holders: entries coded ELI or with dated codes only)
    lang   `*`: proper names read the same in French text ("Novartis",
           "Hyundai", "Lashkar-e-Taiba"); a name made only of common words
           ("National Front", "Direct Action", "Youth": every word in the
           vocabulary of PETRARCH2's verb and agent dictionaries, dyad's
           triggers, agents and cues, or the GENERIC list) is left out, and so
           is a one-word acronym of 3 letters or fewer ("LET", "HUM"); `en`:
           an IGO's or NGO's name of common words and three words or more
           ("International Labour Organization", "World Health Assembly"),
           which English writes capitalised and French translates
    code   the entry's undated code, else the code of its role still open (an
           office holder whose dated codes have all ended is left out); a
           sector-only code ("MED") takes the country that another
           data/actors file gives one of the entry's names (AFP: FRAMED)
    roles  the dated codes (TABARI's `[CODE >YYMMDD]`, `[CODE <YYMMDD]`,
           `[CODE YYMMDD-YYMMDD]`; two-digit years are 19YY from 41 on)

Every other file of data/actors wins: a name already there (any kind, same
language or `*`) is not written again, so hand-written and generated entries
never conflict.  Within Phoenix the first entry of a name wins; later ones
with another code are counted and left out.  Names with digits, `+` or
other TABARI syntax are left out; a parenthesised acronym of 3 to 5
letters becomes a synonym (longer parenthesised words say where: "(BOLIVIA)").

The output is sorted, so regenerating gives identical bytes.

usage: python3 tools/gen_orgs.py [--shared PATH] [--out DIR]
Python 3 standard library only.
"""

import argparse
import datetime
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_actors  # noqa: E402  (norm, fmt_attrs, write_tsv)

TOOL = "tools/gen_orgs.py"
OUT = "orgs.phoenix.tsv"
FILES = ("Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
# Phoenix.Countries.actors.txt is mostly countries and persons (leaders.tsv and
# countries.tsv cover those); its state bodies, parties and armed groups are
# taken: the entries whose first name has one of these words
COUNTRIES_FILE = "Phoenix.Countries.actors.txt"
BODY_WORDS = set("""
ministry ministries department agency agencies council commission committee court
tribunal parliament assembly senate congress party front movement army navy police
guard guards service services bureau office directorate intelligence forces force
bank authority administration cabinet politburo legislature militia brigade brigades
union federation league organization organisation corps gendarmerie
""".split())
# sectors of a state body named without a BODY_WORDS word (state_body())
STATE_SECTORS = {"GOV", "LEG", "JUD", "MIL", "COP", "SPY"}
SMALL = {"of", "the", "and", "for", "in", "on", "at", "to", "de", "du", "des", "la", "le",
         "les", "et", "al", "el", "bin", "ibn", "van", "von", "y", "a"}
# CAMEO sector codes an organisation code may end with (`sector=` attribute)
SECTORS = {"REB", "PTY", "LAB", "NGO", "MED", "BUS", "GOV", "MIL", "COP", "SPY", "HLH",
           "EDU", "HRI", "ENV", "DEV", "REF", "JUD", "LEG", "AGR", "CRM", "REL", "OPP",
           "UAF", "INS", "SEP", "RAD", "ELI", "CVL"}
CODE_RE = re.compile(r"^[A-Z]{3}(?:[A-Z]{3})*$")
# Words of generic group names that the vocabulary below may miss: a name
# made only of common words ("National Front", "Direct Action", "Black
# Star", "Youth") names other things in the news and is left out.
GENERIC = set("""
action active alliance anarchist anarchists angry anti army arsonists avengers battalion
black blue brigade brigades brotherhood cell cells collective command committee commando
communist company conquerors corps council dawn defense defence direct faction falcon
falcons federation fighters flame force forces foundation free freedom front gang green
group groups guard hawk hawks immediate independent international islamic jihad justice
knights land league legion liberation lightning machete martyrs memory militia movement
mujahideen nation national network new nuclei nucleus olive organization organisation
paradise partisans party patriotic people people's peoples popular proletarian rage red
resistance revolution revolutionary saboteurs society solidarity star struggle tigers
union unity universal vanguard volunteers war white winter youth zero cornerstone yahweh
mavericks inevitables extraditables clandestini boogeymen message emetic triple
""".split())

def state_body(raw_codes):
    """a Countries entry named in the country's own words ("Bundestag",
    "Knesset", "Lok Sabha", "Shin Bet"): every code undated, each a country
    with a state sector (DEUGOVLEG, ISRSPY); a person has dated codes or ELI"""
    codes = [t.split() for t, _ in raw_codes]
    return bool(codes) and all(len(c) == 1 and CODE_RE.match(c[0]) and len(c[0]) >= 6 and
                               c[0][3:6] in STATE_SECTORS and c[0][-3:] != "ELI" for c in codes)


def tabari_date(s):
    """YYMMDD or YYYYMMDD -> YYYY-MM-DD, or None"""
    if not s.isdigit() or len(s) not in (6, 8):
        return None
    if len(s) == 6:
        yy = int(s[:2])
        s = ("19" if yy > 40 else "20") + s
    try:
        return datetime.date(int(s[:4]), int(s[4:6]), int(s[6:8])).isoformat()
    except ValueError:
        return None


def warn(where, what):
    """a skipped part of the source, with its file and line"""
    print("%s: %s (skipped)" % (where, what), file=sys.stderr)


def parse_code(text, stats, where="?"):
    """'IGOUNO >20070101' -> (code, from, to) with '' for an open end;
    None for a code or date dyad cannot use (reported with where)"""
    parts = text.split()
    if not parts or not CODE_RE.match(parts[0]):
        stats["bad code"] += 1
        warn(where, "code '[%s]' is not a CAMEO actor code" % text)
        return None
    code, lo, hi = parts[0], "", ""
    if len(parts) > 1:
        r = "".join(parts[1:])      # "> 20120101" is ">20120101"
        if r[0] in "<>":
            d = tabari_date(r[1:])
            if d is None:
                stats["bad date"] += 1
                warn(where, "date '%s' of [%s] is not YYMMDD or YYYYMMDD" % (r[1:], text))
                return None
            lo, hi = (d, "") if r[0] == ">" else ("", d)
        else:
            a, _, b = r.partition("-")
            lo, hi = tabari_date(a), tabari_date(b)
            if lo is None or hi is None or lo >= hi:
                stats["bad date"] += 1
                warn(where, "dates '%s' of [%s] are not an interval of YYMMDD or YYYYMMDD"
                     % (r, text))
                return None
    return code, lo, hi


def read_phoenix(path):
    """yield (names, [(code text, file:line)]) per entry of a PETRARCH actor
    file"""
    names, codes = [], []
    with open(path, encoding="utf-8", errors="replace") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.split("#", 1)[0].rstrip()
            if not line.strip():
                continue
            body = line.strip()
            where = "%s:%d" % (os.path.basename(path), lineno)
            found = [(c, where) for c in re.findall(r"\[([^\]]*)\]", body)]
            head = body.split("[", 1)[0].strip()
            if raw[0] in " \t" and not head:
                codes.extend(c for c in found if c)
                continue
            if head.startswith("+"):
                names.append(head[1:])
            else:
                if names:
                    yield names, codes
                names, codes = [head], []
            codes.extend(c for c in found if c)
    if names:
        yield names, codes


def vocabulary(src, repo):
    """lower-cased English and French common words: every word of PETRARCH2's
    verb patterns and agent nouns, of dyad's triggers, agents and cue words,
    of the stop-word and irregular-lemma lists, and GENERIC"""
    words = set(GENERIC)
    files = [os.path.join(src, f) for f in ("CAMEO.2.0.txt", "Phoenix.agents.txt")]
    for lang in ("en", "fr"):
        files.append(os.path.join(repo, "data", "triggers", lang + ".tsv"))
        files.append(os.path.join(repo, "data", "cues", lang + ".tsv"))
        files.append(os.path.join(repo, "data", "actors", "agents.%s.manual.tsv" % lang))
        files.append(os.path.join(repo, "data", "text", lang, "stopwords.txt"))
        files.append(os.path.join(repo, "data", "text", lang, "lemmas.tsv"))
    for p in files:
        if not os.path.exists(p):
            continue
        for line in open(p, encoding="utf-8", errors="replace"):
            # (an agent's default country is no word: "country=USA")
            line = re.sub(r"country=\w+", " ", line.split("#", 1)[0])
            words.update(w for w in re.split(r"[^a-zà-ÿ']+", line.lower()) if len(w) > 1)
    return words


def generic(p, vocab):
    """a name made only of common words, or a one-word acronym of <= 3 letters"""
    ws = [w for w in re.split(r"[\s\-.]+", p.lower()) if w]
    if len(ws) == 1 and len(ws[0]) <= 3:
        return True
    return all(w in vocab or w.rstrip("s") in vocab for w in ws)


def phrases(name, stats):
    """a TABARI name -> the phrases it gives (the name, its acronym)"""
    out = []
    # "(INLA)" is an acronym; "(BOLIVIA)" says where, and is not one
    acr = [a for a in re.findall(r"\(([A-Za-z]+)\)", name) if len(a) <= 5]
    name = re.sub(r"\([^)]*\)", " ", name).replace("_", " ")
    name = " ".join(name.split())
    if name.upper().startswith("THE ") and len(name) > 5:
        name = name[4:]
    for p in [name] + [a for a in acr if len(a) >= 3]:
        if len(p) < 3 or any(c.isdigit() or c in "+(),;=/\\<>[]&*%$" for c in p):
            stats["unusable name"] += 1
            continue
        out.append(p)
    return out


def pretty(p):
    """'ARAB_LEAGUE' -> 'Arab League', 'BBC' stays, 'OF' -> 'of'"""
    words = []
    for i, w in enumerate(p.split(" ")):
        lw = w.lower()
        if i and lw in SMALL:
            words.append(lw)
        elif len(w) <= 3 and w.isalpha():
            words.append(w.upper())
        else:
            words.append("-".join(x[:1].upper() + x[1:].lower() for x in w.split("-")))
    return " ".join(words)


def existing(outdir):
    """(lang, key) -> (code, id) of every entry of data/actors but the
    generated output"""
    seen = {}
    for fn in sorted(os.listdir(outdir)):
        if not fn.endswith(".tsv") or fn == OUT:
            continue
        for line in open(os.path.join(outdir, fn), encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            c = line.rstrip("\n").split("\t")
            if len(c) >= 4:
                attrs = dict(kv.split("=", 1) for kv in (c[4] if len(c) > 4 else "").split(";")
                             if "=" in kv)
                seen.setdefault((c[1], gen_actors.norm(c[2])), (c[3], attrs.get("id", c[3])))
    return seen


def known_code(seen, names, stats):
    """the code and id another file gives one of the entry's names, or None:
    the other names of the entry then take it (Phoenix's "AGENCE FRANCE
    PRESSE" [MED] is AFP, FRAMED in media.manual.tsv)"""
    for name in names:
        for p in phrases(name, {"unusable name": 0}):
            k = gen_actors.norm(pretty(p))
            for l in ("*",) + gen_actors.LANGS:
                if (l, k) in seen:
                    return seen[(l, k)]
    return None


def taken(seen, lang, k):
    if lang == "*":
        return any((l, k) in seen for l in ("*",) + gen_actors.LANGS)
    return (lang, k) in seen or ("*", k) in seen


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--shared", default=os.path.join(repo, "..", "shared", "data"))
    ap.add_argument("--out", default=os.path.join(repo, "data", "actors"))
    a = ap.parse_args()
    src = os.path.join(a.shared, "petrarch2", "dictionaries")
    paths = [os.path.join(src, f) for f in FILES + (COUNTRIES_FILE,)]
    missing = [p for p in paths if not os.path.exists(p)]
    if missing:
        print("gen_orgs.py: %s not found" % ", ".join(missing), file=sys.stderr)
        return 2
    stats = {k: 0 for k in ("bad code", "bad date", "unusable name", "no code", "known",
                            "conflict", "common words", "past office only",
                            "code of a known synonym")}
    seen = existing(a.out)
    vocab = vocabulary(src, repo)
    mine = {}       # (lang, key) -> code
    rows = []
    for path in paths:
        bodies_only = os.path.basename(path) == COUNTRIES_FILE
        for names, raw_codes in read_phoenix(path):
            if bodies_only and not BODY_WORDS & set(re.split(r"[_\s\-]+", names[0].lower())) \
                    and not state_body(raw_codes):
                continue
            codes = [c for c in (parse_code(t, stats, w) for t, w in raw_codes) if c]
            # a state body without a body word whose other name dyad already
            # knows is a leader's alias ("Mr. Assad" [SYRGOV]): the known
            # entry, with its dates, stays the only one
            if bodies_only and not BODY_WORDS & set(re.split(r"[_\s\-]+", names[0].lower())) \
                    and known_code(seen, names, stats):
                stats["known"] += 1
                continue
            # a state body has a sector: a bare country code is the country's
            # own block ("FEDERATION OF SAINT KITTS AND NEVIS" [KNA])
            if bodies_only and any(len(c) == 3 for c, lo, hi in codes if not lo and not hi):
                continue
            if not codes:
                stats["no code"] += 1
                continue
            undated = [c for c, lo, hi in codes if not lo and not hi]
            dated = sorted(((c, lo, hi) for c, lo, hi in codes if lo or hi),
                           key=lambda r: (r[1] or "0000", r[2] or "9999"))
            if "ELI" in undated or (dated and not undated):
                kind = "person"
            else:
                kind = "org"
            if undated:
                base = undated[0]
            else:
                # an office holder: outside their dated codes dyad needs a
                # code too; only a role still open says what it is
                current = [c for c, lo, hi in dated if not hi]
                if not current:
                    stats["past office only"] += 1
                    continue
                base = current[0]
            if kind == "org" and base[-3:] == "MED":
                kind = "media"
            # Phoenix codes media (and some bodies) by sector alone ("MED");
            # where a hand file codes a synonym with its country, keep that
            known = known_code(seen, names, stats) if len(base) == 3 and not dated else None
            if known and known[0] != base and known[0].endswith(base):
                stats["code of a known synonym"] += 1
                base = known[0]
            head = phrases(names[0], {"unusable name": 0})
            attrs = {"id": "phx-" + gen_actors.slug(pretty(head[0])) if head else None}
            if dated:
                attrs["roles"] = ",".join("%s:%s:%s" % r for r in dated)
            if kind != "person" and base[-3:] in SECTORS:
                attrs["sector"] = base[-3:]
            if not attrs["id"]:
                del attrs["id"]
            for name in names:
                for p in phrases(name, stats):
                    p = pretty(p)
                    k = gen_actors.norm(p)
                    lang = "*"
                    if generic(p, vocab):
                        # an international organisation's name of three words
                        # or more is a name in English, where it is written
                        # capitalised ("International Labour Organization",
                        # "World Health Assembly"); French translates it
                        if base[:3] in ("IGO", "NGO") and len(p.split()) >= 3 and \
                                not bodies_only and kind != "person":
                            lang = "en"
                        else:
                            stats["common words"] += 1
                            continue
                    if taken(seen, lang, k):
                        stats["known"] += 1
                        continue
                    prev = mine.get((lang, k))
                    if prev is not None:
                        if prev != base:
                            stats["conflict"] += 1
                        continue
                    mine[(lang, k)] = base
                    rows.append((kind, lang, p, base, dict(attrs)))
    gen_actors.TOOL = TOOL
    n = gen_actors.write_tsv(os.path.join(a.out, OUT), rows, [
        "Organisations, armed groups, media and IGO office holders of PETRARCH2's Phoenix",
        "dictionaries (openeventdata/petrarch2, MIT): %s, and the state bodies of %s."
        % (", ".join(FILES), COUNTRIES_FILE),
        "Names already in another data/actors file are left out (that file wins).",
        "Left out: %s." % ", ".join("%s %d" % kv for kv in sorted(stats.items())),
    ])
    print("%s %d entries; left out: %s" % (OUT, n, stats), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
