#!/usr/bin/env python3
"""Generate dyad's actor, place and leader dictionaries (data/actors/*.tsv).

Reads the shared data sets (GeoNames, mledoze-countries, REIGN,
text-to-cameo, PETRARCH2/Phoenix) and the CLDR locale files, and writes the
generated files of docs/formats.md "Actor, place and agent files":

    countries.tsv   country names in fr en es de ru ar
    demonyms.tsv    demonyms/adjectives, en and fr (all gender/number forms)
    capitals.tsv    capitals as actors (gov=1)
    cities.tsv      every GeoNames cities15000 place (name + asciiname + spelling variants)
    regions.tsv     GeoNames admin-1 regions (states, provinces) with cities
    leaders.tsv     REIGN leaders in office since 2000 (dated GOV roles)

Hand-written *.manual.tsv files beside them win: a phrase present in any
manual file (same language or `*`) is not generated again, and a REIGN leader
whose id or name appears in leaders.manual.tsv is left to the manual file.
Output is sorted, so regenerating gives identical bytes.

Usage (from the repo root):  python3 tools/gen_actors.py [--shared PATH] [--cldr PATH] [--out DIR]
Python 3 standard library only.
"""

import argparse
import calendar
import csv
import io
import json
import os
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
import zipfile

TOOL = "tools/gen_actors.py"
LANGS = ("fr", "en", "es", "de", "ru", "ar")
MLEDOZE_LANG = {"fr": "fra", "es": "spa", "de": "deu", "ru": "rus", "ar": "ara"}

# CAMEO codes that differ from ISO 3166 alpha-3.  Sources: text-to-cameo
# countrynames.txt and PETRARCH2 Phoenix.Countries.actors.txt (Kosovo KSV,
# Timor-Leste TMP, dependent territories coded <parent><ISO3>).
# Wallis and Futuna is "FRNWLF" in both sources (FRN is the COW abbreviation
# of France, a slip); we use FRAWLF to keep the <parent ISO3> pattern.
CAMEO_OVERRIDE = {
    "XKX": "KSV", "TLS": "TMP",
    "ASM": "USAASM", "GUM": "USAGUM", "PRI": "USAPRI", "VIR": "USAVIR",
    "VGB": "GBRVGB", "FLK": "GBRFLK", "GIB": "GBRGIB", "IMN": "GBRIMY",
    "MSR": "GBRMSR", "PCN": "GBRPCN", "SHN": "GBRSHN",
    "FRO": "DNKFRO", "GRL": "DNKGRL",
    "GUF": "FRAGUF", "PYF": "FRAPYF", "GLP": "FRAGLP", "MTQ": "FRAMTQ",
    "NCL": "FRANCL", "WLF": "FRAWLF",
    "NIU": "NZLNIU", "TKL": "NZLTKL",
    "ANT": "NLDANT",
}

# Country phrases left out on purpose (lang -> set of lower-cased phrases).
#  - bare "Corée"/"Korea"/"Congo"/"Guinée": shared by two states; the
#    recogniser does longest match, so "Corée du Nord" still wins.
#  - common words or given names: "Réunion" (fr réunion = meeting, en
#    reunion), "Maurice", "Dominique" (given names), "Jersey" (New Jersey,
#    the garment), "America"/"Amérique" (continent), "US" (written by hand in
#    countries.manual.tsv: the recogniser needs it in capitals), "EAU" (fr eau = water).
EXCLUDE_COUNTRY = {
    "*": {"corée", "korea", "corea", "korée", "congo", "kongo", "конго", "корея", "كوريا", "الكونغو",
          "america", "amérique", "américa", "amerika", "америка", "jersey", "us", "eau",
          "réunion", "reunion", "maurice", "dominique"},
}

ARTICLES = re.compile(r"^(?:(?:the|les|le|la)\s+|l['’]\s*)", re.I)


def norm(s):
    """Matching key of a phrase: NFC, one apostrophe, casefolded, one space."""
    s = unicodedata.normalize("NFC", s).replace("\u200b", "")
    for q in "’‘ʼ`´":
        s = s.replace(q, "'")
    # dyad's tokenizer keeps a hyphenated word as one token, so "Corée-du-Nord"
    # and "Corée du Nord" are different keys and both are needed
    s = s.replace("' ", "'")  # an elision before a space is still one token
    return " ".join(s.split()).casefold()


def clean(s):
    s = unicodedata.normalize("NFC", s)
    s = s.replace("\u200b", "").replace("\u00a0", " ").replace("’", "'")
    s = " ".join(s.split())
    m = ARTICLES.match(s)
    if m and len(s) > m.end() + 1:
        s = s[m.end():]
    return s.strip()


def usable(phrase):
    if not phrase or len(phrase) < 2:
        return False
    if any(c in phrase for c in "(),;=\t/") or any(c.isdigit() for c in phrase):
        return False
    return True


def fmt_attrs(d):
    order = ["id", "country", "admin", "lat", "lon", "pop", "gov", "roles", "g", "n", "sector"]
    parts = []
    for k in order + sorted(k for k in d if k not in order):
        if k in d and d[k] not in (None, ""):
            v = str(d[k]).replace(";", ",").replace("=", "-").replace("\t", " ")
            parts.append("%s=%s" % (k, v))
    return ";".join(parts)


def write_tsv(path, rows, comments):
    """rows: (kind, lang, phrase, code, attrs dict).  Sorted, deduplicated."""
    lines, keys = set(), set()
    # one line per (kind, lang, key, code): "Côte d'Ivoire" and "Côte d’Ivoire"
    # key alike, so the second would only be a duplicate for `dyad dict check`
    for kind, lang, phrase, code, attrs in sorted(rows, key=lambda r: (r[0], r[1], r[2], r[3])):
        k = (kind, lang, norm(phrase), code, (attrs or {}).get("id"))
        if k in keys:
            continue
        keys.add(k)
        lines.add("\t".join([kind, lang, phrase, code, fmt_attrs(attrs)]).rstrip("\t"))
    def key(l):
        f = l.split("\t")
        return (f[3], f[4] if len(f) > 4 else "", f[1], norm(f[2]), f[2])
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write("# generated by %s, do not edit\n" % TOOL)
        for c in comments:
            out.write("# %s\n" % c)
        out.write("# columns: kind\tlang\tphrase\tcode\tattrs\n")
        for l in sorted(lines, key=key):
            out.write(l + "\n")
    return len(lines)


def load_manual(outdir):
    """(lang, normphrase) of every hand-written entry, plus person ids."""
    seen, person_ids = set(), set()
    for fn in sorted(os.listdir(outdir)):
        if not fn.endswith(".manual.tsv"):
            continue
        with open(os.path.join(outdir, fn), encoding="utf-8") as f:
            for line in f:
                if not line.strip() or line.startswith("#"):
                    continue
                c = line.rstrip("\n").split("\t")
                if len(c) < 4:
                    continue
                seen.add((c[1], norm(c[2])))
                if c[0] == "person":
                    for kv in (c[4] if len(c) > 4 else "").split(";"):
                        if kv.startswith("id="):
                            person_ids.add(kv[3:])
    return seen, person_ids


