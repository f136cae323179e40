#!/usr/bin/env python3
"""gen_text_tables.py - compile data/text/ into src/text_tables.c.

The text pipeline (tokens, sentences, langid, stems) must work with no
compiled lexicon, so its small word lists are generated C tables, committed
as generated source (as utf8proc commits its Unicode tables). Run it after
editing anything under data/text/:

    python3 tools/gen_text_tables.py [--data data/text] [--cldr DIR] [--out src/text_tables.c]

Inputs (formats in the files' own header comments):
  data/text/{fr,en}/abbreviations.txt        ABBR [TAB title]
  data/text/{fr,en}/abbreviations-exclude.txt CLDR entries to drop
  CLDR common/segments/{fr,en}.xml          sentence-break suppressions
  data/text/fr/elisions.txt, fr/inversions.txt, en/clitics.txt
  data/text/{fr,en,es,de}/stopwords.txt
  data/text/{fr,en}/lemmas.tsv              FORM TAB LEMMA
Every table is sorted by bytes so the C side can bsearch with strcmp.
"""
import argparse
import html
import os
import re
import sys

LANGS = {'fr': 1, 'en': 2, 'es': 4, 'de': 8}
MASKNAME = {1: 'DYADI_L_FR', 2: 'DYADI_L_EN', 4: 'DYADI_L_ES', 8: 'DYADI_L_DE'}


def lines(path):
    """Non-blank, non-comment lines of a UTF-8 text file, stripped."""
    out = []
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip('\n').rstrip('\r')
            if not line.strip() or line.lstrip().startswith('#'):
                continue
            out.append((n, line))
    return out


def words(path):
    return [w for _, line in lines(path) for w in line.split()]


def cstr(s):
    """A C string literal: ASCII as is, other bytes as octal escapes."""
    out = ['"']
    for b in s.encode('utf-8'):
        c = chr(b)
        if c in '"\\':
            out.append('\\' + c)
        elif 32 <= b < 127:
            out.append(c)
        else:
            out.append('\\%03o' % b)
    out.append('"')
    return ''.join(out)


def bkey(s):
    return s.encode('utf-8')


def mask(m):
    return '|'.join(MASKNAME[b] for b in sorted(MASKNAME) if m & b) or '0'


