/* foreign.c - readers for TABARI and PETRARCH dictionaries.
 *
 * Researchers hold years of work in TABARI (.actors, .agents, .verbs,
 * tied together by a .project file) and PETRARCH (actors, agents, verbs,
 * discards text files) dictionaries. Rather than a second matcher, each
 * foreign entry is converted into the columns of dyad's own sources
 * (docs/formats.md) and given to the dictionary compiler (dictsrc.h), so
 * it is keyed by the same tokenizer and stemmer, lands in the same binary
 * lexicon and is coded by the same recogniser and coder as data/.
 *
 * The formats are richer than dyad's frames in places (TABARI prefix
 * matching, null and discard codes, source/target markers anywhere in a
 * pattern, compounds). Every syntax element is counted as converted,
 * approximated or skipped (foreign.h), and every approximation or skip is
 * a warning with FILE:LINE: nothing is dropped silently. The mapping is
 * documented in docs/design.md, "TABARI and PETRARCH dictionaries".
 *
 * Only the file formats are read here; no TABARI or PETRARCH code is used. */
#include "foreign.h"
#include "options.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define MAX_FILE (64u * 1024u * 1024u)  /* larger dictionary files are refused */
#define MAX_TEXT 1024u                  /* a phrase, pattern or attribute list */
#define MAX_PHRASES 64u                 /* head phrase + synonyms of an entry */
#define MAX_CODES 32u                   /* code brackets of an entry */
#define MAX_HEADS 64u                   /* verb forms of one block */
#define MAX_VARIANTS 64u                /* expansions of one pattern */
#define MAX_ITEMS 48u                   /* words and markers in a pattern */
#define MAX_FILES 64u                   /* files named by one spec */

/* Target prepositions of a TABARI pattern without '+': TABARI takes the
 * first actor after the verb, dyad the object or a frame preposition, so
 * the usual ones are listed. */
#define DEFAULT_PREPS "with,to,against,on,for,in,from,at,into,toward,towards,over,about,between"

enum { K_ACTORS, K_AGENTS, K_VERBS, K_DISCARDS, K_OPTIONS, K_OTHER };

typedef struct synset {
    char *name;         /* without '&' and trailing '_' */
    char **mem;
    size_t n, cap;
} synset;

typedef struct subst {
    char *name;         /* "!PERSON!" */
    char **mem;
    size_t n, cap;
} subst;

typedef struct fr {
    dyadi_dict_src *src;
    dyadi_foreign_stats *fx;
    int tabari;
    const char *path;
    const char *base;   /* file name, for rule ids */
    synset *syn;
    size_t nsyn, capsyn;
    subst *sub;
    size_t nsub, capsub;
    int nomem;
    int head_among;     /* the verb block took a '% *' pattern's code (merged) */
    uint32_t merged_line;   /* that pattern's line, not emitted again */
} fr;

typedef struct spec_file {
    char path[PATH_MAX];
    int kind;
} spec_file;

typedef struct spec {
    int tabari;
    spec_file f[MAX_FILES];
    size_t n;
} spec;

/* ---- small helpers ------------------------------------------------------ */

static void count(fr *r, int el, int how)
{
    r->fx->n[el][how]++;
}

static void warn(fr *r, uint32_t line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static void warn(fr *r, uint32_t line, const char *fmt, ...)
{
    char msg[1400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    dyadi_dict_src_warn(r->src, line, "%s", msg);
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s);
    char *d = malloc(n + 1);
    if (d)
        memcpy(d, s, n + 1);
    return d;
}

/* Append to a bounded string; -1 when it would not fit. */
static int cat(char *dst, size_t cap, const char *s)
{
    size_t n = strlen(dst), m = strlen(s);
    if (n + m + 1 > cap)
        return -1;
    memcpy(dst + n, s, m + 1);
    return 0;
}

static int push_str(char ***v, size_t *n, size_t *cap, const char *s)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 8;
        char **nv = realloc(*v, nc * sizeof *nv);
        if (!nv)
            return -1;
        *v = nv;
        *cap = nc;
    }
    if (!((*v)[*n] = dup_str(s)))
        return -1;
    (*n)++;
    return 0;
}

/* Remove a comment: '#' or ';' after a blank or at the start, outside a
 * [code] bracket (codes may be "###"). */
static void strip_comment(char *s)
{
    int depth = 0;
    for (char *p = s; *p; p++) {
        if (*p == '[')
            depth++;
        else if (*p == ']' && depth)
            depth--;
        else if ((*p == '#' || *p == ';') && !depth &&
                 (p == s || p[-1] == ' ' || p[-1] == '\t' || p[-1] == ']' || *p == ';')) {
            *p = '\0';
            return;
        }
    }
}

static void upcase(char *s)
{
    for (; *s; s++)
        if (*s >= 'a' && *s <= 'z')
            *s = (char)(*s - 'a' + 'A');
}