def manual_person_names(outdir):
    """norm key of each hand-written person's name -> (id, roles)"""
    out = {}
    for fn in sorted(os.listdir(outdir)):
        if fn.endswith(".manual.tsv"):
            for line in open(os.path.join(outdir, fn), encoding="utf-8"):
                c = line.rstrip("\n").split("\t")
                if len(c) > 4 and c[0] == "person" and not line.startswith("#"):
                    kv = dict(x.split("=", 1) for x in c[4].split(";") if "=" in x)
                    if "id" in kv:
                        out.setdefault(norm(c[2]), (kv["id"], kv.get("roles")))
    return out


def in_manual(manual, lang, phrase):
    k = norm(phrase)
    return (lang, k) in manual or ("*", k) in manual or (lang == "*" and any(
        (l, k) in manual for l in LANGS))


# ---------------------------------------------------------------- sources

# CountryInfo's <Nationality> lists "one or more adjectival forms of the
# country name, plus any number of synonyms": the adjectives come first; a
# later single word is one too when it ends as English demonyms do (the
# others are the country's names in other languages and misspellings)
CI_ADJ_END = re.compile(r"(IAN|ESE|I)$")


def read_countryinfo_adjectives(path):
    """ISO alpha-3 (CountryInfo's <CountryCode>, which is right where its
    ISO3166-alpha3 field is not: MMR) -> English adjectives, title-cased;
    {} when the file is absent"""
    out = {}
    if not os.path.exists(path):
        return out
    text = open(path, encoding="latin-1").read()
    for m in re.finditer(r"<CountryCode>(\w{3})</CountryCode>.*?<Nationality>(.*?)</Nationality>",
                         text, re.S):
        words = [w.split("#")[0].strip().rstrip("_").replace("_", " ")
                 for w in m.group(2).split("\n") if w.split("#")[0].strip()]
        adj = []
        for i, w in enumerate(words):
            if " " in w or not w.isalpha() or w.endswith(("STAN", "MAN")) or \
                    (i > 0 and not CI_ADJ_END.search(w)):
                break
            adj.append(w.title())
        # Montenegro's list starts with its Serbs ("SERB", "SERBIAN"): a
        # demonym two countries give is left to mledoze
        out[m.group(1)] = adj
    return out


class Sources:
    def __init__(self, shared, cldr):
        self.shared, self.cldr = shared, cldr
        self.countries = []          # dicts from countryInfo
        self.by_iso2 = {}
        with open(os.path.join(shared, "geonames", "countryInfo.tsv"), encoding="utf-8") as f:
            for line in f:
                if line.startswith("#"):
                    continue
                c = line.rstrip("\n").split("\t")
                if len(c) < 17 or len(c[1]) != 3:
                    continue
                d = {"iso2": c[0], "iso3": c[1], "name": c[4].strip(), "capital": c[5].strip(),
                     "gnid": c[16].strip(), "pop": c[7],
                     # Arabic among its languages: its place names carry the Arabic article
                     "arabic": any(l.split("-")[0] == "ar" for l in c[15].split(","))}
                d["code"] = CAMEO_OVERRIDE.get(c[1], c[1])
                self.countries.append(d)
                self.by_iso2[c[0]] = d
        self.ci_adj = read_countryinfo_adjectives(
            os.path.join(shared, "countryinfo", "CountryInfo.120116.txt"))
        with open(os.path.join(shared, "mledoze-countries", "countries.json"), encoding="utf-8") as f:
            self.mledoze = {c["cca3"]: c for c in json.load(f)}
        with open(os.path.join(shared, "geonames", "country_translations.json"), encoding="utf-8") as f:
            self.gn_trans = json.load(f)
        self.regions = {}
        self.region_rows = []   # (region_code, name, ascii name, geonameid)
        with open(os.path.join(shared, "geonames", "regionInfo.tsv"), encoding="utf-8") as f:
            for line in f:
                if line.startswith("#"):
                    continue
                c = line.rstrip("\n").split("\t")
                if len(c) >= 2:
                    self.regions[c[0]] = c[1]
                if len(c) >= 4:
                    self.region_rows.append(c[:4])
        self.cldr_terr = {}   # lang -> iso2 -> [names]
        self.cldr_city = {}   # lang -> tz -> exemplar city
        for lang in LANGS:
            root = ET.parse(os.path.join(cldr, lang + ".xml")).getroot()
            terr = {}
            for t in root.iter("territory"):
                terr.setdefault(t.get("type"), []).append(t.text or "")
            self.cldr_terr[lang] = terr
            zones = {}
            for z in root.iter("zone"):
                e = z.find("exemplarCity")
                if e is not None and e.text and not e.get("alt"):
                    zones[z.get("type")] = e.text
            self.cldr_city[lang] = zones

    def independent(self, iso3):
        m = self.mledoze.get(iso3)
        return bool(m and (m.get("independent") or m.get("unMember")))

    def cities(self):
        z = zipfile.ZipFile(os.path.join(self.shared, "geonames", "cities15000.zip"))
        data = z.read("cities15000.txt").decode("utf-8")
        for line in data.splitlines():
            c = line.split("\t")
            if len(c) >= 19:
                yield c


# ---------------------------------------------------------------- countries

def gen_countries(src, manual, outdir):
    cand = {}   # (lang, normphrase) -> {code: (phrase, priority)}
    def add(lang, phrase, d):
        phrase = clean(phrase)
        if not usable(phrase):
            return
        k = norm(phrase)
        if k in EXCLUDE_COUNTRY["*"] or k in EXCLUDE_COUNTRY.get(lang, ()):
            return
        prio = 2 if src.independent(d["iso3"]) else 1
        slot = cand.setdefault((lang, k), {})
        old = slot.get(d["code"])
        if old is None or (phrase, prio) < old:
            slot[d["code"]] = (phrase, prio)
    geo = {}    # code -> (lat, lon): mledoze's centre of the country, for maps
    by_iso2 = {m.get("cca2"): m for m in src.mledoze.values()}  # Kosovo: XKX here, UNK there
    for d in src.countries:
        m = src.mledoze.get(d["iso3"])
        g = m or by_iso2.get(d["iso2"])
        if g and len(g.get("latlng") or []) == 2 and d["code"] not in geo:
            geo[d["code"]] = tuple(g["latlng"])
        gn = src.gn_trans.get(d["gnid"], {})
        for lang in LANGS:
            for name in src.cldr_terr[lang].get(d["iso2"], []):
                add(lang, name, d)
            if lang in gn:
                add(lang, gn[lang], d)
            if m:
                if lang == "en":
                    add(lang, m["name"]["common"], d)
                    add(lang, m["name"]["official"], d)
                else:
                    t = m.get("translations", {}).get(MLEDOZE_LANG[lang], {})
                    for v in (t.get("common"), t.get("official")):
                        if v:
                            add(lang, v, d)
        add("en", d["name"], d)
    rows, dropped = [], []
    for (lang, k), slot in sorted(cand.items()):
        best = max(p for _, p in slot.values())
        codes = sorted(c for c, (_, p) in slot.items() if p == best)
        if len(codes) > 1:
            dropped.append("%s:%s(%s)" % (lang, k, ",".join(codes)))
            continue
        code = codes[0]
        phrase = slot[code][0]
        if in_manual(manual, lang, phrase):
            continue
        attrs = {"id": code}
        if code in geo:
            attrs["lat"] = "%.4f" % geo[code][0]
            attrs["lon"] = "%.4f" % geo[code][1]
        rows.append(("country", lang, phrase, code, attrs))
    comments = [
        "sources: CLDR territory names (incl. alt short/variant), GeoNames country_translations,",
        "mledoze-countries name.common/official + translations; codes ISO alpha-3 with CAMEO overrides",
        "(KSV Kosovo, TMP Timor-Leste, <parent><ISO3> for dependent territories).",
        "excluded on purpose: " + ", ".join(sorted(EXCLUDE_COUNTRY["*"])),
        "ambiguous between two equally ranked countries, dropped: " + "; ".join(dropped),
    ]
    n = write_tsv(os.path.join(outdir, "countries.tsv"), rows, comments)
    return n, rows