def cldr_suppressions(path):
    with open(path, encoding='utf-8') as f:
        xml = f.read()
    # only the sentence-break suppressions
    m = re.search(r'<segmentation type="SentenceBreak">(.*?)</segmentation>', xml, re.S)
    if not m:
        sys.exit('%s: no SentenceBreak segmentation' % path)
    return [html.unescape(s).strip() for s in re.findall(r'<suppression>(.*?)</suppression>', m.group(1))]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--data', default=os.path.join(root, 'data', 'text'))
    ap.add_argument('--cldr', default='/usr/share/unicode/cldr/common/segments')
    ap.add_argument('--out', default=os.path.join(root, 'src', 'text_tables.c'))
    a = ap.parse_args()
    d = a.data

    # abbreviations: {text: [langmask, title]}
    abbr = {}
    for lang in ('fr', 'en'):
        bit = LANGS[lang]
        excl = set(words(os.path.join(d, lang, 'abbreviations-exclude.txt')))
        cpath = os.path.join(a.cldr, lang + '.xml')
        if not os.path.exists(cpath):
            sys.exit('%s: missing (install unicode-cldr-core or pass --cldr)' % cpath)
        for s in cldr_suppressions(cpath):
            if s in excl or not s.endswith('.') or ' ' in s:
                continue
            e = abbr.setdefault(s, [0, 0])
            e[0] |= bit
        for n, line in lines(os.path.join(d, lang, 'abbreviations.txt')):
            f = line.split('\t')
            s = f[0].strip()
            if not s.endswith('.') or ' ' in s:
                sys.exit('%s/abbreviations.txt:%d: an abbreviation ends with a period and has no space' % (lang, n))
            e = abbr.setdefault(s, [0, 0])
            e[0] |= bit
            if len(f) > 1 and f[1].strip() == 'title':
                e[1] = 1
            elif len(f) > 1 and f[1].strip():
                sys.exit('%s/abbreviations.txt:%d: unknown class %r' % (lang, n, f[1]))

    stop = {}
    for lang, bit in LANGS.items():
        for w in words(os.path.join(d, lang, 'stopwords.txt')):
            stop[w.replace('\u2019', "'")] = stop.get(w, 0) | bit

    lemmas = {}
    for lang in ('fr', 'en'):
        t = {}
        for n, line in lines(os.path.join(d, lang, 'lemmas.tsv')):
            f = line.split('\t')
            if len(f) != 2 or not f[0] or not f[1]:
                sys.exit('%s/lemmas.tsv:%d: expected FORM<TAB>LEMMA' % (lang, n))
            if f[0] in t and t[f[0]] != f[1]:
                sys.exit('%s/lemmas.tsv:%d: %s has two lemmas' % (lang, n, f[0]))
            t[f[0]] = f[1]
        lemmas[lang] = t

    elis = sorted({w.rstrip("'\u2019") for w in words(os.path.join(d, 'fr', 'elisions.txt'))}, key=bkey)
    inv = sorted(set(words(os.path.join(d, 'fr', 'inversions.txt'))), key=bkey)
    clit = sorted(set(words(os.path.join(d, 'en', 'clitics.txt'))), key=bkey)

    o = []
    o.append('/* generated by tools/gen_text_tables.py from data/text/, do not edit */')
    o.append('/* text_tables.c - word lists of the text pipeline (abbreviations with')
    o.append(' * CLDR segmentation suppressions, elisions, clitics, stopwords, irregular')
    o.append(' * lemmas), sorted by bytes for bsearch; see text_tables.h. */')
    o.append('#include "text_tables.h"')
    o.append('')
    o.append('const dyadi_abbrev dyadi_abbrevs[] = {')
    for s in sorted(abbr, key=bkey):
        m, t = abbr[s]
        o.append('    {%s, %s, %d},' % (cstr(s), mask(m), t))
    o.append('};')
    o.append('const size_t dyadi_n_abbrevs = sizeof dyadi_abbrevs / sizeof dyadi_abbrevs[0];')
    o.append('')
    o.append('const dyadi_wordmask dyadi_stopwords[] = {')
    for s in sorted(stop, key=bkey):
        o.append('    {%s, %s},' % (cstr(s), mask(stop[s])))
    o.append('};')
    o.append('const size_t dyadi_n_stopwords = sizeof dyadi_stopwords / sizeof dyadi_stopwords[0];')
    for lang in ('fr', 'en'):
        o.append('')
        o.append('const dyadi_lemma dyadi_lemmas_%s[] = {' % lang)
        t = lemmas[lang]
        for s in sorted(t, key=bkey):
            o.append('    {%s, %s},' % (cstr(s), cstr(t[s])))
        o.append('};')
        o.append('const size_t dyadi_n_lemmas_%s = sizeof dyadi_lemmas_%s / sizeof dyadi_lemmas_%s[0];' % (lang, lang, lang))
    for name, lst in (('elisions_fr', elis), ('inversions_fr', inv), ('clitics_en', clit)):
        o.append('')
        o.append('const char *const dyadi_%s[] = {' % name)
        for s in lst:
            o.append('    %s,' % cstr(s))
        o.append('};')
        o.append('const size_t dyadi_n_%s = sizeof dyadi_%s / sizeof dyadi_%s[0];' % (name, name, name))
    tmp = a.out + '.tmp'
    with open(tmp, 'w', encoding='ascii') as f:
        f.write('\n'.join(o) + '\n')
    os.replace(tmp, a.out)
    print('%s: %d abbreviations, %d stopwords, %d+%d lemmas' % (
        a.out, len(abbr), len(stop), len(lemmas['fr']), len(lemmas['en'])))


if __name__ == '__main__':
    main()