/* A whole file in memory, NUL-terminated; the reader edits lines in place. */
static char *slurp(const char *path, size_t *len, char *errbuf, size_t errlen)
{
    char *buf = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(errbuf, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    buf = malloc(cap);
    if (!buf)
        goto fail;
    for (;;) {
        if (n + 1 >= cap) {
            if (cap >= MAX_FILE) {
                snprintf(errbuf, errlen, "%s: larger than %u bytes", path, MAX_FILE);
                goto fail;
            }
            char *nb = realloc(buf, cap * 2);
            if (!nb)
                goto fail;
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        snprintf(errbuf, errlen, "%s: read error", path);
        goto fail;
    }
    buf[n] = '\0';
    fclose(f);
    *len = n;
    return buf;
fail:
    if (!errbuf[0])
        snprintf(errbuf, errlen, "%s: out of memory", path);
    free(buf);
    fclose(f);
    return NULL;
}

/* Line iterator over a slurped buffer: NUL-terminates each line and drops
 * <!-- ... --> comments, which PETRARCH files use across lines. */
typedef struct lines {
    char *p, *end;
    uint32_t no;
    int in_xml_comment;
} lines;

static char *next_line(lines *L)
{
    while (L->p < L->end) {
        char *s = L->p;
        char *nl = memchr(s, '\n', (size_t)(L->end - s));
        if (nl) {
            *nl = '\0';
            L->p = nl + 1;
        } else {
            L->p = L->end;
        }
        L->no++;
        /* drop XML comments, possibly spanning lines */
        char *w = s;
        for (char *q = s; *q;) {
            if (L->in_xml_comment) {
                char *e = strstr(q, "-->");
                if (!e) {
                    q += strlen(q);
                    break;
                }
                L->in_xml_comment = 0;
                q = e + 3;
                continue;
            }
            if (q[0] == '<' && q[1] == '!') {
                /* "<!--", also written "<! --" (PETR.Validate.actors.txt) */
                size_t k = 2;
                while (q[k] == ' ' || q[k] == '\t')
                    k++;
                if (q[k] == '-' && q[k + 1] == '-') {
                    L->in_xml_comment = 1;
                    q += k + 2;
                    continue;
                }
            }
            *w++ = *q++;
        }
        *w = '\0';
        if (s[0] == '#')        /* commented-out entries ("#ALBRIGHZ ...") */
            s[0] = '\0';
        strip_comment(s);
        return s;
    }
    return NULL;
}

/* ---- dates and codes ---------------------------------------------------- */

/* YYMMDD (pivot 30: 991201 is 1999, 010114 is 2001) or YYYYMMDD ->
 * "YYYY-MM-DD"; -1 when not a date. */
static int foreign_date(const char *s, size_t n, char *out, size_t outlen)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (n != 6 && n != 8)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return -1;
    int y, m, d;
    if (n == 6) {
        y = (s[0] - '0') * 10 + (s[1] - '0');
        y += y < 30 ? 2000 : 1900;
        s += 2;
    } else {
        y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        s += 4;
    }
    m = (s[0] - '0') * 10 + (s[1] - '0');
    d = (s[2] - '0') * 10 + (s[3] - '0');
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return -1;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        d = 28;
    snprintf(out, outlen, "%04d-%02d-%02d", y, m, d);
    return 0;
}

/* ---- actors and agents -------------------------------------------------- */

typedef struct entry {
    uint32_t line;
    char phrase[MAX_PHRASES][MAX_TEXT / 4];
    size_t nphrase;
    char code[MAX_CODES][96];
    size_t ncode;
} entry;

/* Phrase as dyad writes it: '_' and blanks separate words. *exact is set
 * when the last word ends with '_' or '=' (TABARI: the whole word, not a
 * prefix). Returns 0 when nothing is left. */
static int phrase_words(const char *raw, char *out, size_t outlen, int *exact)
{
    size_t n = 0;
    int space = 0;
    *exact = 0;
    for (const char *p = raw; *p; p++) {
        char ch = *p;
        if (ch == '+')
            continue;   /* PETRARCH2 marks the inflected word of a verb: WIRE_+TAP */
        if (ch == '_' || ch == ' ' || ch == '\t' || ch == '=') {
            if (ch == '_' || ch == '=')
                *exact = 1;
            space = n > 0;
            continue;
        }
        *exact = 0;
        if (space) {
            if (n + 1 >= outlen)
                return 0;
            out[n++] = ' ';
            space = 0;
        }
        if (n + 1 >= outlen)
            return 0;
        out[n++] = ch;
    }
    out[n] = '\0';
    return n > 0;
}

/* Collect the [..] brackets of a line into the entry; text outside them
 * (other than blanks) is reported. */
static void take_codes(fr *r, entry *e, char *s, uint32_t line)
{
    while (*s) {
        char *o = strchr(s, '[');
        if (!o) {
            if (*trim(s)) {
                warn(r, line, "text '%s' outside a [code], ignored", trim(s));
                count(r, DYADI_FX_MALFORMED, DYADI_FX_SKIPPED);
            }
            return;
        }
        char *c = strchr(o, ']');
        if (!c) {
            warn(r, line, "unclosed '[' in '%s', ignored", o);
            count(r, DYADI_FX_MALFORMED, DYADI_FX_SKIPPED);
            return;
        }
        *c = '\0';
        if (e->ncode < MAX_CODES)
            snprintf(e->code[e->ncode++], sizeof e->code[0], "%s", trim(o + 1));
        s = c + 1;
    }
}

/* An actor phrase as dyad writes it. PETRARCH: '_' and blanks separate
 * words. TABARI: '_' joins adjacent words and a blank lets other words
 * come between ("PRINCE DOL_AMROTH" matches "Prince of Dol Amroth"),
 * written as dyad's gap " ... "; with hyphen set the '_' junctions are
 * written '-' ("Al-Gore" for AL_GORE, one token for the tokenizer).
 * *mode: 0 the last word is open (a prefix), 1 closed by '_' (it still
 * takes noun endings), 2 closed by '=' (no ending). *njoin counts the '_'
 * junctions. Returns 0 when nothing is left. */
static int actor_words(const char *raw, int tabari, int hyphen, char *out, size_t outlen,
                       int *mode, int *njoin)
{
    size_t n = 0;
    int sep = 0;    /* separator run before the next word: 0, '_' or ' ' */
    *mode = 0;
    *njoin = 0;
    for (const char *p = raw; *p; p++) {
        char ch = *p;
        if (ch == '_' || ch == '=' || ch == ' ' || ch == '\t') {
            if (ch == '=')
                *mode = 2;
            else if (ch == '_' && *mode != 2)
                *mode = 1;
            sep = ch == ' ' || ch == '\t' || sep == ' ' ? ' ' : '_';
            continue;
        }
        *mode = 0;
        if (sep && n > 0) {
            const char *j = " ";
            if (sep == ' ' && tabari)
                j = " ... ";
            else if (sep == '_') {
                (*njoin)++;
                if (hyphen)
                    j = "-";
            }
            size_t jl = strlen(j);
            if (n + jl + 1 >= outlen)
                return 0;
            memcpy(out + n, j, jl);
            n += jl;
        }
        sep = 0;
        if (n + 1 >= outlen)
            return 0;
        out[n++] = ch;
    }
    out[n] = '\0';
    return n > 0;
}

/* One phrase of an entry with its dyad columns. TABARI words that are not
 * closed with '_' match as prefixes, approximated by common endings; a
 * word closed with '_' still takes the regular noun endings ("Libyas",
 * "radios"), one closed with '=' none; '_'-joined words are also entered
 * hyphenated. */
static int emit_actor(fr *r, const entry *e, const char *raw, const char *kind,
                      const char *code, const char *attrs, int is_agent)
{
    static const char *const country_ends[] = {
        "",    "s",   "es",  "a",   "an", "ans", "ia",  "ian", "ians", "i",  "is", "n",
        "ns",  "e",   "ese", "ish", "y",  "ic",  "ine", "ines", "on",  "ay", "egian"};
    static const char *const agent_ends[] = {"", "s", "es"};
    static const char *const noun_ends[] = {"", "s", "es"};
    for (int hyphen = 0; hyphen < 2; hyphen++) {
        char words[MAX_TEXT];
        int mode, njoin;
        if (!actor_words(raw, r->tabari, hyphen, words, sizeof words, &mode, &njoin)) {
            if (hyphen)
                break;
            warn(r, e->line, "empty phrase '%s', skipped", raw);
            count(r, DYADI_FX_MALFORMED, DYADI_FX_SKIPPED);
            return 0;
        }
        if (hyphen && (!r->tabari || !njoin))
            break;
        size_t nends = 1;
        const char *const *ends = country_ends;
        if (r->tabari && mode == 0) {
            ends = is_agent ? agent_ends : country_ends;
            nends = is_agent ? sizeof agent_ends / sizeof *agent_ends
                             : sizeof country_ends / sizeof *country_ends;
            if (!hyphen)
                count(r, DYADI_FX_STEM, DYADI_FX_APPROX);
        } else if (r->tabari && mode == 1) {
            ends = noun_ends;
            nends = sizeof noun_ends / sizeof *noun_ends;
        }
        for (size_t i = 0; i < nends; i++) {
            char ph[MAX_TEXT + 8];
            snprintf(ph, sizeof ph, "%s%s", words, ends[i]);
            int k = dyadi_dict_src_add(r->src, 'A', e->line, kind, ph, code, attrs);
            if (k < 0)
                return -1;
            r->fx->actors_out += (size_t)k;
        }
    }
    return 0;
}

/* Regular English plural of the last word ("MINISTRY" -> "MINISTRIES"). */
static void plural_of(const char *w, char *out, size_t outlen)
{
    size_t n = strlen(w);
    if (n > 1 && (w[n - 1] == 'Y' || w[n - 1] == 'y') && !strchr("AEIOUaeiou", w[n - 2]))
        snprintf(out, outlen, "%.*sIES", (int)(n - 1), w);
    else if (n && (strchr("SXZsxz", w[n - 1]) ||
                   (n > 1 && (w[n - 1] == 'H' || w[n - 1] == 'h') && strchr("CScs", w[n - 2]))))
        snprintf(out, outlen, "%sES", w);
    else
        snprintf(out, outlen, "%sS", w);
}

/* An agent phrase, with its plurals: "{A B}" lists them ("{}" none),
 * otherwise PETRARCH forms the regular plural. */
static int emit_agent(fr *r, entry *e, const char *raw, const char *sector, int prefix)
{
    char phrase[MAX_TEXT], plurals[MAX_TEXT] = "";
    int has_braces = 0;
    snprintf(phrase, sizeof phrase, "%s", raw);
    char *ob = strchr(phrase, '{');
    if (ob) {
        char *cb = strchr(ob, '}');
        if (!cb) {
            warn(r, e->line, "unclosed '{' in agent '%s', skipped", raw);
            count(r, DYADI_FX_MALFORMED, DYADI_FX_SKIPPED);
            return 0;
        }
        *cb = '\0';
        snprintf(plurals, sizeof plurals, "%s", ob + 1);
        *ob = '\0';
        has_braces = 1;
    }
    char *p = trim(phrase);
    /* [NGM~]: the agent's code goes before the actor's (prefix=1) */
    if (prefix)
        count(r, DYADI_FX_AGENT_PREFIX, DYADI_FX_CONVERTED);
    count(r, DYADI_FX_AGENT, DYADI_FX_CONVERTED);
    const char *sg = prefix ? "n=s;prefix=1" : "n=s", *pl_attrs = prefix ? "n=p;prefix=1" : "n=p";
    if (emit_actor(r, e, p, "agent", sector, sg, 1) < 0)
        return -1;
    if (has_braces) {
        char *save = trim(plurals);
        if (*save)
            count(r, DYADI_FX_PLURAL, DYADI_FX_CONVERTED);
        for (char *w = save; *w;) {
            char *sp = w + strcspn(w, " \t");
            char keep = *sp;
            *sp = '\0';
            if (*w && emit_actor(r, e, w, "agent", sector, pl_attrs, 1) < 0)
                return -1;
            if (!keep)
                break;
            w = sp + 1;
            while (*w == ' ' || *w == '\t')
                w++;
        }
    } else if (!r->tabari) {
        char pl[MAX_TEXT + 8];
        size_t n = strlen(p);
        while (n && (p[n - 1] == '_' || p[n - 1] == ' '))
            p[--n] = '\0';
        plural_of(p, pl, sizeof pl);
        count(r, DYADI_FX_PLURAL, DYADI_FX_CONVERTED);
        if (emit_actor(r, e, pl, "agent", sector, pl_attrs, 1) < 0)
            return -1;
    }
    return 0;
}

/* Expand !NAME! substitution sets in an agent phrase, then emit. */
static int emit_agent_subst(fr *r, entry *e, const char *raw, const char *sector, int prefix,
                            int depth)
{
    const char *b = strchr(raw, '!');
    const char *c2 = b ? strchr(b + 1, '!') : NULL;
    if (!b || !c2 || depth > 3)
        return emit_agent(r, e, raw, sector, prefix);
    size_t nl = (size_t)(c2 - b + 1);
    for (size_t i = 0; i < r->nsub; i++) {
        if (strlen(r->sub[i].name) != nl || strncmp(r->sub[i].name, b, nl) != 0)
            continue;
        count(r, DYADI_FX_SUBST, DYADI_FX_CONVERTED);
        for (size_t k = 0; k < r->sub[i].n; k++) {
            char buf[MAX_TEXT];
            snprintf(buf, sizeof buf, "%.*s%s%s", (int)(b - raw), raw, r->sub[i].mem[k], c2 + 1);
            if (emit_agent_subst(r, e, buf, sector, prefix, depth + 1) < 0)
                return -1;
        }
        return 0;
    }
    warn(r, e->line, "unknown substitution set %.*s, agent skipped", (int)nl, b);
    count(r, DYADI_FX_SUBST, DYADI_FX_SKIPPED);
    return 0;
}

/* Convert one complete entry (phrase, synonyms, code brackets). TABARI's
 * null [---], discard [###] and complex [+++] codes are codes like the
 * others, also within dates ("[--- <950630] [DOL]"): the phrase is matched
 * and the recogniser makes no mention of a null actor and discards the
 * sentence of a [###] or [+++] one. [A/B/C] is a compound actor: one entry
 * per code, marked compound=1. */
static int flush_entry(fr *r, entry *e, int agents_file)
{
    if (!e->nphrase)
        return 0;
    char base[96] = "";
    char roles[MAX_TEXT] = "";
    char multi[MAX_CODES][96];
    size_t nmulti = 0;
    const char *agent = NULL;
    int agent_prefix = 0;
    char sector[96] = "";
    for (size_t i = 0; i < e->ncode; i++) {
        char *c = e->code[i];
        char code[96];
        size_t cl = strcspn(c, " \t<>");
        snprintf(code, sizeof code, "%.*s", (int)cl, c);
        char *rest = trim(c + cl);
        upcase(code);
        if (code[0] == '~' || (cl && code[cl - 1] == '~')) {
            agent_prefix = code[0] != '~';
            snprintf(sector, sizeof sector, "%s", code[0] == '~' ? code + 1 : code);
            size_t sl = strlen(sector);
            if (sl && sector[sl - 1] == '~')
                sector[--sl] = '\0';
            if (!sl) {
                /* [~] or [~~]: no sector to prefix or append */
                warn(r, e->line, "agent code [%s] for '%s' has no sector, ignored", c,
                     e->phrase[0]);
                count(r, DYADI_FX_MALFORMED, DYADI_FX_SKIPPED);
                continue;
            }
            agent = sector;
            continue;
        }
        int marker = dyadi_marker_code(code);
        if (marker > DYADI_MARK_NULL && !r->tabari) {
            /* PETRARCH has no discard or complex actor (its discards file
             * does that work) */
            warn(r, e->line, "code [%s] for '%s' is not used by PETRARCH, ignored", code,
                 e->phrase[0]);
            count(r, marker == DYADI_MARK_DISCARD ? DYADI_FX_DISCARD : DYADI_FX_NULL,
                  DYADI_FX_SKIPPED);
            continue;
        }
        const int mark_el = marker == DYADI_MARK_DISCARD ? DYADI_FX_DISCARD : DYADI_FX_NULL;
        char *slash = strchr(code, '/');
        if (slash && !*rest && !base[0] && !nmulti) {
            /* [FRO/BIL/SAM]: every code, a compound */
            int ok = 1;
            for (char *q = code; q && ok;) {
                char *nx = strchr(q, '/');
                if (nx)
                    *nx++ = '\0';
                if (!dyadi_actor_code_ok(q))
                    ok = 0;
                else if (nmulti < MAX_CODES)
                    snprintf(multi[nmulti++], sizeof multi[0], "%s", q);
                q = nx;
            }
            if (!ok || nmulti < 2) {
                warn(r, e->line, "bad compound code [%s] for '%s', ignored", c, e->phrase[0]);
                count(r, DYADI_FX_MALFORMED, DYADI_FX_SKIPPED);
                nmulti = 0;
                continue;
            }
            count(r, DYADI_FX_MULTICODE, DYADI_FX_CONVERTED);
            snprintf(base, sizeof base, "%s", multi[0]);
            continue;
        }
        if (slash) {
            *slash = '\0';
            warn(r, e->line, "several codes [%s/...] %s for '%s': dyad keeps the first", code,
                 *rest ? "within dates" : "besides another code", e->phrase[0]);
            count(r, DYADI_FX_MULTICODE, DYADI_FX_APPROX);
        }
        if (!marker && !dyadi_actor_code_ok(code)) {
            warn(r, e->line, "bad actor code '%s' in [%s], ignored", code, c);
            count(r, DYADI_FX_MALFORMED, DYADI_FX_SKIPPED);
            continue;
        }
        if (!*rest) {
            if (!base[0]) {
                snprintf(base, sizeof base, "%s", code);
                if (marker)
                    count(r, mark_el, DYADI_FX_CONVERTED);
            }
            continue;
        }
        /* date restriction: <D, >D, D-D (blanks allowed) */
        char from[16] = "", to[16] = "";
        int ok = 0;
        char tmp[96];
        size_t tn = 0;
        for (char *q = rest; *q && tn + 1 < sizeof tmp; q++)
            if (*q != ' ' && *q != '\t')
                tmp[tn++] = *q;
        tmp[tn] = '\0';
        if (tmp[0] == '<')
            ok = foreign_date(tmp + 1, strlen(tmp + 1), to, sizeof to) == 0;
        else if (tmp[0] == '>')
            ok = foreign_date(tmp + 1, strlen(tmp + 1), from, sizeof from) == 0;
        else if (strchr(tmp, '-')) {
            char *d = strchr(tmp, '-');
            ok = foreign_date(tmp, (size_t)(d - tmp), from, sizeof from) == 0 &&
                 foreign_date(d + 1, strlen(d + 1), to, sizeof to) == 0;
        }
        if (!ok) {
            warn(r, e->line, "bad date restriction '%s' in [%s], ignored", rest, c);
            count(r, DYADI_FX_MALFORMED, DYADI_FX_SKIPPED);
            continue;
        }
        char role[160];
        int rw = snprintf(role, sizeof role, "%s%s:%s:%s", roles[0] ? "," : "", code, from, to);
        if (rw > 0 && (size_t)rw < sizeof role && cat(roles, sizeof roles, role) == 0) {
            count(r, DYADI_FX_DATE, DYADI_FX_CONVERTED);
            if (marker)
                count(r, mark_el, DYADI_FX_CONVERTED);
        }
    }
    for (size_t i = 1; i < e->nphrase; i++)
        count(r, DYADI_FX_SYNONYM, DYADI_FX_CONVERTED);
    int rc = 0;
    if (agent || agents_file) {
        if (!agent) {
            if (!base[0] || dyadi_marker_code(base)) {
                warn(r, e->line, "agent '%s' without a [~CODE], skipped", e->phrase[0]);
                count(r, DYADI_FX_AGENT, DYADI_FX_SKIPPED);
                goto done;
            }
            agent = base;
        }
        for (size_t i = 0; i < e->nphrase && rc == 0; i++)
            rc = emit_agent_subst(r, e, e->phrase[i], agent, agent_prefix, 0);
        goto done;
    }
    if (!base[0] && roles[0]) {
        /* TABARI: [USAGOV 991201-010114] alone is USAGOV in those dates and
         * nothing outside; dyad needs a code outside: the first role's. */
        snprintf(base, sizeof base, "%.*s", (int)strcspn(roles, ":"), roles);
        warn(r, e->line, "'%s' has codes only within dates; dyad uses %s outside them too",
             e->phrase[0], base);
        count(r, DYADI_FX_DATE, DYADI_FX_APPROX);
    }
    if (!base[0]) {
        warn(r, e->line, "actor '%s' without a code, skipped", e->phrase[0]);
        count(r, DYADI_FX_MALFORMED, DYADI_FX_SKIPPED);
        count(r, DYADI_FX_ACTOR, DYADI_FX_SKIPPED);
        goto done;
    }
    count(r, DYADI_FX_ACTOR, DYADI_FX_CONVERTED);
    /* Kinds: dated entries are persons (roles), three-letter codes stand
     * for a country and compose with agents as demonyms do ("Arnor
     * police"), longer codes are named organisations. */
    char attrs[MAX_TEXT + 16] = "";
    if (nmulti > 1) {
        for (size_t k = 0; k < nmulti && rc == 0; k++) {
            const char *kind = strlen(multi[k]) == 3 ? "demonym" : "country";
            for (size_t i = 0; i < e->nphrase && rc == 0; i++)
                rc = emit_actor(r, e, e->phrase[i], kind, multi[k], "compound=1", 0);
        }
        goto done;
    }
    const char *kind = roles[0] ? "person" : strlen(base) == 3 ? "demonym" : "country";
    if (roles[0])
        snprintf(attrs, sizeof attrs, "roles=%s", roles);
    for (size_t i = 0; i < e->nphrase && rc == 0; i++)
        rc = emit_actor(r, e, e->phrase[i], kind, base, attrs, 0);
done:
    e->nphrase = 0;
    e->ncode = 0;
    return rc;
}

static int read_actors(fr *r, char *buf, size_t len, int agents_file)
{
    lines L = {buf, buf + len, 0, 0};
    entry *e = calloc(1, sizeof *e);
    if (!e)
        return -1;
    int rc = 0, skip_section = 0;
    char *s;
    while ((s = next_line(&L)) != NULL && rc == 0) {
        int indented = s[0] == ' ' || s[0] == '\t';
        s = trim(s);
        if (!*s)
            continue;
        if (strncmp(s, "~~FINISH", 8) == 0)
            break;
        if (s[0] == '~' && s[1] == '~')
            continue;
        if (s[0] == '<') {
            /* TABARI <NOUN>/<ADJECTIVE> lists guide its parser; dyad's
             * coder has its own word classes. */
            if (s[1] == '/') {
                skip_section = 0;
            } else {
                skip_section = 1;
                warn(r, L.no, "section %s is not used by dyad (part-of-speech lists), skipped", s);
                count(r, DYADI_FX_SECTION, DYADI_FX_SKIPPED);
            }
            continue;
        }
        if (skip_section)
            continue;
        if (s[0] == '!' && strchr(s, '=')) {     /* !PERSON! = MAN, MEN */
            char *eq = strchr(s, '=');
            *eq = '\0';
            if (r->nsub == r->capsub) {
                size_t nc = r->capsub ? r->capsub * 2 : 8;
                subst *ns = realloc(r->sub, nc * sizeof *ns);
                if (!ns)
                    goto nomem;
                r->sub = ns;
                r->capsub = nc;
            }
            subst *sb = &r->sub[r->nsub];
            memset(sb, 0, sizeof *sb);
            if (!(sb->name = dup_str(trim(s))))
                goto nomem;
            r->nsub++;
            for (char *m = eq + 1; m && *m;) {
                char *comma = strchr(m, ',');
                if (comma)
                    *comma = '\0';
                char *w = trim(m);
                if (*w && push_str(&sb->mem, &sb->n, &sb->cap, w))
                    goto nomem;
                m = comma ? comma + 1 : NULL;
            }
            continue;
        }
        if (s[0] == '+') {
            if (!e->nphrase) {
                warn(r, L.no, "synonym '%s' before any entry, skipped", s);
                count(r, DYADI_FX_MALFORMED, DYADI_FX_SKIPPED);
                continue;
            }
            char *o = strchr(s, '[');
            if (o) {
                take_codes(r, e, o, L.no);
                *o = '\0';
            }
            if (e->nphrase < MAX_PHRASES)
                snprintf(e->phrase[e->nphrase++], sizeof e->phrase[0], "%s", trim(s + 1));
            continue;
        }
        if (s[0] == '[' && (indented || e->nphrase)) {
            if (!e->nphrase) {
                warn(r, L.no, "codes '%s' before any entry, skipped", s);
                count(r, DYADI_FX_MALFORMED, DYADI_FX_SKIPPED);
                continue;
            }
            take_codes(r, e, s, L.no);
            continue;
        }
        if (flush_entry(r, e, agents_file) < 0)
            goto nomem;
        e->line = L.no;
        char *o = strchr(s, '[');
        char *brace = strchr(s, '{');
        char *cut = o;
        if (o) {
            *o = '[';
            take_codes(r, e, o, L.no);
            *cut = '\0';
        }
        (void)brace;
        snprintf(e->phrase[0], sizeof e->phrase[0], "%s", trim(s));
        e->nphrase = 1;
    }
    if (rc == 0 && flush_entry(r, e, agents_file) < 0)
        goto nomem;
    free(e);
    return rc;
nomem:
    free(e);
    return -1;
}

/* ---- verbs -------------------------------------------------------------- */

static synset *find_synset(fr *r, const char *p, size_t *len)
{
    synset *best = NULL;
    size_t bl = 0;
    for (size_t i = 0; i < r->nsyn; i++) {
        size_t n = strlen(r->syn[i].name);
        if (n > bl && strncasecmp(p, r->syn[i].name, n) == 0) {
            char after = p[n];
            if ((after >= 'A' && after <= 'Z') || (after >= 'a' && after <= 'z') ||
                (after >= '0' && after <= '9'))
                continue;
            best = &r->syn[i];
            bl = n;
        }
    }
    *len = bl;
    return best;
}

/* First pass: &NAME then +MEMBER lines, anywhere in the file. */
static int read_synsets(fr *r, char *buf, size_t len)
{
    char *copy = malloc(len + 1);
    if (!copy)
        return -1;
    memcpy(copy, buf, len + 1);
    lines L = {copy, copy + len, 0, 0};
    synset *cur = NULL;
    char *s;
    while ((s = next_line(&L)) != NULL) {
        s = trim(s);
        if (s[0] == '&') {
            if (r->nsyn == r->capsyn) {
                size_t nc = r->capsyn ? r->capsyn * 2 : 16;
                synset *ns = realloc(r->syn, nc * sizeof *ns);
                if (!ns)
                    goto nomem;
                r->syn = ns;
                r->capsyn = nc;
            }
            cur = &r->syn[r->nsyn];
            memset(cur, 0, sizeof *cur);
            char *n = trim(s + 1);
            size_t nl = strlen(n);
            while (nl && (n[nl - 1] == '_' || n[nl - 1] == ' '))
                n[--nl] = '\0';
            if (!(cur->name = dup_str(n)))
                goto nomem;
            r->nsyn++;
            count(r, DYADI_FX_SYNSET, DYADI_FX_CONVERTED);
        } else if (s[0] == '+' && cur) {
            if (push_str(&cur->mem, &cur->n, &cur->cap, trim(s + 1)))
                goto nomem;
        } else if (*s) {
            cur = NULL;
        }
    }
    free(copy);
    return 0;
nomem:
    free(copy);
    return -1;
}

/* Expand {a|b} alternatives and &SYNSET references; variants go to out. */
static int expand(fr *r, const char *pat, uint32_t line, char out[][MAX_TEXT], size_t *nout,
                  int *used_alt, int *used_syn)
{
    char (*queue)[MAX_TEXT] = malloc(sizeof(char[MAX_TEXT]) * MAX_VARIANTS * 2);
    if (!queue)
        return -1;
    size_t qn = 1, done = 0;
    snprintf(queue[0], MAX_TEXT, "%s", pat);
    int truncated = 0, unknown = 0;
    while (qn > 0) {
        char cur[MAX_TEXT];
        memcpy(cur, queue[--qn], MAX_TEXT);
        char *ob = strchr(cur, '{');
        char *amp = strchr(cur, '&');
        if (ob) {
            char *cb = strchr(ob, '}');
            if (!cb) {
                warn(r, line, "unclosed '{' in pattern, '{' ignored");
                count(r, DYADI_FX_MALFORMED, DYADI_FX_APPROX);
                *ob = ' ';
                memcpy(queue[qn++], cur, MAX_TEXT);
                continue;
            }
            *used_alt = 1;
            *cb = '\0';
            for (char *a = ob + 1; a;) {
                char *bar = strchr(a, '|');
                if (bar)
                    *bar = '\0';
                if (qn < MAX_VARIANTS * 2)
                    snprintf(queue[qn++], MAX_TEXT, "%.*s%s%s", (int)(ob - cur), cur, trim(a),
                             cb + 1);
                else
                    truncated = 1;
                a = bar ? bar + 1 : NULL;
            }
            continue;
        }
        if (amp) {
            size_t nl;
            synset *sy = find_synset(r, amp + 1, &nl);
            if (!sy) {
                unknown = 1;
                break;
            }
            *used_syn = 1;
            for (size_t k = 0; k < sy->n; k++) {
                if (qn < MAX_VARIANTS * 2)
                    snprintf(queue[qn++], MAX_TEXT, "%.*s%s%s", (int)(amp - cur), cur, sy->mem[k],
                             amp + 1 + nl);
                else
                    truncated = 1;
            }
            continue;
        }
        if (done < MAX_VARIANTS)
            memcpy(out[done++], cur, MAX_TEXT);
        else
            truncated = 1;
    }
    free(queue);
    *nout = unknown ? 0 : done;
    if (unknown) {
        warn(r, line, "pattern names an unknown synset, skipped");
        count(r, DYADI_FX_SYNSET, DYADI_FX_SKIPPED);
    } else if (truncated) {
        warn(r, line, "pattern expands to more than %u variants, the rest are dropped",
             MAX_VARIANTS);
        count(r, DYADI_FX_ALTERNATIVE, DYADI_FX_APPROX);
    }
    return 0;
}

static int is_prep(const char *w)
{
    static const char *const preps[] = {"TO", "WITH", "AGAINST", "ON", "FOR", "IN", "FROM",
                                        "AT", "INTO", "BY", "OF", "OVER", "TOWARD", "TOWARDS",
                                        "ABOUT", "UPON", "ONTO", "BETWEEN", "AMONG", "NEAR"};
    for (size_t i = 0; i < sizeof preps / sizeof *preps; i++)
        if (strcasecmp(w, preps[i]) == 0)
            return 1;
    return 0;
}

/* Split a verb_code result "032:033" into the trigger's code and the
 * attributes: the paired code, and for a pattern with the compound marker
 * '%' ("% HAVE POSTPONED *"), the rule that a compound source with no
 * target acts among its members (among=1), or after the verb ("HAS * WITH
 * %") that the compound target does, without the source (among=2). */
static void code_attrs(const char *vc, int compound, char *code, size_t codelen, char *attrs,
                       size_t attrlen)
{
    const char *colon = strchr(vc, ':');
    int n = colon ? (int)(colon - vc) : (int)strlen(vc);
    int weak = n > 0 && vc[n - 1] == '?';  /* TABARI's weak code "[023?]" */
    snprintf(code, codelen, "%.*s", n - weak, vc);
    snprintf(attrs, attrlen, "among=%d%s%s%s", compound, weak ? ";weak=1" : "",
             colon ? ";pair=" : "", colon ? colon + 1 : "");
}

/* TABARI word modes (docs/design.md): the phrase as dyad pattern words,
 * each with its match mark for the compiler: '*' a prefix (a word not
 * closed by '_', or marked '~'), '=' the word exactly (closed by '_' or
 * '='), '+' the word with regular verb endings (a closed verb: head set
 * and the phrase's last word closed by '_'). A blank is a gap. Returns 0
 * when nothing is left or the result does not fit. */
static int tabari_words(const char *raw, int head, char *out, size_t outlen)
{
    size_t n = 0;
    int nw = 0;
    for (const char *p = raw; *p;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        const char *e = p + strcspn(p, " \t");
        for (const char *w = p; w < e;) {
            const char *u = w;
            while (u < e && *u != '_' && *u != '=' && *u != '~')
                u++;
            size_t wl = (size_t)(u - w);
            int tilde = 0, eq = 0, closed = 0;
            const char *x = u;
            for (; x < e && (*x == '_' || *x == '=' || *x == '~'); x++) {
                tilde |= *x == '~';
                eq |= *x == '=';
                closed |= *x == '_';
            }
            if (wl) {
                char mark = tilde ? '*' : eq ? '=' : !closed ? '*'
                            : head && x == e && (e[0] == '\0' || !e[strspn(e, " \t")]) ? '+' : '=';
                int m = snprintf(out + n, outlen - n, "%s%.*s%c",
                                 !nw ? "" : w == p ? " ... " : " ", (int)wl, w, mark);
                if (m < 0 || (size_t)m >= outlen - n)
                    return 0;
                n += (size_t)m;
                nw++;
            }
            w = x;
        }
        p = e;
    }
    return nw > 0;
}

typedef struct item {
    char w[96];
    int adj;        /* joined to the previous item by '_' */
    int closed;     /* followed by '_': a whole word (TABARI) */
} item;

/* One pattern variant into a dyad trigger for each verb form. */
static int emit_pattern(fr *r, uint32_t line, char heads[][MAX_TEXT / 4], size_t nheads,
                        const char *variant, const char *vcode, int nsyn, int *approx)
{
    item it[MAX_ITEMS];
    size_t n = 0;
    char buf[MAX_TEXT];
    snprintf(buf, sizeof buf, "%s", variant);
    for (char *chunk = buf; *chunk;) {
        while (*chunk == ' ' || *chunk == '\t')
            chunk++;
        if (!*chunk)
            break;
        char *end = chunk + strcspn(chunk, " \t");
        char keep = *end;
        *end = '\0';
        int first = 1;
        for (char *w = chunk; *w;) {
            char *u = strchr(w, '_');
            size_t wl = u ? (size_t)(u - w) : strlen(w);
            if (wl) {
                if (n == MAX_ITEMS) {
                    warn(r, line, "pattern longer than %u words, skipped", MAX_ITEMS);
                    count(r, DYADI_FX_MALFORMED, DYADI_FX_SKIPPED);
                    return 0;
                }
                snprintf(it[n].w, sizeof it[n].w, "%.*s", (int)wl, w);
                it[n].adj = !first;
                it[n].closed = u != NULL;
                n++;
                if (!first)
                    count(r, DYADI_FX_CONNECT, DYADI_FX_CONVERTED);
            }
            first = 0;
            if (!u)
                break;
            w = u + 1;
        }
        if (!keep)
            break;
        chunk = end + 1;
    }
    /* markers and constituent brackets */
    int star = -1, tplus = -1, sdollar = -1, compound = 0;
    int pending_skip = 0, tskip = 0, sskip = 0;   /* '^' before '+' / '$' */
    char words[MAX_ITEMS][96];
    int wadj[MAX_ITEMS], wpos[MAX_ITEMS];
    char wmode[MAX_ITEMS];
    size_t nw = 0;
    int pending_gap = 0;
    for (size_t i = 0; i < n; i++) {
        char *w = it[i].w;
        if (strcmp(w, "*") == 0) {
            star = (int)nw;
            wpos[nw] = (int)i;
            snprintf(words[nw], sizeof words[0], "*");
            wadj[nw++] = it[i].adj && !pending_gap;
            pending_gap = 0;
            continue;
        }
        if (strcmp(w, "+") == 0) {
            tplus = (int)nw;
            tskip = pending_skip;
            pending_skip = 0;
            continue;
        }
        if (strcmp(w, "$") == 0) {
            sdollar = (int)nw;
            sskip = pending_skip;
            pending_skip = 0;
            continue;
        }
        if (strcmp(w, "%") == 0) {
            /* a compound source with no target acts among its members */
            count(r, DYADI_FX_COMPOUND, DYADI_FX_CONVERTED);
            /* after the verb, TABARI makes the compound target act among
             * its members; PETRARCH2 keeps the source ("agrees with the
             * Philippines and France") */
            compound = star < 0 ? 1 : r->tabari ? 2 : 0;
            pending_gap = 1;
            continue;
        }
        if (strcmp(w, "^") == 0) {
            /* skips one actor: before a '+' or '$' the marked actor is the
             * next one; elsewhere a gap */
            int next_marker = i + 1 < n && (strcmp(it[i + 1].w, "+") == 0 ||
                                            strcmp(it[i + 1].w, "$") == 0 ||
                                            strcmp(it[i + 1].w, "^") == 0);
            if (next_marker) {
                pending_skip++;
                count(r, DYADI_FX_SKIP, DYADI_FX_CONVERTED);
            } else {
                warn(r, line, "skip marker '^' not before '+' or '$' becomes a gap");
                count(r, DYADI_FX_SKIP, DYADI_FX_APPROX);
                *approx = 1;
            }
            pending_gap = 1;
            continue;
        }
        /* PETRARCH2 constituents "(FROM BUSINESS)" and TABARI "~" */
        char clean[96];
        size_t cn = 0;
        int paren = 0, tilde = 0, eq = 0;
        for (const char *q = w; *q && cn + 1 < sizeof clean; q++) {
            if (*q == '(' || *q == ')') {
                paren = 1;
                continue;
            }
            if (*q == '~') {
                tilde = 1;
                continue;
            }
            clean[cn++] = *q;
        }
        clean[cn] = '\0';
        while (r->tabari && cn && clean[cn - 1] == '=') {   /* "BAN=": no endings */
            clean[--cn] = '\0';
            eq = 1;
        }
        if (paren) {
            count(r, DYADI_FX_CONSTITUENT, DYADI_FX_APPROX);
            *approx = 1;
        }
        if (tilde && r->tabari) {
            count(r, DYADI_FX_TILDE, DYADI_FX_CONVERTED);
        } else if (tilde) {
            warn(r, line, "'~' in '%s' is not represented, the word is matched as written", w);
            count(r, DYADI_FX_TILDE, DYADI_FX_APPROX);
            *approx = 1;
        }
        if (!cn && (tilde || eq)) {
            warn(r, line, "empty word '%s' in pattern, skipped", w);
            count(r, DYADI_FX_MALFORMED, DYADI_FX_SKIPPED);
            return 0;
        }
        if (!cn)
            continue;
        if (strpbrk(clean, "*$+%^&{}|[]<>=")) {
            warn(r, line, "unsupported element '%s' in pattern, skipped", w);
            count(r, DYADI_FX_MALFORMED, DYADI_FX_SKIPPED);
            return 0;
        }
        snprintf(words[nw], sizeof words[0], "%s", clean);
        wpos[nw] = (int)i;
        /* TABARI: '~' a prefix, '=' or '_' a whole word, else a prefix */
        wmode[nw] = tilde ? '*' : eq || it[i].closed ? '=' : '*';
        wadj[nw++] = it[i].adj && !pending_gap;
        pending_gap = 0;
    }
    (void)wpos;
    if (star < 0) {
        /* PETRARCH2 noun patterns without '*': the verb comes first */
        warn(r, line, "pattern without '*': the verb is put first");
        count(r, DYADI_FX_PATTERN, DYADI_FX_APPROX);
        *approx = 1;
        if (nw == MAX_ITEMS)
            return 0;
        memmove(words + 1, words, nw * sizeof words[0]);
        memmove(wadj + 1, wadj, nw * sizeof wadj[0]);
        memmove(wmode + 1, wmode, nw * sizeof wmode[0]);
        snprintf(words[0], sizeof words[0], "*");
        wadj[0] = 0;
        if (nw)
            wadj[1] = 0;
        if (tplus >= 0)
            tplus++;
        if (sdollar >= 0)
            sdollar++;
        star = 0;
        nw++;
    }
    /* Frames: "* +" direct object; "* PREP +" target preposition;
     * "+ * ... PREP $" reversed roles. Markers elsewhere approximate. */
    char prep[96] = "", from[96] = "";
    int obj_target = 1, rev = 0;
    if (tplus >= 0) {
        count(r, DYADI_FX_TARGET, DYADI_FX_CONVERTED);
        if (tplus > star) {
            if (tplus == star + 1) {
                obj_target = 1;
            } else if (tplus == (int)nw && is_prep(words[nw - 1]) && (int)nw - 1 > star) {
                /* the preposition stays in the pattern ("meet with"), so the
                 * frame does not collapse onto the bare verb's entry, and
                 * the actor after it is the trigger's object */
                snprintf(prep, sizeof prep, "%s", words[nw - 1]);
            } else {
                warn(r, line, "target '+' inside the pattern: dyad takes the object or a "
                              "preposition's object after it");
                r->fx->n[DYADI_FX_TARGET][DYADI_FX_CONVERTED]--;
                count(r, DYADI_FX_TARGET, DYADI_FX_APPROX);
                *approx = 1;
                snprintf(prep, sizeof prep, "%s", DEFAULT_PREPS);
            }
        } else {
            rev = 1;
            obj_target = 1;
        }
    } else {
        snprintf(prep, sizeof prep, "%s", DEFAULT_PREPS);
    }
    if (sdollar >= 0) {
        count(r, DYADI_FX_SOURCE, DYADI_FX_CONVERTED);
        if (sdollar > star) {
            if (rev && sdollar == (int)nw && is_prep(words[nw - 1]) && (int)nw - 1 > star) {
                snprintf(from, sizeof from, "%s", words[nw - 1]);
            } else if (!rev) {
                warn(r, line, "source '$' after the verb: dyad takes the subject as the source");
                r->fx->n[DYADI_FX_SOURCE][DYADI_FX_CONVERTED]--;
                count(r, DYADI_FX_SOURCE, DYADI_FX_APPROX);
                *approx = 1;
            }
        }
    } else if (rev) {
        warn(r, line, "target '+' before the verb without a source: reversed roles");
    }
    char attrs[MAX_TEXT], code[32], cattrs[64];
    code_attrs(vcode, compound, code, sizeof code, cattrs, sizeof cattrs);
    snprintf(attrs, sizeof attrs, "obj=%s%s%s%s%s%s;%s;id=%s:%u%s%s%d",
             obj_target ? "target" : "none", prep[0] ? ";prep=" : "", prep, rev ? ";rev=1" : "",
             from[0] ? ";from=" : "", from, cattrs, r->base, (unsigned)line,
             r->tabari ? ";marks=1" : "", nsyn ? ";syn=" : "", nsyn);
    if (!nsyn)  /* no ";syn=0" */
        attrs[strlen(attrs) - 1] = '\0';
    for (char *p = attrs; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    /* restore the id's case? ids are names: lower case is fine */
    for (size_t h = 0; h < nheads; h++) {
        char pat[MAX_TEXT] = "";
        int nwords = 0, over = 0;
        int kb[MAX_ITEMS + 1];          /* keys before each word */
        int nkeys = 0;
        for (size_t i = 0; i < nw; i++) {
            const char *w = (int)i == star ? heads[h] : words[i];
            char hw[MAX_TEXT];
            int ex;
            kb[i] = nkeys;
            if (r->tabari && (int)i != star) {
                if (!phrase_words(w, hw, sizeof hw, &ex))
                    continue;
                /* the mark goes on each blank-separated word */
                char mk[MAX_TEXT];
                size_t mn = 0;
                for (const char *q = hw; *q && mn + 3 < sizeof mk; q++) {
                    if (*q == ' ')
                        mk[mn++] = '=';   /* joined words are whole words */
                    mk[mn++] = *q;
                }
                mk[mn++] = wmode[i];
                mk[mn] = '\0';
                snprintf(hw, sizeof hw, "%s", mk);
            } else if ((int)i == star && r->tabari) {
                snprintf(hw, sizeof hw, "%s", w);
            } else if (!phrase_words(w, hw, sizeof hw, &ex)) {
                continue;
            }
            if (nwords)
                over |= cat(pat, sizeof pat, wadj[i] ? " " : " ... ");
            over |= cat(pat, sizeof pat, hw);
            nwords++;
            nkeys++;
            for (const char *q = hw; *q; q++)
                nkeys += *q == ' ';
        }
        kb[nw] = nkeys;
        if (over || !nwords) {
            warn(r, line, "pattern too long for dyad, skipped");
            count(r, DYADI_FX_MALFORMED, DYADI_FX_SKIPPED);
            return 0;
        }
        /* where the verb and the '+'/'$' actors sit, in words of the
         * pattern: slot 1 = before its first word, k + 2 = after word k */
        char hattrs[MAX_TEXT + 96];
        int hl = snprintf(hattrs, sizeof hattrs, "%s;vword=%d", attrs, kb[star]);
        if (tplus >= 0 && hl > 0 && (size_t)hl < sizeof hattrs)
            hl += snprintf(hattrs + hl, sizeof hattrs - (size_t)hl, ";tslot=%d;tskip=%d",
                           kb[tplus] + 1, tskip);
        if (sdollar >= 0 && hl > 0 && (size_t)hl < sizeof hattrs)
            snprintf(hattrs + hl, sizeof hattrs - (size_t)hl, ";sslot=%d;sskip=%d",
                     kb[sdollar] + 1, sskip);
        int single = !strchr(pat, ' ');
        int k = dyadi_dict_src_add(r->src, 'T', line, single ? "verb" : "expr", pat, code, hattrs);
        if (k < 0)
            return -1;
        r->fx->triggers_out += (size_t)k;
    }
    return 0;
}

/* Code of a verb or pattern: "[064]", "[---]" null, "[032:033]" paired
 * (written to out as "032:033"; code_attrs splits it). */
static int verb_code(fr *r, uint32_t line, const char *raw, char *out, size_t outlen)
{
    char c[64];
    snprintf(c, sizeof c, "%s", raw);
    char *t = trim(c);
    if (strcmp(t, "---") == 0 || strcmp(t, "+++") == 0) {
        /* a null pattern: dyad's null trigger "---" matches the phrase and
         * codes nothing, so the bare verb does not code it either; "+++"
         * also makes the sentence complex: nothing is coded in it */
        count(r, DYADI_FX_NULL, DYADI_FX_CONVERTED);
        snprintf(out, outlen, "%s", r->tabari ? t : "---");
        return 1;
    }
    if (!*t) {
        count(r, DYADI_FX_NULL, DYADI_FX_SKIPPED);
        warn(r, line, "empty code []: entry skipped");
        return 0;
    }
    if (strcmp(t, "###") == 0 && !r->tabari) {
        count(r, DYADI_FX_DISCARD, DYADI_FX_SKIPPED);
        warn(r, line, "discard code [###] in a verb pattern: PETRARCH discards from its "
                      "discards file, skipped");
        return 0;
    }
    if (strcmp(t, "###") == 0) {   /* TABARI: discards the sentence (events.c) */
        count(r, DYADI_FX_DISCARD, DYADI_FX_CONVERTED);
        snprintf(out, outlen, "###");
        return 1;
    }
    char *pair = strchr(t, ':');
    if (pair) {
        *pair++ = '\0';
        pair = trim(pair);
    }
    size_t n = strlen(t);
    if (n && t[n - 1] == '!') {
        t[--n] = '\0';
        warn(r, line, "code suffix '!' ignored");
    }
    /* '?': a weak verb ("SAID [023?]"), kept as the trigger attribute weak=1 */
    int weak = n > 1 && t[n - 1] == '?';
    if (weak)
        t[--n] = '\0';
    /* TABARI's letter-suffixed codes ("174K"): the digits are the CAMEO code */
    if (!dyadi_event_code_ok(t) && !(r->tabari && dyadi_foreign_code_ok(t))) {
        count(r, DYADI_FX_BADCODE, DYADI_FX_SKIPPED);
        warn(r, line, "event code '%s' is not a CAMEO code (2 to 4 digits), skipped", t);
        return 0;
    }
    if (weak && strcmp(t, "---") != 0) {
        t[n++] = '?';
        t[n] = '\0';
    }
    if (pair && (!(dyadi_event_code_ok(pair) || (r->tabari && dyadi_foreign_code_ok(pair))) ||
                 strcmp(pair, "---") == 0)) {
        count(r, DYADI_FX_PAIRED, DYADI_FX_APPROX);
        warn(r, line, "paired code '%s' is not a CAMEO code: only %s is coded", pair, t);
        pair = NULL;
    } else if (pair) {
        count(r, DYADI_FX_PAIRED, DYADI_FX_CONVERTED);
    }
    snprintf(out, outlen, pair ? "%s:%s" : "%s", t, pair);
    return 1;
}

/* Text before the first '[' and the code inside it. */
static int split_code(char *s, char **text, char **code)
{
    char *o = strchr(s, '[');
    if (!o)
        return 0;
    char *c = strchr(o, ']');
    if (!c)
        return 0;
    *o = '\0';
    *c = '\0';
    *text = trim(s);
    *code = o + 1;
    return 1;
}

static int add_head(fr *r, char heads[][MAX_TEXT / 4], size_t *nheads, const char *h,
                    uint32_t line, const char *vcode)
{
    char words[MAX_TEXT];
    int ex;
    if (r->tabari ? !tabari_words(h, 1, words, sizeof words)
                  : !phrase_words(h, words, sizeof words, &ex))
        return 0;
    if (*nheads < MAX_HEADS) {
        int w = snprintf(heads[*nheads], MAX_TEXT / 4, "%s", words);
        if (w > 0 && w < (int)(MAX_TEXT / 4))
            (*nheads)++;
    }
    if (vcode) {
        char attrs[MAX_TEXT], code[32], cattrs[64];
        code_attrs(vcode, r->head_among, code, sizeof code, cattrs, sizeof cattrs);
        snprintf(attrs, sizeof attrs, "obj=target;prep=%s;%s;id=%s:%u%s", DEFAULT_PREPS, cattrs,
                 r->base, (unsigned)line, r->tabari ? ";marks=1" : "");
        int k = dyadi_dict_src_add(r->src, 'T', line, strchr(words, ' ') ? "expr" : "verb",
                                   words, code, attrs);
        if (k < 0)
            return -1;
        r->fx->triggers_out += (size_t)k;
        if (!r->tabari && !strchr(words, ' ')) {
            /* PETRARCH generates the regular forms of a verb and takes an
             * irregular one only as written: "left" is LEFT [032:033], not
             * LEAVE [012], which dyad's stems would join. The head is also
             * entered as written (marked '!': the key "left=", which no
             * token or stem holds), which the coder tries before the stem
             * (events.c, find_triggers). */
            char exact[MAX_TEXT + 2];
            snprintf(exact, sizeof exact, "%s!", words);
            size_t al = strlen(attrs);
            snprintf(attrs + al, sizeof attrs - al, ";marks=1");
            k = dyadi_dict_src_add(r->src, 'T', line, "verb", exact, code, attrs);
            if (k < 0)
                return -1;
            r->fx->triggers_out += (size_t)k;
        }
    }
    return 0;
}

/* A TABARI pattern whose only word is the verb ("- % * [046]", "- $ *
 * [095]") has the key of the verb's own entry, so one of the two would
 * shadow the other: it is merged into the verb's entry instead. Looks
 * ahead in the verb's block without consuming it; the pattern's code and
 * line go to code and *lineno. */
static int marker_only_pattern(const lines *L, char *code, size_t codelen, int *compound,
                               uint32_t *lineno)
{
    const char *p = L->p;
    uint32_t no = L->no;
    while (p < L->end) {
        const char *nl = memchr(p, '\n', (size_t)(L->end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(L->end - p);
        char buf[MAX_TEXT];
        snprintf(buf, sizeof buf, "%.*s", (int)(len < sizeof buf ? len : sizeof buf - 1), p);
        p = nl ? nl + 1 : L->end;
        no++;
        if (buf[0] == '#')
            continue;
        strip_comment(buf);
        char *s = trim(buf);
        if (!*s || *s == '{')
            continue;
        if (*s != '-' || strncmp(s, "---", 3) == 0)
            return 0;   /* the next verb */
        char *text, *c;
        if (!split_code(s + 1, &text, &c))
            continue;
        char k[8];
        size_t kn = 0;
        for (const char *q = text; *q && kn < sizeof k - 1; q++)
            if (*q != ' ' && *q != '\t')
                k[kn++] = *q;
        k[kn] = '\0';
        if (strcmp(k, "%*") == 0 || strcmp(k, "$*") == 0) {
            snprintf(code, codelen, "%s", c);
            *compound = k[0] == '%';
            *lineno = no;
            return 1;
        }
    }
    return 0;
}

static int read_verbs(fr *r, char *buf, size_t len)
{
    if (read_synsets(r, buf, len))
        return -1;
    lines L = {buf, buf + len, 0, 0};
    char (*heads)[MAX_TEXT / 4] = malloc(sizeof(char[MAX_TEXT / 4]) * MAX_HEADS);
    char (*vars)[MAX_TEXT] = malloc(sizeof(char[MAX_TEXT]) * MAX_VARIANTS);
    if (!heads || !vars)
        goto nomem;
    size_t nheads = 0;
    int in_time = 0, in_syn = 0, petr_block = 0, in_synset_members = 0;
    char block_code[32] = "";
    int block_has_code = 0;
    char *s;
    while ((s = next_line(&L)) != NULL) {
        s = trim(s);
        if (!*s)
            continue;
        if (strncmp(s, "~~FINISH", 8) == 0)
            break;
        if (strncasecmp(s, "<TIME>", 6) == 0) {
            in_time = 1;
            continue;
        }
        if (strncasecmp(s, "</TIME>", 7) == 0) {
            in_time = 0;
            continue;
        }
        if (strncasecmp(s, "<SYNSETS>", 9) == 0) {
            in_syn = 1;
            continue;
        }
        if (strncasecmp(s, "</SYNSETS>", 10) == 0) {
            in_syn = 0;
            continue;
        }
        if (in_time && s[0] != '-' && (strstr(s, "[###]") || strstr(s, "[+++]"))) {
            /* a discard [###] or complex [+++] time phrase: a marker
             * trigger (a noun: read wherever it stands) */
            char *text, *code, words[MAX_TEXT];
            int ex;
            if (split_code(s, &text, &code) && phrase_words(text, words, sizeof words, &ex)) {
                int k = dyadi_dict_src_add(r->src, 'T', L.no, "noun", words, trim(code), "");
                if (k < 0)
                    goto nomem;
                r->fx->triggers_out += (size_t)k;
                count(r, DYADI_FX_TIME, DYADI_FX_CONVERTED);
            } else {
                warn(r, L.no, "malformed <TIME> phrase (no words or no code), skipped");
                count(r, DYADI_FX_MALFORMED, DYADI_FX_SKIPPED);
            }
            continue;
        }
        if (in_time) {
            warn(r, L.no, "<TIME> shift '%s' is not represented (dyad dates events from its own "
                          "time cues)", s);
            count(r, DYADI_FX_TIME, DYADI_FX_SKIPPED);
            continue;
        }
        if (s[0] == '&') {
            in_synset_members = 1;
            continue;
        }
        if (s[0] == '+' && (in_syn || in_synset_members))
            continue;
        in_synset_members = 0;
        if (in_syn)
            continue;
        if (s[0] == '<')
            continue;
        if (strncmp(s, "---", 3) == 0 && strlen(s) > 3) {   /* PETRARCH2 block */
            char *text, *code;
            nheads = 0;
            petr_block = 1;
            block_has_code = 0;
            if (split_code(s + 3, &text, &code))
                block_has_code = verb_code(r, L.no, code, block_code, sizeof block_code);
            count(r, DYADI_FX_VERB, DYADI_FX_CONVERTED);
            continue;
        }
        if (s[0] == '-') {
            if (!nheads) {
                warn(r, L.no, "pattern before any verb, skipped");
                count(r, DYADI_FX_MALFORMED, DYADI_FX_SKIPPED);
                continue;
            }
            if (r->merged_line && L.no == r->merged_line)
                continue;   /* merged into the verb's entry */
            char *text, *code;
            if (!split_code(s + 1, &text, &code)) {
                warn(r, L.no, "pattern without a [code], skipped");
                count(r, DYADI_FX_MALFORMED, DYADI_FX_SKIPPED);
                continue;
            }
            char pc[32];
            if (!verb_code(r, L.no, code, pc, sizeof pc)) {
                count(r, DYADI_FX_PATTERN, DYADI_FX_SKIPPED);
                continue;
            }
            size_t nv = 0;
            int used_alt = 0, used_syn = 0, approx = 0, nsyn = 0;
            for (const char *q = text; *q; q++)
                nsyn += *q == '&';  /* synset references: a literal pattern wins a tie */
            if (expand(r, text, L.no, vars, &nv, &used_alt, &used_syn))
                goto nomem;
            if (!nv) {
                count(r, DYADI_FX_PATTERN, DYADI_FX_SKIPPED);
                continue;
            }
            if (used_alt)
                count(r, DYADI_FX_ALTERNATIVE, DYADI_FX_CONVERTED);
            for (size_t v = 0; v < nv; v++)
                if (emit_pattern(r, L.no, heads, nheads, vars[v], pc, nsyn, &approx) < 0)
                    goto nomem;
            count(r, DYADI_FX_PATTERN, approx ? DYADI_FX_APPROX : DYADI_FX_CONVERTED);
            continue;
        }
        if (s[0] == '{') {      /* TABARI irregular forms of the last verb */
            char *cb = strchr(s, '}');
            if (!cb || !nheads) {
                warn(r, L.no, "irregular forms '%s' without a verb or '}', skipped", s);
                count(r, DYADI_FX_MALFORMED, DYADI_FX_SKIPPED);
                continue;
            }
            *cb = '\0';
            for (char *w = s + 1; *w;) {
                while (*w == ' ' || *w == '\t')
                    w++;
                if (!*w)
                    break;
                char *e = w + strcspn(w, " \t");
                char keep = *e;
                *e = '\0';
                count(r, DYADI_FX_IRREGULAR, DYADI_FX_CONVERTED);
                if (add_head(r, heads, &nheads, w, L.no, block_has_code ? block_code : NULL))
                    goto nomem;
                if (!keep)
                    break;
                w = e + 1;
            }
            continue;
        }
        /* a verb line: TABARI starts a block, PETRARCH2 adds a form */
        char *text = s, *code = NULL;
        char vc[32];
        int has = 0;
        char *ob = strchr(s, '{');
        char irregular[MAX_TEXT] = "";
        if (ob) {
            char *cb = strchr(ob, '}');
            if (cb) {
                *cb = '\0';
                snprintf(irregular, sizeof irregular, "%s", ob + 1);
                memmove(ob, cb + 1, strlen(cb + 1) + 1);
            }
        }
        if (split_code(s, &text, &code))
            has = verb_code(r, L.no, code, vc, sizeof vc);
        else
            text = trim(s);
        if (!petr_block) {
            nheads = 0;
            r->head_among = 0;
            r->merged_line = 0;
            char mc[64], pc[32];
            int comp = 0;
            uint32_t ml = 0;
            if (r->tabari && marker_only_pattern(&L, mc, sizeof mc, &comp, &ml) &&
                verb_code(r, ml, mc, pc, sizeof pc)) {
                /* '$ *': the actor before the verb is the source, as
                 * dyad takes it: the pattern's code. '% *': a compound
                 * source acts among its members; the verb's own code
                 * stays for other sources unless it is null. */
                r->merged_line = ml;
                r->head_among = comp;
                if (!comp || !has || strcmp(vc, "---") == 0) {
                    snprintf(vc, sizeof vc, "%s", pc);
                    has = 1;
                } else if (strcmp(vc, pc) != 0) {
                    warn(r, ml, "'%% *' pattern [%s] merged into the verb's entry, whose code %s "
                                "is kept", pc, vc);
                }
                count(r, DYADI_FX_PATTERN, DYADI_FX_CONVERTED);
            }
            block_has_code = has;
            if (has)
                snprintf(block_code, sizeof block_code, "%s", vc);
            count(r, DYADI_FX_VERB, DYADI_FX_CONVERTED);
        }
        const char *use = has ? vc : block_has_code ? block_code : NULL;
        if (add_head(r, heads, &nheads, text, L.no, use))
            goto nomem;
        for (char *w = irregular; *w;) {
            while (*w == ' ' || *w == '\t')
                w++;
            if (!*w)
                break;
            char *e = w + strcspn(w, " \t");
            char keep = *e;
            *e = '\0';
            count(r, DYADI_FX_IRREGULAR, DYADI_FX_CONVERTED);
            if (add_head(r, heads, &nheads, w, L.no, use))
                goto nomem;
            if (!keep)
                break;
            w = e + 1;
        }
    }
    free(heads);
    free(vars);
    return 0;
nomem:
    free(heads);
    free(vars);
    return -1;
}

/* ---- specs and files ---------------------------------------------------- */

static int kind_of_name(const char *path)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    char low[256];
    size_t i = 0;
    for (; b[i] && i + 1 < sizeof low; i++)
        low[i] = (char)((b[i] >= 'A' && b[i] <= 'Z') ? b[i] - 'A' + 'a' : b[i]);
    low[i] = '\0';
    if (strstr(low, "issue") || strstr(low, "preposition"))
        return K_OTHER;
    if (strstr(low, "verb") || strncmp(low, "cameo.", 6) == 0)
        return K_VERBS;
    if (strstr(low, "agent"))
        return K_AGENTS;
    if (strstr(low, "discard"))
        return K_DISCARDS;
    if (strstr(low, "actor"))
        return K_ACTORS;
    if (strstr(low, ".options"))
        return K_OPTIONS;
    return K_OTHER;
}

static int spec_add(spec *sp, const char *path, int kind)
{
    if (sp->n == MAX_FILES)
        return -1;
    int w = snprintf(sp->f[sp->n].path, sizeof sp->f[0].path, "%s", path);
    if (w < 0 || (size_t)w >= sizeof sp->f[0].path)
        return -1;
    sp->f[sp->n++].kind = kind;
    return 0;
}

static void dir_of(const char *path, char *out, size_t outlen)
{
    const char *slash = strrchr(path, '/');
    if (slash)
        snprintf(out, outlen, "%.*s", (int)(slash - path), path);
    else
        snprintf(out, outlen, ".");
}

/* TABARI .project: <actorsfile>, <verbsfile>, <agentsfile>, <optionsfile>. */
static int read_project(spec *sp, const char *path, char *errbuf, size_t errlen)
{
    static const struct {
        const char *tag;
        int kind;
    } tags[] = {{"<actorsfile>", K_ACTORS}, {"<agentsfile>", K_AGENTS},
                {"<verbsfile>", K_VERBS},   {"<optionsfile>", K_OPTIONS}};
    char dir[PATH_MAX];
    dir_of(path, dir, sizeof dir);
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(errbuf, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    char line[2048];
    while (fgets(line, sizeof line, f)) {
        for (size_t k = 0; k < sizeof tags / sizeof *tags; k++) {
            size_t tl = strlen(tags[k].tag);
            if (strncasecmp(line, tags[k].tag, tl) != 0)
                continue;
            char *v = trim(line + tl);
            v[strcspn(v, " \t\r\n")] = '\0';
            char full[PATH_MAX];
            int w = snprintf(full, sizeof full, "%s/%s", dir, v);
            if (*v && (w < 0 || (size_t)w >= sizeof full || spec_add(sp, full, tags[k].kind))) {
                snprintf(errbuf, errlen, "%s: too many or too long file names", path);
                fclose(f);
                return -1;
            }
        }
    }
    fclose(f);
    return 0;
}

/* PETR_config.ini [Dictionaries]: files relative to ../dictionaries or the
 * ini's own folder. */
static int read_ini(spec *sp, const char *path, char *errbuf, size_t errlen)
{
    static const char *const keys[] = {"verbfile_name", "actorfile_list", "agentfile_name",
                                       "discardfile_name"};
    char dir[PATH_MAX];
    dir_of(path, dir, sizeof dir);
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(errbuf, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        char *eq = strchr(line, '=');
        if (!eq)
            continue;
        *eq = '\0';
        char *k = trim(line);
        size_t i;
        for (i = 0; i < sizeof keys / sizeof *keys && strcmp(k, keys[i]); i++) {
        }
        if (i == sizeof keys / sizeof *keys)
            continue;
        for (char *v = eq + 1; v && *v;) {
            char *comma = strchr(v, ',');
            if (comma)
                *comma = '\0';
            char *name = trim(v);
            name[strcspn(name, "\r\n")] = '\0';
            if (*name) {
                char full[PATH_MAX];
                int w = snprintf(full, sizeof full, "%s/../dictionaries/%s", dir, name);
                if (w < 0 || (size_t)w >= sizeof full || access(full, R_OK) != 0)
                    w = snprintf(full, sizeof full, "%s/%s", dir, name);
                if (w < 0 || (size_t)w >= sizeof full || spec_add(sp, full, kind_of_name(name))) {
                    fclose(f);
                    snprintf(errbuf, errlen, "%s: too many files", path);
                    return -1;
                }
            }
            v = comma ? comma + 1 : NULL;
        }
    }
    fclose(f);
    return 0;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A PETRARCH2 folder: its production dictionaries (the PETR.Validate.*
 * test files only when nothing else is there; one verbs file). */
static int read_folder(spec *sp, const char *dir, char *errbuf, size_t errlen)
{
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(errbuf, errlen, "%s: %s", dir, strerror(errno));
        return -1;
    }
    char *names[256];
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL && n < 256)
        if (de->d_name[0] != '.' && (names[n] = dup_str(de->d_name)) != NULL)
            n++;
    closedir(d);
    qsort(names, n, sizeof *names, cmp_name);
    size_t prod = 0;
    for (size_t i = 0; i < n; i++)
        prod += strncmp(names[i], "PETR.", 5) != 0 && kind_of_name(names[i]) != K_OTHER;
    int rc = 0, verbs = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        int k = kind_of_name(names[i]);
        if (k == K_OTHER || (prod && strncmp(names[i], "PETR.", 5) == 0))
            continue;
        if (k == K_VERBS && verbs++)
            continue;
        char full[PATH_MAX];
        int w = snprintf(full, sizeof full, "%s/%s", dir, names[i]);
        if (w < 0 || (size_t)w >= sizeof full || spec_add(sp, full, k)) {
            snprintf(errbuf, errlen, "%s: too many files", dir);
            rc = -1;
        }
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    return rc;
}

static int parse_spec(spec *sp, const char *s, char *errbuf, size_t errlen)
{
    /* 256 KB of path room, used only as far as n: not cleared (the fuzz
     * harnesses compile once per input; clearing was 2 % of their time) */
    sp->tabari = 0;
    sp->n = 0;
    const char *rest;
    if (strncmp(s, "tabari:", 7) == 0) {
        sp->tabari = 1;
        rest = s + 7;
    } else if (strncmp(s, "petrarch:", 9) == 0) {
        rest = s + 9;
    } else {
        snprintf(errbuf, errlen, "dictionary spec '%s': expected tabari:FILE or petrarch:PATH", s);
        return -1;
    }
    char buf[8192];
    snprintf(buf, sizeof buf, "%s", rest);
    for (char *p = buf; p && *p;) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        size_t pl = strlen(p);
        DIR *d = opendir(p);
        if (d) {
            closedir(d);
            if (read_folder(sp, p, errbuf, errlen))
                return -1;
        } else if (pl > 8 && strcmp(p + pl - 8, ".project") == 0) {
            if (read_project(sp, p, errbuf, errlen))
                return -1;
        } else if (pl > 4 && strcmp(p + pl - 4, ".ini") == 0) {
            if (read_ini(sp, p, errbuf, errlen))
                return -1;
        } else if (access(p, R_OK) == 0) {
            if (spec_add(sp, p, kind_of_name(p))) {
                snprintf(errbuf, errlen, "too many dictionary files");
                return -1;
            }
        } else {
            snprintf(errbuf, errlen, "%s: %s", p, strerror(errno));
            return -1;
        }
        p = comma ? comma + 1 : NULL;
    }
    if (!sp->n) {
        snprintf(errbuf, errlen, "dictionary spec '%s' names no dictionary file", s);
        return -1;
    }
    return 0;
}

/* TABARI .options: the directives that change how events are coded
 * (SET:, DEFAULT:, COMMA:, COMPLEX:, FORWARD:) are checked with the coder's
 * own parser (options.c) and kept in the lexicon, one a line, as every
 * coder's starting state; LABEL: and OUTPUT: change only TABARI's output.
 * A directive the parser refuses is a warning FILE:LINE and left out. The
 * file's settings start from TABARI's built-in values, as the validation
 * suite resets them (COMMA-Cancel, MINWRD-Cancel); dictionaries given
 * without an .options file keep dyad's (no minimum, no comma deletion). */
static const char TABARI_BUILTIN[] = "COMMA: MIN = 2 MAX = 10 EMIN = 2 EMAX = 10 BMIN = 255 BMAX = 0\n"
                                     "SET: MINIMUM WORDS = 8\n";

static int read_options(fr *r, char *buf, size_t len)
{
    lines L = {buf, buf + len, 0, 0};
    char *s;
    size_t cap = sizeof TABARI_BUILTIN + len + 1, n = sizeof TABARI_BUILTIN - 1;
    char *keep = malloc(cap);
    if (!keep)
        return -1;
    memcpy(keep, TABARI_BUILTIN, n);
    dyadi_options scratch;
    dyadi_options_init(&scratch, NULL);
    while ((s = next_line(&L)) != NULL) {
        s = trim(s);
        size_t sl = strlen(s);
        while (sl && (s[sl - 1] == ' ' || s[sl - 1] == '\t' || s[sl - 1] == '\r'))
            s[--sl] = '\0';
        if (!sl || (s[0] == '/' && s[1] == '/') || s[0] == '#' || s[0] == ';')
            continue;
        if (strncasecmp(s, "LABEL:", 6) == 0 || strncasecmp(s, "OUTPUT:", 7) == 0) {
            r->fx->n[DYADI_FX_SECTION][DYADI_FX_SKIPPED]++;
            continue;
        }
        char err[200];
        if (dyadi_options_directive(&scratch, s, sl, err, sizeof err) != DYAD_OK) {
            warn(r, L.no, "option '%s' not used: %s", s, err);
            r->fx->n[DYADI_FX_MALFORMED][DYADI_FX_SKIPPED]++;
            continue;
        }
        memcpy(keep + n, s, sl);
        n += sl;
        keep[n++] = '\n';
        r->fx->n[DYADI_FX_SECTION][DYADI_FX_CONVERTED]++;
    }
    keep[n] = '\0';
    int rc = dyadi_dict_src_options(r->src, keep);
    free(keep);
    return rc;
}

/* PETRARCH's discards file: a phrase found in a sentence stops its coding
 * (dictionaries.rst). Each phrase becomes an actor entry with the discard
 * code "###", which the recogniser turns into a veto of its sentence as
 * for TABARI's [###] actors. Matching is without case; a phrase not closed
 * by '_' is a stem, approximated by the noun endings s and es. A '+'
 * phrase discards the whole story: dyad discards its sentence
 * (approximated; the suites code one sentence per story). */
static int read_discards(fr *r, char *buf, size_t len)
{
    static const char *const ends[] = {"", "s", "es"};
    lines L = {buf, buf + len, 0, 0};
    char *s;
    while ((s = next_line(&L)) != NULL) {
        char *hash = strchr(s, '#');
        if (hash)
            *hash = '\0';
        s = trim(s);
        if (!*s)
            continue;
        int story = s[0] == '+';
        char words[MAX_TEXT];
        int exact = 0;
        if (!phrase_words(s + story, words, sizeof words, &exact)) {
            warn(r, L.no, "empty discard phrase '%s', skipped", s);
            count(r, DYADI_FX_DISCARD, DYADI_FX_SKIPPED);
            continue;
        }
        for (size_t i = 0; i < (exact ? 1 : sizeof ends / sizeof *ends); i++) {
            char ph[MAX_TEXT + 8];
            snprintf(ph, sizeof ph, "%s%s", words, ends[i]);
            int k = dyadi_dict_src_add(r->src, 'A', L.no, "country", ph, "###", "");
            if (k < 0)
                return -1;
            r->fx->actors_out += (size_t)k;
        }
        count(r, DYADI_FX_DISCARD, story ? DYADI_FX_APPROX : DYADI_FX_CONVERTED);
    }
    return 0;
}

typedef struct job {
    spec *sp;
    dyadi_foreign_stats *fx;
} job;

/* Files in the order the entries need: actors, agents, verbs, then the
 * rest (discards and options only counted). */
static dyad_status run_files(void *ud, dyadi_dict_src *src, char *errbuf, size_t errlen)
{
    job *jb = ud;
    fr r;
    memset(&r, 0, sizeof r);
    r.src = src;
    r.fx = jb->fx;
    r.tabari = jb->sp->tabari;
    if (r.tabari)
        dyadi_dict_src_flags(src, DYADI_LEX_ONE_VERB | DYADI_LEX_WORDS);
    dyad_status rc = DYAD_OK;
    static const int order[] = {K_ACTORS, K_AGENTS, K_VERBS, K_DISCARDS, K_OPTIONS, K_OTHER};
    for (size_t o = 0; o < sizeof order / sizeof *order && rc == DYAD_OK; o++) {
        for (size_t i = 0; i < jb->sp->n && rc == DYAD_OK; i++) {
            spec_file *f = &jb->sp->f[i];
            if (f->kind != order[o])
                continue;
            if (dyadi_dict_src_file(src, f->path))
                goto nomem;
            jb->fx->files++;
            r.path = f->path;
            const char *b = strrchr(f->path, '/');
            r.base = b ? b + 1 : f->path;
            size_t len = 0;
            char *buf = slurp(f->path, &len, errbuf, errlen);
            if (!buf) {
                rc = DYAD_ERR_IO;
                break;
            }
            /* A binary file (a NUL byte) or an empty one is a wrong path,
             * not an empty dictionary: say so rather than code nothing. */
            const char *nul = memchr(buf, '\0', len);
            if (nul || (len == 0 && f->kind != K_OPTIONS && f->kind != K_DISCARDS)) {
                if (nul)
                    snprintf(errbuf, errlen, "%s: byte %zu: a binary file (NUL byte), not a "
                             "TABARI or PETRARCH dictionary", f->path, (size_t)(nul - buf));
                else
                    snprintf(errbuf, errlen, "%s: empty file, not a dictionary", f->path);
                free(buf);
                rc = DYAD_ERR_FORMAT;
                break;
            }
            size_t before = jb->fx->actors_out + jb->fx->triggers_out;
            int k = 0;
            if (f->kind == K_ACTORS || f->kind == K_AGENTS)
                k = read_actors(&r, buf, len, f->kind == K_AGENTS);
            else if (f->kind == K_VERBS)
                k = read_verbs(&r, buf, len);
            else if (f->kind == K_OPTIONS && r.tabari)
                k = read_options(&r, buf, len);
            else if (f->kind == K_DISCARDS && !r.tabari)
                k = read_discards(&r, buf, len);
            else {
                size_t nl = 0;
                lines L = {buf, buf + len, 0, 0};
                char *s;
                while ((s = next_line(&L)) != NULL)
                    nl += *trim(s) != '\0';
                int el = f->kind == K_DISCARDS ? DYADI_FX_DISCARD : DYADI_FX_SECTION;
                r.fx->n[el][DYADI_FX_SKIPPED] += nl;
                warn(&r, 0, "%zu %s not used by dyad", nl,
                     f->kind == K_DISCARDS ? "discard phrases are"
                     : f->kind == K_OPTIONS ? "option lines are"
                                            : "lines of an unknown dictionary kind are");
            }
            free(buf);
            if (k < 0)
                goto nomem;
            if ((f->kind == K_ACTORS || f->kind == K_AGENTS || f->kind == K_VERBS) &&
                jb->fx->actors_out + jb->fx->triggers_out == before) {
                snprintf(errbuf, errlen, "%s: no %s entry could be read: not a %s dictionary "
                         "(wrong format?)", f->path, f->kind == K_VERBS ? "verb" : "actor",
                         r.tabari ? "TABARI" : "PETRARCH");
                rc = DYAD_ERR_FORMAT;
            }
        }
    }
    if (rc == DYAD_OK && jb->fx->actors_out + jb->fx->triggers_out == 0) {
        snprintf(errbuf, errlen, "no dictionary entry in %zu file%s: not TABARI or PETRARCH "
                 "dictionaries (wrong file or format?)", jb->fx->files,
                 jb->fx->files == 1 ? "" : "s");
        rc = DYAD_ERR_FORMAT;
    }
    goto done;
nomem:
    rc = DYAD_ERR_NOMEM;
    snprintf(errbuf, errlen, "%s: out of memory", r.path ? r.path : "foreign dictionaries");
done:
    for (size_t i = 0; i < r.nsyn; i++) {
        for (size_t k = 0; k < r.syn[i].n; k++)
            free(r.syn[i].mem[k]);
        free(r.syn[i].mem);
        free(r.syn[i].name);
    }
    free(r.syn);
    for (size_t i = 0; i < r.nsub; i++) {
        for (size_t k = 0; k < r.sub[i].n; k++)
            free(r.sub[i].mem[k]);
        free(r.sub[i].mem);
        free(r.sub[i].name);
    }
    free(r.sub);
    return rc;
}

static dyad_status foreign_compile(const char *specstr, const dyadi_dict_base *base,
                                   const dyadi_dict_opts *opts, dyadi_dict_stats *stats,
                                   dyadi_foreign_stats *fx, char *errbuf, size_t errlen)
{
    dyad_status rc;
    memset(fx, 0, sizeof *fx);
    spec *sp = malloc(sizeof *sp);     /* parse_spec sets it */
    if (!sp) {
        snprintf(errbuf, errlen, "out of memory");
        memset(stats, 0, sizeof *stats);
        return DYAD_ERR_NOMEM;
    }
    if (parse_spec(sp, specstr, errbuf, errlen)) {
        memset(stats, 0, sizeof *stats);
        rc = DYAD_ERR_IO;
        goto done;
    }
    job jb = {sp, fx};
    rc = base ? dyadi_dict_compile_base(base, opts, run_files, &jb, stats, errbuf, errlen)
              : dyadi_dict_compile_foreign(opts, run_files, &jb, stats, errbuf, errlen);
done:
    free(sp);
    return rc;
}

dyad_status dyadi_foreign_compile(const char *specstr, const dyadi_dict_opts *opts,
                                  dyadi_dict_stats *stats, dyadi_foreign_stats *fx,
                                  char *errbuf, size_t errlen)
{
    return foreign_compile(specstr, NULL, opts, stats, fx, errbuf, errlen);
}

dyad_status dyadi_foreign_compile_base(const char *specstr, const dyadi_dict_base *base,
                                       const dyadi_dict_opts *opts, dyadi_dict_stats *stats,
                                       dyadi_foreign_stats *fx, char *errbuf, size_t errlen)
{
    return foreign_compile(specstr, base, opts, stats, fx, errbuf, errlen);
}

void dyadi_foreign_print(FILE *f, const dyadi_foreign_stats *fx)
{
    static const char *const names[DYADI_FX_COUNT] = {
        "actor [CODE]",        "synonym +",        "date restriction",  "null [---]/[+++]",
        "discard [###]",       "several codes A/B", "TABARI prefix word", "agent [~CODE]",
        "agent prefix [X~]",   "plural {..}",      "substitution !X!",  "verb",
        "irregular forms {..}", "pattern",         "source $",          "target +",
        "compound %",          "skip ^",           "connect _",         "alternatives {a|b}",
        "synset &X",           "paired codes a:b", "constituent (..)",  "tilde ~",
        "<TIME> shift",        "sections/options", "non-CAMEO code",    "malformed"};
    fprintf(f, "%-22s %10s %12s %8s\n", "element", "converted", "approximated", "skipped");
    for (int i = 0; i < DYADI_FX_COUNT; i++) {
        const size_t *n = fx->n[i];
        if (n[0] + n[1] + n[2] == 0)
            continue;
        fprintf(f, "%-22s %10zu %12zu %8zu\n", names[i], n[0], n[1], n[2]);
    }
    fprintf(f, "files %zu; dyad entries: actors and agents %zu, triggers %zu\n", fx->files,
            fx->actors_out, fx->triggers_out);
}

int dyadi_foreign_data_dir(const char *dir, char *out, size_t outlen)
{
    char probe[PATH_MAX];
    if (dir) {
        snprintf(out, outlen, "%s", dir);
        return 0;
    }
    const char *env = getenv("DYAD_DATA");
    if (env && *env) {
        snprintf(out, outlen, "%s", env);
        return 0;
    }
    if (access("data/cameo/codes.tsv", R_OK) == 0) {
        snprintf(out, outlen, "data");
        return 0;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            static const char *const rel[] = {"/../data", "/../share/dyad/data", "/../../data"};
            for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
                int w = snprintf(probe, sizeof probe, "%s%s/cameo/codes.tsv", exe, rel[i]);
                if (w > 0 && (size_t)w < sizeof probe && access(probe, R_OK) == 0) {
                    snprintf(out, outlen, "%s%s", exe, rel[i]);
                    return 0;
                }
            }
        }
    }
    snprintf(out, outlen, "data");
    return -1;
}