# ---------------------------------------------------------------- demonyms

def en_plural(w):
    """Russian -> Russians; Chinese, British, Dutch, Swiss have no -s plural."""
    if w.endswith(("ese", "ish", "ch", "sh", "s", "x", "z")):
        return None
    return w + "s"


def fr_plural(w):
    if w.endswith(("s", "x")):
        return None
    return w + "s"


def gen_demonyms(src, manual, country_rows, outdir):
    cand = {}
    names = {}      # code -> lower-case country names, for ties
    def add(lang, phrase, code, prio, attrs):
        if not usable(phrase):
            return
        k = norm(phrase)
        slot = cand.setdefault((lang, k), {})
        if code not in slot or prio > slot[code][1]:
            slot[code] = (phrase, prio, attrs)
    for d in src.countries:
        m = src.mledoze.get(d["iso3"])
        if not m or "demonyms" not in m:
            continue
        prio = 2 if src.independent(d["iso3"]) else 1
        code = d["code"]
        names.setdefault(code, set()).update(
            n.lower() for n in (m.get("name", {}).get("common"), m.get("name", {}).get("official"),
                                d.get("name")) if n)
        eng = m["demonyms"].get("eng", {})
        for w in sorted({eng.get("m", ""), eng.get("f", "")} - {""}):
            w = " ".join(w.split())
            if len(w.split()) > 3:
                continue
            p = en_plural(w)
            add("en", w, code, prio, {"n": "s"} if p else {})
            if p:
                add("en", p, code, prio, {"n": "p"})
        # CountryInfo's adjectives ("Kyrgyz", "Belarusian", "Emirati"), below
        # mledoze's forms: a phrase both give keeps mledoze's country
        for w in src.ci_adj.get(d["iso3"], []):
            p = en_plural(w)
            add("en", w, code, prio - 0.5, {"n": "s"} if p else {})
            if p:
                add("en", p, code, prio - 0.5, {"n": "p"})
        fra = m["demonyms"].get("fra", {})
        ms, fs = fra.get("m", "").strip().lower(), fra.get("f", "").strip().lower()
        if not ms or not fs:
            continue
        if ms == fs:
            add("fr", ms, code, prio, {"n": "s"} if fr_plural(ms) else {})
            if fr_plural(ms):
                add("fr", fr_plural(ms), code, prio, {"n": "p"})
        else:
            # "français" is both singular and plural: no n= then
            add("fr", ms, code, prio, {"g": "m", "n": "s"} if fr_plural(ms) else {"g": "m"})
            add("fr", fs, code, prio, {"g": "f", "n": "s"})
            if fr_plural(ms):
                add("fr", fr_plural(ms), code, prio, {"g": "m", "n": "p"})
            add("fr", fs + "s", code, prio, {"g": "f", "n": "p"})
    country_keys = {(r[1], norm(r[2])) for r in country_rows}
    rows, dropped = [], []
    for (lang, k), slot in sorted(cand.items()):
        best = max(v[1] for v in slot.values())
        codes = sorted(c for c, v in slot.items() if v[1] == best)
        if len(codes) > 1:
            # a tie goes to the one country whose name the demonym's word
            # begins and no other's name holds ("Serb" is Serbia's, though
            # CountryInfo also lists it for Montenegro's Serbs); "Congolese"
            # (Congo, DR Congo) stays ambiguous
            stem = k.split()[0][:4]
            named = [c for c in codes if len(stem) == 4 and
                     any(n.startswith(stem) for n in names.get(c, ()))]
            others = [c for c in codes if c not in named and
                      any(stem in n for n in names.get(c, ()))]
            if len(named) == 1 and not others:
                codes = named
        if len(codes) > 1:
            dropped.append("%s:%s(%s)" % (lang, k, ",".join(codes)))
            continue
        code = codes[0]
        phrase, _, attrs = slot[code]
        if in_manual(manual, lang, phrase) or (lang, k) in country_keys:
            continue
        a = dict(attrs)
        a["id"] = code
        rows.append(("demonym", lang, phrase, code, a))
    comments = [
        "source: mledoze-countries demonyms.eng and demonyms.fra (m/f), and the English adjectives of",
        "countryinfo CountryInfo.120116.txt <Nationality> (below mledoze); fr plurals by rule (+s unless",
        "ending in s/x); en plural +s unless -ese/-ish/-ch/-sh/-ss/-s/-x/-z; lower-cased fr adjectives.",
        "hand additions (compounds, blocs such as occidental -> WST) are in demonyms.fr.manual.tsv.",
        "ambiguous between two equally ranked countries, dropped: " + "; ".join(dropped),
    ]
    # a region must not take a demonym's words ("Somali", Ethiopia's region,
    # would make "Somali troops" Ethiopian)
    src.demonym_keys = {norm(r[2]) for r in rows}
    return write_tsv(os.path.join(outdir, "demonyms.tsv"), rows, comments)


# ---------------------------------------------------------------- capitals and cities

# City names that are common English words (from the Debian wamerican list,
# intersected with cities15000 once and frozen here so the generator does
# not depend on /usr/share/dict).  Such a city is emitted for fr only.
EN_WORDS = set("""
acacias acre agar alabaster ales alliance aloha along altos ampere anchorage anew angers annex
antelope anthem apex arbutus archway ascot astrakhan auburn awash bade badger bah bake balsas banes
bani bank banning bar barking bath baud bay bear begun bell bend bender best billings bimbo bole
bologna bonito bonny boo boom borne boulder bountiful bow bra brad bras bray brick brusque buckeye
buffalo bury bush butte butterfly buy cairns can canning canton cassia cassino cayenne centennial
central centurion chandler chaparral chino clay cloverleaf cocoa cognac coin colon columbine come
concord converse cork corona cove crystal cypress date davenport deal debar defiance delta derby dig
dire dole dome dour downtown drama dyer eagle elk emporia enterprise erode eureka federal felling
fiche fishers flagstaff fleet flint florin fords forest fountain gap garland garner gay gent god goes
golden gondola gore grapevine grays green griffin grove groves hale harrow hawthorn hays hem
hermitage hexing hickory highland hillside hire hit ho holiday homburg homestead honcho hook horn
hove hue humble hurricane imperial independence jam jasper jingling keystone lancing largo lattes
laurel leek leer lend lens liberal liberty lice liege limerick linden lira lisle luau magenta
maidenhead male man manage manga mango manly mantilla maracas march marina marks martin mascara
mascot mason medias mentor meridian mesa mesquite metro midland midstream midway mile mine mission
mobile mocha moron moss most much muscat mustang natal neath newton nice normal ocher ode of officer
ogre opportunity oral orange orchards overland oxford pa pace paisley panorama papa papaya paradise
paramount pare parole pearl pecs peer pen perm phoenix pinto piranhas pita plantation plum plunge
police pop portage posse pout prosper providence pueblo puma punch quarto queens reading republic
reservoir retreat revere rho rich riverside rogers roman roses rouge rugby ruse rye saga sake saki
sale salt samba same sandy sari savage savannah save say seaside sedan semi shanghai shaping shone
shoreline shush silvan sim simmering sire slough sparks split spring springs stains sterling stoke
stow sue sulphur summit sunrise sunset superior surprise surrey swords sycamore tamale tame tangier
tank temple tequila terrace than time tire to tome tooting torrent tours troy tubas tucker tulle
union university upland uptown valence van vicar vicuña vineyard vise vista wadi walker walnut ware
warren wedding weir welling wellington westerly wetter wheeling woodland woodlands worms wright ye
yoga young
""".split())

