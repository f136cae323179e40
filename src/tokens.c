/* tokens.c - the tokenizer: original bytes -> tokens with byte spans.
 *
 * Second text stage, and the only one that reads raw text byte by byte: one
 * left-to-right pass over the ORIGINAL bytes (no normalised copy, so a
 * token's span is exactly its text and every later offset is an offset the
 * user can slice). Each token gets a kind (word, number, punctuation,
 * symbol) and flags; keys are computed later by the coder (normalize.c,
 * stem.c). The rules that are language data (French elisions, English
 * clitics, abbreviations, French inverted pronouns) come from the generated
 * tables in text_tables.c; the rules that are code are here:
 *  - words: letters, combining marks, inner digits, inner hyphens (one token
 *    "Jong-Un", flagged HYPHEN) and inner apostrophes ("aujourd'hui");
 *  - French elision "l'offensive" -> "l'" (ELIDED) + "offensive", with ' ’ ʼ;
 *  - English "don't" -> "do" "n't", "Russia's" -> "Russia" "'s";
 *  - French inversion "a-t-il" -> "a" "il" (the "-t-" is in no token);
 *  - abbreviations keep their periods ("U.S.", "M.", "etc.", initials "J.");
 *  - numbers keep their inner separators ("1 000", "3,5", "15/08/2022", "1er");
 *  - every punctuation mark is a token, except runs of periods ("...");
 *    quotation marks are flagged QUOTE.
 * Invalid UTF-8 stays inside the token it occurs in (flagged REPLACED, its key
 * gets U+FFFD) and NUL bytes separate tokens; either is reported once per run
 * of bad bytes. No allocation but the capped token vector. */
#include "text.h"
#include "text_tables.h"

#include <string.h>
#include <utf8proc.h>

enum cls {
    C_SPACE, C_NUL, C_BAD, C_LETTER, C_MARK, C_DIGIT, C_APOS, C_HYPHEN,
    C_DOT, C_QUOTE, C_PUNCT, C_SYMBOL, C_FORMAT, C_ELLIPSIS
};

/* ASCII classes by byte; built from the Unicode categories of ASCII. */
static const uint8_t ascii_cls[128] = {
    C_NUL, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE,
    C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE,
    C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE,
    C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE,
    /*   */ C_SPACE, /* ! */ C_PUNCT, /* " */ C_QUOTE, /* # */ C_PUNCT,
    /* $ */ C_SYMBOL, /* % */ C_PUNCT, /* & */ C_PUNCT, /* ' */ C_APOS,
    /* ( */ C_PUNCT, /* ) */ C_PUNCT, /* * */ C_PUNCT, /* + */ C_SYMBOL,
    /* , */ C_PUNCT, /* - */ C_HYPHEN, /* . */ C_DOT, /* / */ C_PUNCT,
    C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT,
    C_DIGIT, C_DIGIT,
    /* : */ C_PUNCT, /* ; */ C_PUNCT, /* < */ C_SYMBOL, /* = */ C_SYMBOL,
    /* > */ C_SYMBOL, /* ? */ C_PUNCT, /* @ */ C_PUNCT,
    C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER,
    C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER,
    C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER,
    C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER,
    /* [ */ C_PUNCT, /* \ */ C_PUNCT, /* ] */ C_PUNCT, /* ^ */ C_SYMBOL,
    /* _ */ C_PUNCT, /* ` */ C_SYMBOL,
    C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER,
    C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER,
    C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER,
    C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER,
    /* { */ C_PUNCT, /* | */ C_SYMBOL, /* } */ C_PUNCT, /* ~ */ C_SYMBOL,
    /* DEL */ C_SPACE
};