/* Compile into a temporary file, open it, unlink it: the mapping outlives
 * the name, and nothing is left behind if the process dies. */
dyad_status dyadi_foreign_open(const char *specstr, const char *data_dir, FILE *msg, int verbosity,
                               dyadi_foreign_stats *fx, dyad_lexicon **out, char *errbuf,
                               size_t errlen)
{
    dyad_status rc;
    char dir[PATH_MAX], tmp[PATH_MAX];
    int fd = -1;
    *out = NULL;
    dyadi_foreign_data_dir(data_dir, dir, sizeof dir);
    const char *t = getenv("TMPDIR");
    snprintf(tmp, sizeof tmp, "%s/dyad-foreign-XXXXXX", t && *t ? t : "/tmp");
    fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(errbuf, errlen, "%s: %s", tmp, strerror(errno));
        return DYAD_ERR_IO;
    }
    close(fd);
    dyadi_dict_opts o = {dir, tmp, 0, msg, verbosity};
    dyadi_dict_stats st;
    rc = dyadi_foreign_compile(specstr, &o, &st, fx, errbuf, errlen);
    if (rc == DYAD_OK && st.errors) {
        snprintf(errbuf, errlen, "%zu errors in %s (dyad's taxonomy and cues)", st.errors, dir);
        rc = DYAD_ERR_FORMAT;
    }
    if (rc == DYAD_OK)
        rc = dyad_lexicon_open(tmp, out, errbuf, errlen);
    unlink(tmp);
    return rc;
}

DYAD_API dyad_status dyad_lexicon_open_foreign(const char *specstr, const char *data_dir,
                                               dyad_lexicon **out, char *errbuf, size_t errlen)
{
    char dummy[8];
    if (!errbuf || !errlen) {
        errbuf = dummy;
        errlen = sizeof dummy;
    }
    errbuf[0] = '\0';
    if (!out)
        return DYAD_ERR_ARG;
    *out = NULL;
    if (!specstr)
        return DYAD_ERR_ARG;
    dyadi_foreign_stats fx;
    return dyadi_foreign_open(specstr, data_dir, NULL, 0, &fx, out, errbuf, errlen);
}