# City names that are frequent French words (hand-picked from the Debian
# wfrench list intersected with cities15000).  Such a city is emitted for en only.
FR_WORDS = set("""
ans ami avion bah bar bol boom borne bras bulle cela central coin croix date dire douane fiche fier
fontaine gare gay golden green hem humble jambes lattes lice mage mai manage marks mine mission
mobile nomme normal ode oral orange pare pari parole plaisir police pop rades roman rouge roses ruse
sale salé se sens serres sue sur surprise tank temple tire torrent tours un union vise vite vitre
sera sire van lira natal tempe terme tome mentor magenta panorama mascara tigre puma hit mon mus mut
tata papa delta hurricane rugby cognac gouda tequila yoga samba punch turbo pullman lido sterling
florin dinar mastic ponce quarto gondola lourdes sucre valence mali chine cote marin marina martin
canton vienne
""".split())

# Cities kept in both languages although the name is also a word: the city
# dominates in news text.
CITY_KEEP = set("""
paris bordeaux boston dallas gaza lima milan rabat muscat suez tripoli zanzibar porto phoenix
shanghai malaga palma liège liege limoges calais cannes bristol oxford astrakhan bologna perm angers
anchorage savannah tangier cayenne wellington
""".split())

# Dropped everywhere: given names and surnames that flood person mentions,
# and words not caught above.
CITY_STOP = set("""
victoria florence charlotte douglas alexandra alvin brandon chandler clive dalton donna harper
jasper martin mason newton palmer ramona rogers tucker walker warren wright young marina gloria
sandy carmel abu barrie hamada christian independence mission split reading mobile orange
paradise surprise union republic liberty university police normal
""".split())


def city_langs(name):
    k = name.casefold()
    if k in CITY_STOP:
        return []
    if k in CITY_KEEP:
        return ["*"]
    en, fr = k in EN_WORDS, k in FR_WORDS
    if en and fr:
        return []
    if en:
        return ["fr"]
    if fr:
        return ["en"]
    return ["*"]


def place_names(raw):
    """The usable, distinct spellings of a place (name, ascii name)."""
    names = []
    for n in raw:
        n = " ".join(n.split())
        if usable(n) and len(n) >= 3 and len(n.split()) <= 5 and norm(n) not in map(norm, names):
            names.append(n)
    return names


# Articles that Arabic-script names carry in their transliterations ("Ar
# Raqqah", "Al Fallujah"): a spelling variant may write them or not.
TRANSLIT_ARTICLE = re.compile(r"^(?:al|el|ar|ad|as|ash|at|az|an|ath|adh)[\s'\-]+", re.I)