static int cls_of_cp(int32_t cp)
{
    switch (cp) {
    case 0x2019: case 0x02BC:                   /* ’ ʼ */
        return C_APOS;
    case 0x00AB: case 0x00BB: case 0x201C: case 0x201D: case 0x201E:
    case 0x2039: case 0x203A: case 0x2018: case 0x201A: case 0x201F:
        return C_QUOTE;                         /* « » “ ” „ ‹ › ‘ ‚ ‟ */
    case 0x2010: case 0x2011:                   /* hyphen, non-breaking hyphen */
        return C_HYPHEN;
    case 0x2026:
        return C_ELLIPSIS;
    default:
        break;
    }
    /* default-ignorable characters (variation selectors, fillers, soft
     * hyphen) vanish from keys: they may continue a word, never start one,
     * so no token has an empty key */
    if (utf8proc_get_property(cp)->ignorable)
        return C_FORMAT;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_NL:
        return C_LETTER;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
        return C_MARK;
    case UTF8PROC_CATEGORY_ND:
        return C_DIGIT;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC:
        return C_SPACE;
    case UTF8PROC_CATEGORY_CF:
        return C_FORMAT;
    case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE: case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO:
        return C_PUNCT;
    default:
        return C_SYMBOL;
    }
}

/* Class of the character at s[i]; *next gets the index after it. */
static int cls_at(const char *s, size_t n, size_t i, int32_t *cp, size_t *next)
{
    unsigned char b = (unsigned char)s[i];
    if (b < 0x80) {
        *next = i + 1;
        *cp = b;
        return ascii_cls[b];
    }
    *next = i;
    *cp = dyadi_utf8_next(s, n, next);
    if (*cp < 0)
        return C_BAD;
    return cls_of_cp(*cp);
}

static int is_upper(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static int lower_ascii(int ch)
{
    return (ch >= 'A' && ch <= 'Z') ? ch + 32 : ch;
}

/* ASCII-case-insensitive: does s[0,n) equal the lowercase word w? */
static int eq_word(const char *s, size_t n, const char *w)
{
    size_t k;
    for (k = 0; k < n; k++)
        if (w[k] == '\0' || lower_ascii((unsigned char)s[k]) != (unsigned char)w[k])
            return 0;
    return w[k] == '\0';
}

static int in_list(const char *s, size_t n, const char *const *list, size_t nlist)
{
    for (size_t k = 0; k < nlist; k++)
        if (eq_word(s, n, list[k]))
            return 1;
    return 0;
}

static int cmp_abbrev(const char *s, size_t n, const char *t)
{
    size_t tn = strlen(t);
    size_t m = n < tn ? n : tn;
    int r = memcmp(s, t, m);
    if (r)
        return r;
    return n < tn ? -1 : n > tn;
}

const dyadi_abbrev *dyadi_abbrev_find(const char *s, size_t n)
{
    size_t lo = 0, hi = dyadi_n_abbrevs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int r = cmp_abbrev(s, n, dyadi_abbrevs[mid].s);
        if (r == 0)
            return &dyadi_abbrevs[mid];
        if (r < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

typedef struct tok_ctx {
    const char *s;
    size_t n;
    dyadi_vec *tokens;
    dyadi_vec *warnings;
    int fr, en;             /* which languages' rules apply */
    size_t bad_end;         /* end of the last bad byte reported, to report runs once */
    int bad_kind;
    dyad_status st;
} tok_ctx;

/* Report a bad byte at off unless it continues the run reported last.
 * A full warning vector drops further warnings: they are advisory. */
static void note_bad(tok_ctx *c, size_t off, size_t end, int kind)
{
    if (!(c->bad_end == off && c->bad_kind == kind && off != 0)) {
        dyad_warning *w = dyadi_vec_push(c->warnings);
        if (w) {
            w->offset = (uint32_t)off;
            w->what = kind == C_NUL ? "NUL byte in text" : "invalid UTF-8 (replaced by U+FFFD in keys)";
        }
    }
    c->bad_end = end;
    c->bad_kind = kind;
}

static int emit(tok_ctx *c, size_t start, size_t end, int kind, unsigned flags)
{
    if (end <= start)
        return 1;
    dyad_token *t = dyadi_vec_push(c->tokens);
    if (!t) {
        c->st = DYAD_ERR_NOMEM;
        return 0;
    }
    t->span.start = (uint32_t)start;
    t->span.end = (uint32_t)end;
    t->kind = (uint8_t)kind;
    t->flags = (uint8_t)flags;
    return 1;
}

static int is_wordch(int k)
{
    return k == C_LETTER || k == C_MARK || k == C_DIGIT || k == C_BAD || k == C_FORMAT;
}

/* Is there a word character at i (end of text counts as none)? */
static int wordch_at(const tok_ctx *c, size_t i)
{
    if (i >= c->n)
        return 0;
    int32_t cp;
    size_t nx;
    int k = cls_at(c->s, c->n, i, &cp, &nx);
    if (is_wordch(k))
        return 1;
    if (k == C_HYPHEN || k == C_APOS) {     /* "-x" or "'x" would continue the word */
        if (nx >= c->n)
            return 0;
        size_t nx2;
        int k2 = cls_at(c->s, c->n, nx, &cp, &nx2);
        return k2 == C_LETTER || k2 == C_DIGIT;
    }
    return 0;
}

/* English clitic after the apostrophe at [ap, after): length of the clitic
 * letters when s[after..] spells one of the clitics and the word ends there. */
static size_t clitic_len(const tok_ctx *c, size_t after)
{
    for (size_t k = 0; k < dyadi_n_clitics_en; k++) {
        const char *cl = dyadi_clitics_en[k];
        if (cl[0] != '\'')
            continue;           /* n't is handled by the caller */
        size_t m = strlen(cl + 1);
        if (after + m > c->n || !eq_word(c->s + after, m, cl + 1))
            continue;
        if (!wordch_at(c, after + m))
            return m;
    }
    return 0;
}

/* French inversion at the hyphen s[p] ("a-t-il", "dit-elle"): on success
 * sets the pronoun's span. */
static int inversion_at(const tok_ctx *c, size_t p, size_t *ps, size_t *pe)
{
    size_t q = p + 1;
    if (q + 2 < c->n && (c->s[q] == 't' || c->s[q] == 'T') && c->s[q + 1] == '-')
        q += 2;
    size_t r = q;
    while (r < c->n && r - q < 6 && ((c->s[r] | 0x20) >= 'a' && (c->s[r] | 0x20) <= 'z'))
        r++;
    if (r == q || wordch_at(c, r))
        return 0;
    if (!in_list(c->s + q, r - q, dyadi_inversions_fr, dyadi_n_inversions_fr))
        return 0;
    *ps = q;
    *pe = r;
    return 1;
}

/* Letters (no digits, no marks) from i; returns the end. */
static size_t letters_from(const tok_ctx *c, size_t i)
{
    while (i < c->n) {
        int32_t cp;
        size_t nx;
        if (cls_at(c->s, c->n, i, &cp, &nx) != C_LETTER)
            break;
        i = nx;
    }
    return i;
}

/* A word [st,p) followed by '.' at p: the end of the abbreviation token
 * starting at st (a listed abbreviation, a dotted acronym of short
 * segments, or an initial), or 0 when the period is punctuation. */
static size_t abbrev_end(const tok_ctx *c, size_t st, size_t p)
{
    size_t ends[8];
    size_t nends = 0;
    size_t e = p + 1;
    if (e < c->n && c->s[e] == '.')
        return 0;                           /* "etc..." : the dots are an ellipsis */
    ends[nends++] = e;
    int short_segs = (p - st) <= 2;         /* "U.S.", "e.g.", "Ph.D." */
    while (nends < 8) {
        size_t f = letters_from(c, e);
        if (f == e || f >= c->n || c->s[f] != '.' || (f + 1 < c->n && c->s[f + 1] == '.'))
            break;
        if (f - e > 2)
            short_segs = 0;
        e = f + 1;
        ends[nends++] = e;
    }
    for (size_t k = nends; k-- > 0;) {
        if (dyadi_abbrev_find(c->s + st, ends[k] - st))
            return ends[k];
        if (k >= 1 && short_segs)
            return ends[k];
    }
    /* a single capital letter and a period: an initial ("J. Smith") */
    size_t i = st;
    int32_t cp = dyadi_utf8_next(c->s, c->n, &i);
    if (i == p && is_upper(cp))
        return p + 1;
    return 0;
}

/* A word from st (its first code point is cp0, or -1 for a bad byte).
 * Returns the index after the last token emitted, or 0 on a full vector. */
static size_t scan_word(tok_ctx *c, size_t st, int32_t cp0)
{
    unsigned flags = is_upper(cp0) ? DYAD_TOKF_CAPITAL : 0;
    size_t p = st;
    for (;;) {
        if (p >= c->n)
            break;
        int32_t cp;
        size_t nx;
        int k = cls_at(c->s, c->n, p, &cp, &nx);
        if (is_wordch(k)) {
            if (k == C_BAD) {
                flags |= DYAD_TOKF_REPLACED;
                note_bad(c, p, nx, C_BAD);
            }
            p = nx;
            continue;
        }
        if (k == C_APOS && p > st) {
            int32_t cp2 = 0;
            size_t nx2;
            int k2 = nx < c->n ? cls_at(c->s, c->n, nx, &cp2, &nx2) : -1;
            if (k2 != C_LETTER) {
                /* "n' ... pas" in a dictionary pattern, "l' Ukraine" in
                 * sloppy text: an elision before a space is still one */
                if (c->fr && in_list(c->s + st, p - st, dyadi_elisions_fr, dyadi_n_elisions_fr)) {
                    if (!emit(c, st, nx, DYAD_TOK_WORD, flags | DYAD_TOKF_ELIDED))
                        return 0;
                    return nx;
                }
                break;
            }
            if (c->fr && in_list(c->s + st, p - st, dyadi_elisions_fr, dyadi_n_elisions_fr)) {
                if (!emit(c, st, nx, DYAD_TOK_WORD, flags | DYAD_TOKF_ELIDED))
                    return 0;
                st = p = nx;
                flags = is_upper(cp2) ? DYAD_TOKF_CAPITAL : 0;
                continue;
            }
            if (c->en && p - st >= 2 && (c->s[p - 1] | 0x20) == 'n' && (c->s[nx] | 0x20) == 't' &&
                !wordch_at(c, nx + 1)) {
                if (!emit(c, st, p - 1, DYAD_TOK_WORD, flags) ||
                    !emit(c, p - 1, nx + 1, DYAD_TOK_WORD, 0))
                    return 0;
                return nx + 1;
            }
            size_t m;
            if (c->en && (m = clitic_len(c, nx)) > 0) {
                if (!emit(c, st, p, DYAD_TOK_WORD, flags) ||
                    !emit(c, p, nx + m, DYAD_TOK_WORD, 0))
                    return 0;
                return nx + m;
            }
            p = nx;                         /* inner apostrophe: aujourd'hui, O'Brien */
            continue;
        }
        if (k == C_HYPHEN && nx < c->n && p > st) {
            int32_t cp2;
            size_t nx2;
            int k2 = cls_at(c->s, c->n, nx, &cp2, &nx2);
            if (k2 != C_LETTER && k2 != C_DIGIT && k2 != C_MARK)
                break;
            size_t ps, pe;
            if (c->fr && inversion_at(c, p, &ps, &pe)) {
                if (!emit(c, st, p, DYAD_TOK_WORD, flags))
                    return 0;
                size_t j = ps;
                int32_t pc = dyadi_utf8_next(c->s, c->n, &j);
                if (!emit(c, ps, pe, DYAD_TOK_WORD, is_upper(pc) ? DYAD_TOKF_CAPITAL : 0))
                    return 0;
                return pe;
            }
            flags |= DYAD_TOKF_HYPHEN;
            p = nx;
            continue;
        }
        if (k == C_DOT && p > st) {
            size_t e = abbrev_end(c, st, p);
            if (e) {
                p = e;
                break;
            }
        }
        break;
    }
    if (!emit(c, st, p, DYAD_TOK_WORD, flags))
        return 0;
    return p;
}

static int digit_at(const tok_ctx *c, size_t i)
{
    return i < c->n && c->s[i] >= '0' && c->s[i] <= '9';
}

static size_t digits_from(const tok_ctx *c, size_t i)
{
    while (digit_at(c, i))
        i++;
    return i;
}

/* A number from st: digits with inner separators and a letter suffix. */
static size_t scan_number(tok_ctx *c, size_t st)
{
    size_t p = st;
    for (;;) {
        int32_t cp;
        size_t nx;
        if (p >= c->n)
            break;
        int k = cls_at(c->s, c->n, p, &cp, &nx);
        if (k == C_DIGIT) {
            p = nx;
            continue;
        }
        break;
    }
    int grouping = (p - st) <= 3;           /* "1 000", "15 000", not "2022 300" */
    for (;;) {
        if (p >= c->n)
            break;
        unsigned char b = (unsigned char)c->s[p];
        size_t sep = 0;
        if (b == ' ')
            sep = 1;
        else if (b == 0xC2 && p + 1 < c->n && (unsigned char)c->s[p + 1] == 0xA0)
            sep = 2;                        /* no-break space */
        else if (b == 0xE2 && p + 2 < c->n && (unsigned char)c->s[p + 1] == 0x80 &&
                 (unsigned char)c->s[p + 2] == 0xAF)
            sep = 3;                        /* narrow no-break space */
        if (sep) {
            size_t g = p + sep;
            if (grouping && digits_from(c, g) == g + 3 && !wordch_at(c, g + 3)) {
                p = g + 3;
                continue;
            }
            break;
        }
        /* decimals, dates and times: "3,5", "15/08/2022", "14:30", "2022-08-15" */
        if ((b == ',' || b == '.' || b == '/' || b == ':' || b == '-') && digit_at(c, p + 1)) {
            grouping = 0;
            p = digits_from(c, p + 1);
            continue;
        }
        int32_t cp;
        size_t nx;
        int k = cls_at(c->s, c->n, p, &cp, &nx);
        if (k == C_LETTER || k == C_MARK) {     /* 1er, 2e, 21st, 24h, 5G */
            grouping = 0;
            while (p < c->n) {
                k = cls_at(c->s, c->n, p, &cp, &nx);
                if (k != C_LETTER && k != C_MARK && k != C_DIGIT)
                    break;
                p = nx;
            }
            continue;
        }
        break;
    }
    if (!emit(c, st, p, DYAD_TOK_NUMBER, 0))
        return 0;
    return p;
}

dyad_status dyadi_tokenize(const char *text, size_t len, const char *lang,
                           dyadi_vec *tokens, dyadi_vec *warnings)
{
    if (!text && len)
        return DYAD_ERR_ARG;
    if (len > UINT32_MAX)
        return DYAD_ERR_NOMEM;              /* spans are 32-bit */
    tok_ctx c;
    memset(&c, 0, sizeof c);
    c.s = text;
    c.n = len;
    c.tokens = tokens;
    c.warnings = warnings;
    c.bad_end = 0;
    c.bad_kind = -1;
    c.st = DYAD_OK;
    /* elisions only occur in French, clitics only in English; with the
     * language unknown both apply (they do not collide: "l'" vs "'s"). */
    c.fr = !lang || strcmp(lang, "en") != 0;
    c.en = !lang || strcmp(lang, "fr") != 0;

    size_t i = 0;
    while (i < len) {
        int32_t cp;
        size_t nx;
        int k = cls_at(text, len, i, &cp, &nx);
        switch (k) {
        case C_SPACE:
        case C_FORMAT:
            i = nx;
            break;
        case C_NUL:
            note_bad(&c, i, nx, C_NUL);
            i = nx;
            break;
        case C_LETTER:
        case C_MARK:
        case C_BAD:
            i = scan_word(&c, i, cp);
            break;
        case C_DIGIT:
            i = scan_number(&c, i);
            break;
        case C_DOT: {
            size_t e = i;
            while (e < len && text[e] == '.')
                e++;
            i = emit(&c, i, e, DYAD_TOK_PUNCT, 0) ? e : 0;
            break;
        }
        case C_QUOTE:
        case C_APOS:
            i = emit(&c, i, nx, DYAD_TOK_PUNCT, DYAD_TOKF_QUOTE) ? nx : 0;
            break;
        case C_HYPHEN:
        case C_PUNCT:
        case C_ELLIPSIS:
            i = emit(&c, i, nx, DYAD_TOK_PUNCT, 0) ? nx : 0;
            break;
        default:
            i = emit(&c, i, nx, DYAD_TOK_SYMBOL, 0) ? nx : 0;
            break;
        }
        if (c.st != DYAD_OK)
            return c.st;
    }
    return DYAD_OK;
}