def spelling_key(s):
    """A name without its diacritics, Arabic article, punctuation, spaces
    and final "h": "Al Fallūjah", "Fallujah" and "Falluja" share one."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    s = TRANSLIT_ARTICLE.sub("", s.replace("‘", "'").replace("’", "'"))
    s = re.sub(r"[^a-z]", "", s)
    return s[:-1] if s.endswith("h") else s


NAME_PARTICLES = {"de", "del", "da", "do", "dos", "das", "la", "le", "el", "al", "di", "du",
                  "des", "y", "e", "i", "an", "am", "im", "ad", "ar", "as", "at", "az", "ash",
                  "bin", "ibn", "ben"}


def spelling_variants(c):
    """The alternate names of a cities15000 row that are spellings of its own
    name, as news in English and French write them: ASCII, capitalised, and
    equal to the name or ASCII name once diacritics, an Arabic article, a
    final "h" and punctuation are set aside ("Ar Raqqah" -> "Raqqa", "Al
    Fallūjah" -> "Fallujah", "Sāmarrā’" -> "Samarra"). Exonyms and other
    languages' names ("Alep", "Madrit") are not spellings and stay out."""
    own = {spelling_key(c[1]), spelling_key(c[2])}
    out = []
    for a in c[3].split(","):
        a = " ".join(a.split())
        if not a or not a.isascii() or len(a) < 4 or len(a.split()) > 4:
            continue
        words = [w for w in re.split(r"[\s\-]+", a) if w]
        if not words or not all(w[0].isupper() or w.lower() in NAME_PARTICLES for w in words):
            continue
        if not words[0][0].isupper() or len(spelling_key(a)) < 4 or spelling_key(a) not in own:
            continue
        out.append(a)
    return out


# Treebank training text (ud-train, never its test files) read for the words
# a language writes in lower case: a region name made by dropping its
# administrative word may be one ("Free" of Free State, "Northeastern" of
# Northeastern Governorate), and then no place in that language.
TREEBANK_WORDS = {"en": ("en/ewt-train.conllu",),
                  "fr": ("fr/sequoia-train.conllu", "fr/rhapsodie-train.conllu")}


def treebank_common(shared):
    """lang -> the lower-cased words the language's treebank training text
    writes in lower case at least 3 times and more often than capitalised."""
    out = {}
    for lang, files in TREEBANK_WORDS.items():
        low, cap = {}, {}
        for f in files:
            path = os.path.join(shared, "ud-train", f)
            if not os.path.exists(path):
                continue
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    c = line.split("\t")
                    if len(c) < 2 or not c[0].isdigit():
                        continue
                    w = c[1]
                    if w.islower():
                        low[w] = low.get(w, 0) + 1
                    elif w[:1].isupper():
                        cap[w.lower()] = cap.get(w.lower(), 0) + 1
        out[lang] = {w for w, n in low.items() if n >= 3 and n > cap.get(w, 0)}
    return out


def without_common(langs, name, common):
    """The row languages of a one-word place name made by dropping an
    administrative word, less the languages whose treebank writes the word
    in lower case ("Free" of Free State: French only). common: lang -> words,
    or None (a name as its source writes it: no check)."""
    if not common or " " in name or "-" in name:
        return langs
    k = name.lower()
    hit = {lang for lang, words in common.items() if k in words}
    if not hit:
        return langs
    out = []
    for lang in langs:
        if lang == "*":
            out += [x for x in ("en", "fr") if x not in hit and x not in langs]
        elif lang not in hit:
            out.append(lang)
    return out


def place_rows(rows, dropped, kind, names, code, attrs, manual, taken, generic=lambda k: False,
               common=None, derived=()):
    """Rows of a city or region under the cities rules: a name that is a
    country's or capital's (taken), or generic, or a common word in both
    languages is dropped; a common word of one language keeps the other
    (for the derived names, treebank_common's words too)."""
    for n in names:
        k = norm(n)
        if k in taken or generic(k):
            dropped.add(n)
            continue
        langs = without_common(city_langs(n), n, common if n in derived else None)
        if not langs:
            dropped.add(n)
            continue
        for lang in langs:
            if not in_manual(manual, lang, n):
                rows.append((kind, lang, n, code, dict(attrs)))


def gen_capitals_cities(src, manual, country_rows, outdir):
    cities = list(src.cities())
    by_cc = {}
    for c in cities:
        by_cc.setdefault(c[8], []).append(c)
    capitals = {}   # geonameid -> country dict
    for d in src.countries:
        cands = by_cc.get(d["iso2"], [])
        cap = d["capital"]
        pick = [c for c in cands if c[7] == "PPLC" and (not cap or cap in (c[1], c[2]) or cap in c[3].split(","))]
        if not pick:
            pick = [c for c in cands if c[7] == "PPLC"]
        if not pick and cap:
            pick = [c for c in cands if cap in (c[1], c[2])]
        if not pick:
            continue
        pick.sort(key=lambda c: -int(c[14] or 0))
        capitals[pick[0][0]] = (d, pick[0])
    # phrases of countries (any language) for collision checks
    country_phr = {}
    for r in country_rows:
        country_phr.setdefault(norm(r[2]), set()).add(r[3])

    def place_attrs(d, c, extra):
        a = {"id": "gn" + c[0], "country": d["iso3"]}   # ISO; code carries the CAMEO form
        adm = src.regions.get("%s.%s" % (c[8], c[10]))
        if adm:
            a["admin"] = adm
        a["lat"] = "%.4f" % float(c[4])
        a["lon"] = "%.4f" % float(c[5])
        a.update(extra)
        return a

    cap_rows = []
    # homonym capitals (Kingston JAM / NFK) go to the independent state, else to nobody
    claims = {}
    for gid, (d, c) in sorted(capitals.items()):
        for n in (c[1], c[2], d["capital"]):
            claims.setdefault(norm(clean(n)), set()).add((1 if src.independent(d["iso3"]) else 0, d["code"]))
    cap_owner = {}
    for k, cl in claims.items():
        best = max(p for p, _ in cl)
        codes = [code for p, code in cl if p == best]
        cap_owner[k] = (best, codes[0]) if len(codes) == 1 else None
    for gid, (d, c) in sorted(capitals.items()):
        names = {}
        for n in (c[1], c[2], d["capital"]):
            n = clean(n)
            if usable(n):
                for lang in city_langs(n):
                    if not any(l == lang and norm(m) == norm(n) for (l, m) in names):
                        names[(lang, n)] = 1
        tz = c[17]
        tzcity = tz.rsplit("/", 1)[-1].replace("_", " ")
        if norm(tzcity) in (norm(c[2]), norm(c[1]), norm(d["capital"])):
            for lang in LANGS:
                ex = src.cldr_city[lang].get(tz)
                if ex:
                    ex = clean(ex)
                    if usable(ex) and not any(norm(ex) == norm(n) for (_, n) in names):
                        names[(lang, ex)] = 1
        for (lang, n) in sorted(names):
            if in_manual(manual, lang, n):
                continue
            owner = cap_owner.get(norm(n), (0, d["code"]))
            if owner is None or owner[1] != d["code"]:
                continue    # homonym capital of another territory (Kingston JAM / NFK)
            if norm(n) in country_phr:
                continue    # city-states (Monaco, Singapore): the country entry covers it
            cap_rows.append(("capital", lang, n, d["code"],
                             place_attrs(d, c, {"gov": "1", "pop": c[14]})))
    ncap = write_tsv(os.path.join(outdir, "capitals.tsv"), cap_rows, [
        "sources: GeoNames countryInfo capital column + cities15000 (PPLC row, name, asciiname);",
        "other-language names from CLDR exemplar cities of the capital's time zone.",
        "gov=1: the capital used as an actor stands for the government; code = country.",
        "capital names that are common words follow the cities rules (see cities.tsv).",
    ])
    cap_keys = {norm(r[2]) for r in cap_rows}

    taken = set(country_phr) | cap_keys
    rows, dropped = [], set()
    for c in cities:
        if c[0] in capitals:
            continue
        d = src.by_iso2.get(c[8])
        if not d:
            continue
        place_rows(rows, dropped, "city", place_names([c[1], c[2]] + spelling_variants(c)), d["code"],
                   place_attrs(d, c, {"pop": c[14]}), manual, taken)
    nc = write_tsv(os.path.join(outdir, "cities.tsv"), rows, [
        "source: GeoNames cities15000 (name + asciiname, and the alternate names that spell the",
        "same name: ASCII, capitalised, equal once diacritics, an Arabic article and a final h",
        "are set aside: 'Ar Raqqah' -> Raqqa), admin = regionInfo admin-1 name;",
        "capitals are in capitals.tsv.  lang * unless the name is a common word:",
        "an English word -> fr only, a French word -> en only, both -> dropped.",
        "dropped (common words, given names, or same as a country/capital name): " + ", ".join(sorted(dropped)),
    ])
    return ncap, nc, cap_keys, country_phr


# Words that describe a region rather than name it: a region name made of
# these only ("Eastern Province", "Centre", "North-West", "Capital Region")
# is left out.
REGION_GENERIC = set("""north south east west northern southern eastern western central centre
center middle upper lower region regions province provinces district department parish
capital coast coastal littoral plateau plateaux highlands lowlands lakes islands island
nord sud est ouest centre-nord centre-sud centre-est centre-ouest north-west north-east
south-west south-east northwest northeast southwest southeast far interior federal
territory municipality city""".split())


REGION_AFFIX = re.compile(r"^(?:province|state|region|department|governorate|prefecture|republic)"
                          r" of (?:the )?|\s+(?:region|province|governorate|oblast|prefecture|"
                          r"department|state|krai|kray|voivodeship|county|district|municipality)$",
                          re.I)


def region_short(name):
    """The region's name without its administrative word, or None."""
    n = REGION_AFFIX.sub("", name).strip()
    return n if n != name and len(n) >= 3 else None


def region_key(name):
    """A loose key to match a GeoNames region name with CLDR's: no accents,
    no administrative words, no articles, letters and digits only."""
    n = unicodedata.normalize("NFKD", name)
    n = "".join(ch for ch in n if not unicodedata.combining(ch)).lower()
    n = re.sub(r"\(.*?\)", " ", n)
    words = [w for w in re.split(r"[^a-z0-9]+", n) if w and w not in (
        "region", "province", "governorate", "oblast", "prefecture", "department", "state",
        "krai", "kray", "voivodeship", "county", "district", "municipality", "of", "the",
        "al", "el", "autonomous", "republic", "de", "du", "la", "le", "d", "l")]
    return "".join(words)


def cldr_subdivisions(main_dir):
    """ISO-2 country -> region_key -> {"fr": name, "en": name} from CLDR's
    subdivision names (common/subdivisions beside common/main)."""
    base = os.path.join(os.path.dirname(os.path.normpath(main_dir)), "subdivisions")
    names = {}
    for lang in ("en", "fr"):
        path = os.path.join(base, lang + ".xml")
        if not os.path.exists(path):
            continue
        for t in ET.parse(path).getroot().iter("subdivision"):
            code, text = t.get("type") or "", (t.text or "").strip()
            if len(code) < 3 or not text:
                continue
            text = re.sub(r"\s*\(.*?\)\s*", " ", text).strip().replace("’", "'")
            names.setdefault(code, {})[lang] = text
    out = {}
    for code, d in names.items():
        cc = code[:2].upper()
        for n in d.values():
            k = region_key(n)
            if k:
                out.setdefault(cc, {})
                # a key two subdivisions share matches neither
                out[cc][k] = d if out[cc].get(k, d) is d else {}
    return out


def arabic_bare(name, d):
    """In a country that writes Arabic, a region's name without its article,
    as the news write it: "Al Anbar" -> "Anbar", "Al Muthanna" ->
    "Muthanna"; and without the final h of "-ah" ("Ar Raqqah" -> "Raqqah",
    "Raqqa"). Nothing elsewhere ("An Giang" is a Vietnamese province)."""
    m = TRANSLIT_ARTICLE.match(name) if d.get("arabic") else None
    bare = name[m.end():] if m else ""
    if len(bare) < 4 or not bare[0].isupper():
        return []
    return [bare, bare[:-1]] if bare.endswith("ah") and len(bare) >= 6 else [bare]


def gen_regions(src, manual, cap_keys, country_phr, outdir):
    """Admin-1 regions ("Florida", "Virginia", "Punjab") as places (admin = the
    region itself, id = its GeoNames id), so that a
    state is not read as a same-name town abroad. GeoNames gives regions no
    population or coordinates: a region's pop is the sum of its cities15000
    populations and its point their population-weighted centre; a region
    with no such city is left out (too small to be news, too likely a
    common word). Names follow the cities rules (common words, countries
    and capitals dropped)."""
    pop, lat, lon = {}, {}, {}
    for c in src.cities():
        key = "%s.%s" % (c[8], c[10])
        p = int(c[14] or 0)
        pop[key] = pop.get(key, 0) + p
        lat[key] = lat.get(key, 0.0) + p * float(c[4])
        lon[key] = lon.get(key, 0.0) + p * float(c[5])
    taken = set(country_phr) | cap_keys | getattr(src, "demonym_keys", set())

    def generic(k):
        return all(w in REGION_GENERIC for w in re.split(r"[\s-]+", k) if w)

    cldr = cldr_subdivisions(src.cldr)
    common = treebank_common(src.shared)
    rows, dropped = [], set()
    nshort = nlang = 0
    for code, name, ascii_name, gid in src.region_rows:
        d = src.by_iso2.get(code.split(".")[0])
        if not d or pop.get(code, 0) <= 0:
            continue
        p = pop[code]
        attrs = {"id": "gn" + gid, "country": d["iso3"], "admin": name,
                 "lat": "%.4f" % (lat[code] / p), "lon": "%.4f" % (lon[code] / p), "pop": str(p)}
        # "Medina Region", "Province of Surigao del Sur": also "Medina",
        # "Surigao del Sur", the names the news use
        short = [region_short(n) for n in (name, ascii_name)]
        short += [bare for n in [name, ascii_name] + [n for n in short if n]
                  for bare in arabic_bare(n, d)]
        names = place_names([name, ascii_name] + [n for n in short if n])
        nshort += len(names) - len(place_names((name, ascii_name)))
        place_rows(rows, dropped, "region", names, d["code"], attrs, manual, taken, generic, common,
                   {n for n in short if n})
        # CLDR's French and English names of the region, matched on its
        # name: "Québec", "Floride", "Californie", "Médine"
        sub = cldr.get(code.split(".")[0], {})
        keys = {region_key(n) for n in [name, ascii_name] + [n for n in short if n]}
        hit = [sub[k] for k in keys if k in sub]
        if len(set(map(id, hit))) != 1:
            continue
        for lang in ("fr", "en"):
            n = hit[0].get(lang)
            if not n or norm(n) in {norm(x) for x in names}:
                continue
            k = norm(n)
            if not usable(n) or len(n) < 3 or k in taken or generic(k):
                dropped.add(n)
                continue
            langs = city_langs(n)
            if "*" not in langs and lang not in langs:
                dropped.add(n)
                continue
            if not in_manual(manual, lang, n):
                rows.append(("region", lang, n, d["code"], dict(attrs)))
                names.append(n)
                nlang += 1
    print("regions: %d short names, %d CLDR French/English names" % (nshort, nlang), file=sys.stderr)
    return write_tsv(os.path.join(outdir, "regions.tsv"), rows, [
        "source: GeoNames regionInfo (admin-1 regions: name + ascii name, geonameid, admin1 code);",
        "also the name without 'Region', 'Province', 'Governorate'... ('Medina Region' -> 'Medina'),",
        "in countries that write Arabic also without its article ('Al Anbar' -> 'Anbar', 'Raqqah', 'Raqqa'),",
        "and CLDR's French (lang fr) and English (lang en) subdivision names (unicode-cldr-core,",
        "common/subdivisions/{fr,en}.xml) of the regions whose name matches CLDR's in that country;",
        "pop = sum of the region's cities15000 populations, lat/lon = their population-weighted",
        "centre (GeoNames gives regions neither); regions without such a city are left out.",
        "Same naming rules as cities.tsv; hand-written regions are in regions.manual.tsv.",
        "dropped (common words, descriptions such as 'Eastern Province', or same as a",
        "country/capital name or a demonym): " + ", ".join(sorted(dropped)),
    ])


# ---------------------------------------------------------------- leaders (REIGN)

# REIGN spellings fixed or merged onto one person.
REIGN_FIX = {
    "Ilhma Aliyev": "Ilham Aliyev", "H. Aliyev": "Heydar Aliyev", "Felix Tschisekedi": "Félix Tshisekedi",
    "Campaore": "Compaoré", "Saca Gonzšlez": "Elías Antonio Saca", "Chakewera": "Chakwera",
    "Spasovksi": "Spasovski", "Marthi Ahtisaari": "Martti Ahtisaari", "Maldanado": "Maldonado",
    "Mahatir Bin Mohammad": "Mahathir Mohamad", "Mahathir Bin Mohamed": "Mahathir Mohamad",
    "Boiko Borisov": "Boyko Borisov", "Burdjanadze": "Burjanadze", "Burdzhanadze": "Burjanadze",
    "Komisic": "Željko Komšić", "Komsic": "Željko Komšić", "Zeljko Komsic": "Željko Komšić",
    "Covic": "Dragan Čović", "Dragan Covic": "Dragan Čović", "Ivica Dačić": "Ivica Dačić", "Dacic": "Ivica Dačić",
    "Sher Bahdur Deuba": "Sher Bahadur Deuba", "Tobgye": "Tobgay", "Janez Jansa": "Janez Janša", "Jansa": "Janez Janša",
    "Al-Assad H.": "Hafez al-Assad", "G.W. Bush": "George W. Bush",
    "Ramgoolam N.": "Navin Ramgoolam", "M. Rutte": "Mark Rutte", "B. Cowen": "Brian Cowen", "E. Kenny": "Enda Kenny",
    "A. Nastase": "Adrian Năstase", "G. Rajapakse": "Gotabaya Rajapaksa", "M. Rajapakse": "Mahinda Rajapaksa",
    "D.Barrow": "Dean Barrow", "Abdelrahman Burhan": "Abdel Fattah al-Burhan", "Evans Paul (acting)": "Evans Paul", "Nawaf Al-Sabah": "Nawaf Al-Ahmad Al-Sabah",
    "Jabir As-Sabah": "Jaber Al-Ahmad Al-Sabah", "Jabir Ahmad Al Sabah": "Jaber Al-Ahmad Al-Sabah",
    "Ulukalala Lavaka Ata (Tupou VI)": "Tupou VI", "Muhammad VI": "Mohammed VI",
}

# Exits after REIGN's last update (March 2021) of leaders REIGN lists as
# incumbent, by hand (public record).  Applied to the open spell only.
REIGN_END = {
    "Kurz": "2021-10-11", "Alexander De Croo": "2025-02-03", "Kabore": "2022-01-24",
    "Hasina Wazed": "2024-08-05", "Boyko Borisov": "2021-05-12", "Hubert Minnis": "2021-09-17",
    "Mokgweetsi Masisi": "2024-11-01", "Parmelin": "2021-12-31", "Sebastian Pinera": "2022-03-11",
    "Ivan Duque": "2022-08-07", "Carlos Alvarado Quesada": "2022-05-08", "Raul Castro": "2021-04-19",
    "Nikos Anastasiadis": "2023-02-28", "Lenin Moreno": "2021-05-24", "Sanna Marin": "2023-06-20",
    "Bainimarama": "2022-12-24", "Panuelo": "2023-05-11", "Ondimba": "2023-08-30",
    "Garibashvili": "2024-02-08", "Akufo-Addo": "2025-01-07", "Giammattei": "2024-01-14",
    "Juan Orlando Hernandez": "2022-01-27", "Jovenel Moise": "2021-07-07", "Al-Kadhimi": "2022-10-27",
    "Katrín Jakobsdóttir": "2024-04-09", "Kenyatta": "2022-09-13", "Hoti": "2021-03-22",
    "Nawaf Al-Ahmad Al-Sabah": "2023-12-16", "Saad Hariri": "2021-07-15", "Weah": "2024-01-22",
    "Fayez al-Sarraj": "2021-03-15", "Chastanet": "2021-07-28", "Gotabaya Rajapaksa": "2022-07-14",
    "Karins": "2023-09-15", "Aureliu Ciocoi": "2021-08-06", "Ibrahim Solih": "2023-11-17",
    "Zaev": "2022-01-16", "Ba N'Daou": "2021-05-24", "Zdravko Krivokapic": "2022-04-28",
    "Khaltmaagiin Battulga": "2021-06-25", "Nyussi": "2025-01-15", "Pravind Jugnauth": "2024-11-13",
    "Muhyiddin Yassin": "2021-08-16", "Geingob": "2024-02-04", "Issoufou": "2021-04-02",
    "Buhari": "2023-05-29", "Solberg": "2021-10-14", "Jacinda Ardern": "2023-01-25",
    "Laurentino Cortizo": "2024-07-01", "Francisco Sagasti": "2021-07-28", "Benitez": "2023-08-15",
    "Khalifa Al Nahayan": "2022-05-13", "Lee Hsien Loong": "2024-05-15",
    "Mohamed Abdullahi Farmajo": "2022-05-23", "Ana Brnabic": "2024-05-02", "Matovic": "2021-04-01",
    "Janez Janša": "2022-06-01", "Lofven": "2021-11-30", "Deby": "2021-04-20",
    "Prayuth Chan-ocha": "2023-08-22", "Berdymukhammedov": "2022-03-19",
    "Francisco Guterres": "2022-05-20", "Magufuli": "2021-03-17", "Luis Pou": "2025-03-01",
    "Phu Trong": "2024-07-19", "Lungu": "2021-08-24", "Tuilaepa Sailele Malielegaoi": "2021-07-23",
    "Rowley": "2025-03-17", "Carvalho": "2021-10-02", "Tu'I'onetoa": "2021-12-27", "Natano": "2024-02-26",
    "Loughman": "2022-11-04", "Sogavare": "2024-05-02", "Hun Sen": "2023-08-22", "Majoro": "2022-10-28",
    "Bettel": "2023-11-17", "Kabua": "2024-01-02", "Aingimea": "2022-10-27", "Lotay Tshering": "2024-01-28",
    "Dodik": "2022-11-16", "Wavel Ramkalawan": "2025-10-26", "Chakwera": "2025-10-04",
    "Rajoelina": "2025-10-14", "Santokhi": "2025-07-16", "de Sousa": "2026-03-09",
}


# Single-word REIGN names not emitted alone: common words, given names,
# surnames shared by several well-known people, or by two leaders.
SURNAME_STOP = set("""
albert anthony arthur banda barak bell brown bush castro christian clark clinton conte conde
douglas fernandez fischer flores harris johnson king kern klima martin may meta michel mitchell
molina morales mori musa mustafa note parts pereira rama rasmussen rene salam salman sanchez scott
sharif spencer stephen stuart suleiman taylor thomas thompson tito tong vaz abdullah luka mulk
hadi houthi oli mansour abdou harper lobo persson cameron howard christie adami abela marti
talake scotty sika compton muscat miranda nakamura maldonado bryant patterson djibo telavi
""".split())


# Leaders' surnames alone ("Johnson", "Widodo"), known only in office: the
# entry's base code is "---" and src/actors.c drops it outside its roles.
# From REIGN's surname-only names that SURNAME_STOP drops for being shared
# (those that are no common word), and the last word of its full names,
# except these: common words, given names and widespread surnames, and the
# family-first names of East Asia (their last word is a given name).
GATED_FROM_STOP = {"johnson", "clinton", "cameron", "harper"}
GATED_STOP = set("""
abbas abdelaziz abdulaziz ahmed alexandre austin aziz bird blah boni brown bush cabrera castro
conte conti cooper cornejo croo dan douglas drian english escobar fernandez fernández franco
franks gallant gang garner gatti gross hassan hernandez hussein issa james jonathan jung kan
katz kenny kerry key lai lam leyen lugo martin marin marcos may medina mesa miller mills
montenegro moreno mori morales nepal omar ortega pacheco palacio paul paz perez pereira philip
philippe pou qiang rahman ramirez reyna rodriguez rosa rosario rua rupo saa said salam sanchez
sánchez santos sen sharon solis store suarez sullivan tamim tariq toledo tong toure traore
traoré vance mazen correa duque hernández pérez rodríguez suárez gonzález gonzalez lopez lópez
garcia garcía diaz díaz martinez martínez ramos silva sousa jr ii iii khan singh wade yukio
vazquez dorji chand thapa yassin mohamad mohamud madi jalil gutierrez mejia diab filip heine nano
merino varela echeverria moise markovic borisov
""".split())
FAMILY_FIRST = {"CHN", "PRK", "KOR", "TWN", "VNM", "KHM", "MMR", "HKG", "MNG", "LAO"}
NAME_PARTICLES = {"bin", "ben", "ibn", "al", "el", "ould", "de", "da", "dos", "do", "van", "von",
                  "der", "la", "le", "du", "abu", "abou", "ag", "dit"}


def gated_surnames(people, place_keys, taken):
    """(code, name) -> roles of REIGN leaders => rows of surname entries
    matched only in office; place_keys and taken are norm keys to avoid."""
    given = {norm(n.split()[0]) for _, n in people if len(n.split()) > 1}
    cand = {}
    for (code, name), roles in people.items():
        w = name.split()
        if len(w) == 1:
            if name.lower() not in GATED_FROM_STOP:
                continue
            sur = name
        else:
            if code in FAMILY_FIRST or any(x.lower().strip(".") in NAME_PARTICLES for x in w[:-1]):
                continue
            sur = w[-1]
        k = norm(sur)
        if (len(sur) < 4 or not sur[0].isupper() or not sur.replace("-", "").isalpha() or
                k in GATED_STOP or (k in SURNAME_STOP and k not in GATED_FROM_STOP) or
                (k in given and k not in GATED_FROM_STOP) or k in place_keys or k in taken):
            continue
        cand.setdefault(k, []).append((sur, slug(name), roles))
    rows = []
    for k, lst in sorted(cand.items()):
        if len({pid for _, pid, _ in lst}) > 1:
            continue    # two leaders of that surname
        sur, pid, roles = lst[0]
        rows.append(("person", "*", sur, "---", {"id": pid, "roles": ",".join(sorted(set(roles)))}))
    return rows


def slug(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def gen_leaders(src, manual, manual_person_ids, outdir):
    cow = {}
    with open(os.path.join(src.shared, "text-to-cameo", "countrynames.txt"), encoding="utf-8", errors="replace") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) >= 3 and c[2].strip() not in ("000", "") and len(c[1]) == 3:
                cow.setdefault(int(c[2]), c[1])
    raw = open(os.path.join(src.shared, "reign", "leaderlist_3_21.csv"), "rb").read().decode("utf-8", "replace")
    rows = list(csv.reader(io.StringIO(raw)))[1:]
    spells = []
    seen = set()
    for r in rows:
        if len(r) < 9 or not r[6]:
            continue
        key = tuple(r[:9])
        if key in seen:
            continue
        seen.add(key)
        try:
            ccode = int(r[1])
            start = (int(r[6]), int(r[5]), int(r[4]))
            end = (int(r[8]), int(r[7])) if r[8] else None
        except ValueError:
            continue
        spells.append({"ccode": ccode, "name": r[3].strip(), "start": start, "end": end})
    starts = {}
    for s in spells:
        starts.setdefault(s["ccode"], []).append(s["start"])
    people = {}
    for s in spells:
        if s["end"] and s["end"][0] < 2000:
            continue
        code = cow.get(s["ccode"])
        if not code:
            continue
        name = re.sub(r"\s*\((f|acting|\d+(st|nd|rd|th) time)\)", "", s["name"]).strip()
        if " and " in name or "&" in name:
            continue   # San Marino's pairs of captains regent
        name = REIGN_FIX.get(name, name)
        y, m, d = s["start"]
        frm = "%04d-%02d-%02d" % (y, m, d)
        to = ""
        if s["end"]:
            ey, em = s["end"]
            nxt = [st for st in starts[s["ccode"]] if (st[0], st[1]) == (ey, em) and st > s["start"]]
            if nxt:
                to = "%04d-%02d-%02d" % min(nxt)
            else:
                to = "%04d-%02d-%02d" % (ey, em, calendar.monthrange(ey, em)[1])
        if not to and name in REIGN_END:
            to = REIGN_END[name]
        people.setdefault((code, name), []).append("%sGOV:%s:%s" % (code, frm, to))
    out, skipped = [], []
    for (code, name), roles in sorted(people.items()):
        pid = slug(name)
        surname_only = len(name.split()) == 1
        if pid in manual_person_ids or in_manual(manual, "*", name):
            skipped.append(name)
            continue
        if surname_only and (name.lower() in SURNAME_STOP or len(name) < 4):
            skipped.append(name)
            continue
        out.append(("person", "*", name, code, {"id": pid, "roles": ",".join(sorted(set(roles)))}))
    # surnames alone, known only in office (the full name's id, a manual one
    # when the manual file names the person)
    place_keys, taken = set(), set()
    for fn in ("countries.tsv", "capitals.tsv", "cities.tsv", "regions.tsv", "demonyms.tsv"):
        path = os.path.join(outdir, fn)
        if os.path.exists(path):
            for line in open(path, encoding="utf-8"):
                c = line.split("\t")
                if len(c) > 2 and not line.startswith("#"):
                    place_keys.add(norm(c[2]))
    taken = {norm(r[2]) for r in out} | {k for (_, k) in manual}
    manual_ids = manual_person_names(outdir)
    for row in gated_surnames(people, place_keys, taken):
        full = [n for (_, n) in people if slug(n) == row[4]["id"]]
        if full and len(full[0].split()) == 1:
            # a REIGN surname ("Johnson"): the hand-written person of that
            # surname and country, when there is one
            cc = row[4]["roles"][:3]
            same = [n for n in manual_ids if n.split()[-1] == norm(full[0]) and len(n.split()) > 1
                    and (manual_ids[n][1] or "").startswith(cc)]
            if len(same) == 1:
                full = [same[0]]
        if full and norm(full[0]) in manual_ids:
            # the hand-written person: its id, and its dated roles (REIGN
            # ends in March 2021)
            row[4]["id"], roles = manual_ids[norm(full[0])]
            if roles:
                row[4]["roles"] = roles
        out.append(row)
    n = write_tsv(os.path.join(outdir, "leaders.tsv"), out, [
        "source: REIGN leaderlist_3_21.csv (Bell, Besaw & Frank 2021, One Earth Future), effective",
        "leaders in office since 2000; COW -> CAMEO via text-to-cameo countrynames.txt.  REIGN ends",
        "March 2021: a role open at that date is closed from the REIGN_END table in this script or",
        "left open, unless leaders.manual.tsv covers the person.  REIGN gives only month/year of exit: the end day is the successor's start day",
        "when it falls in that month, else the month's last day.  Names are REIGN's (often surname",
        "only).  Left to leaders.manual.tsv or dropped as ambiguous: " + ", ".join(sorted(set(skipped))),
        "Surnames alone with code --- are known only in office (src/actors.c drops them outside their",
        "roles): REIGN's last names but common words, given names, shared surnames and places.",
    ])
    return n


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    ap.add_argument("--shared", default=os.path.join(repo, "..", "shared", "data"))
    ap.add_argument("--cldr", default="/usr/share/unicode/cldr/common/main")
    ap.add_argument("--out", default=os.path.join(repo, "data", "actors"))
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    src = Sources(a.shared, a.cldr)
    manual, person_ids = load_manual(a.out)
    nc, country_rows = gen_countries(src, manual, a.out)
    nd = gen_demonyms(src, manual, country_rows, a.out)
    ncap, ncity, cap_keys, country_phr = gen_capitals_cities(src, manual, country_rows, a.out)
    nr = gen_regions(src, manual, cap_keys, country_phr, a.out)
    nl = gen_leaders(src, manual, person_ids, a.out)
    for f, n in (("countries.tsv", nc), ("demonyms.tsv", nd), ("capitals.tsv", ncap),
                 ("cities.tsv", ncity), ("regions.tsv", nr), ("leaders.tsv", nl)):
        print("%-14s %6d entries" % (f, n), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
