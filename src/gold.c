/* gold.c - readers for the gold standards dyad is measured against.
 *
 * `dyad eval` codes each gold record's text and hands the record and the
 * produced events to the scorer (score.c). This module turns five very
 * different files into one stream of dyad_gold_record: dyad's own JSON
 * Lines, TABARI's validation text (a loose, hand-edited format whose
 * expectations live in comment blocks), PETRARCH's XML in its three dialects
 * (PETRARCH-1 is not well-formed, UniversalPetrarch self-closes <Sentence/>),
 * PLOVER's JSON array and the CAMEO codebook's CSV examples. Each reader is
 * tolerant where the suites are sloppy on purpose and strict where a
 * mistake would silently change the scores: an expectation it cannot read
 * is a malformed record, reported with its line and skipped.
 *
 * The XML scanner is hand-written rather than libxml2 because two of the
 * PETRARCH files are not XML at all (unclosed <EventCoding>, parse trees
 * outside <Parse>), and the CSV reader because RFC 4180 is twenty lines.
 * Whole files are read into memory: gold sets are small, and it lets every
 * reader report lines by offset. Per-record strings live in an arena reset
 * at each record.
 */
#include "dyad.h"
#include "arena.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define GOLD_MAX_FILE   ((size_t)256 << 20)
#define GOLD_MAX_EVENTS 100000
#define GOLD_MAX_DICTS  64

struct dyad_gold {
    char *path;
    dyad_gold_format format;
    char *buf;              /* the whole file, NUL-terminated */
    size_t len, pos;
    uint64_t line;          /* line number at pos (1-based) */
    dyadi_arena arena;      /* per-record strings, reset by dyad_gold_next */
    dyadi_vec events;       /* dyad_gold_event */
    dyadi_vec must_not;     /* dyad_gold_event */
    dyadi_vec alt;          /* dyad_gold_event: PETRARCH-1 expectations kept in TABARI comments */
    dyadi_vec controls;     /* dyad_gold_control met since the last record returned */
    dyadi_arena ctl_arena;  /* their strings */
    int ctl_served;         /* the controls went out with a record: forget them */
    char *dicts[GOLD_MAX_DICTS];
    size_t ndicts;
    dyad_gold_counts counts;
    const char *file_lang;  /* default language of the file's records (static storage) */
    int done;               /* the suite said "stop here" */
    /* PLOVER: the parsed array and the line of each element */
    json_t *plover;
    size_t plover_next;
    uint64_t *plover_lines;
    size_t plover_nlines;
    /* CAMEO CSV: column indexes from the header */
    int csv_code, csv_example;
    char errmsg[512];
};

/* ------------------------------------------------------------------------
 * Small helpers
 * ------------------------------------------------------------------------ */

DYAD_API const char *dyad_gold_format_name(dyad_gold_format f)
{
    switch (f) {
    case DYAD_GOLD_AUTO: return "auto";
    case DYAD_GOLD_DYAD: return "dyad";
    case DYAD_GOLD_TABARI: return "tabari";
    case DYAD_GOLD_PETRARCH: return "petrarch";
    case DYAD_GOLD_PLOVER: return "plover";
    case DYAD_GOLD_CAMEO_CSV: return "cameo-csv";
    }
    return "unknown";
}

DYAD_API dyad_status dyad_gold_format_parse(const char *name, dyad_gold_format *out)
{
    static const dyad_gold_format all[] = {DYAD_GOLD_AUTO, DYAD_GOLD_DYAD, DYAD_GOLD_TABARI,
                                           DYAD_GOLD_PETRARCH, DYAD_GOLD_PLOVER, DYAD_GOLD_CAMEO_CSV};
    if (!name || !out)
        return DYAD_ERR_ARG;
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (strcmp(name, dyad_gold_format_name(all[i])) == 0) {
            *out = all[i];
            return DYAD_OK;
        }
    return DYAD_ERR_ARG;
}

/* Record an error for the record at `line`; always returns `st` so callers
 * can `return fail(...)`. */
static dyad_status fail(dyad_gold *g, dyad_status st, uint64_t line, const char *fmt, ...)
{
    char what[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    snprintf(g->errmsg, sizeof g->errmsg, "%s:%llu: %s", g->path, (unsigned long long)line, what);
    return st;
}

/* Move pos forward to `to`, counting lines; the only way pos advances. */
static void seek(dyad_gold *g, size_t to)
{
    if (to > g->len)
        to = g->len;
    for (size_t i = g->pos; i < to; i++)
        if (g->buf[i] == '\n')
            g->line++;
    g->pos = to;
}

static int is_space(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

/* memmem is a GNU extension; the build asks only for POSIX. */
static const char *find_mem(const char *h, size_t hn, const char *needle, size_t nn)
{
    if (nn == 0)
        return h;
    for (size_t i = 0; i + nn <= hn; i++)
        if (h[i] == needle[0] && memcmp(h + i, needle, nn) == 0)
            return h + i;
    return NULL;
}

/* Forget a record that turned out not to be returned (control,
 * unannotated) before reading the next one. */
static void reset_record(dyad_gold *g, dyad_gold_record *rec)
{
    memset(rec, 0, sizeof *rec);
    g->events.len = 0;
    g->must_not.len = 0;
    dyadi_arena_reset(&g->arena);
}

static char *keep_str(dyad_gold *g, const char *s, size_t n)
{
    return dyadi_arena_strndup(&g->arena, s, n);
}

/* Copy with every run of white space turned into one space and the ends
 * trimmed: the suites wrap sentences over several lines. */
static char *dup_collapsed(dyad_gold *g, const char *s, size_t n)
{
    char *out = dyadi_arena_alloc(&g->arena, n + 1);
    if (!out)
        return NULL;
    size_t k = 0;
    int pending = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_space((unsigned char)s[i])) {
            pending = k > 0;
            continue;
        }
        if (pending)
            out[k++] = ' ';
        pending = 0;
        out[k++] = s[i];
    }
    out[k] = '\0';
    return out;
}

/* A date as the suites write it ("19950101", "950101", "2016-01-04") to
 * "YYYY-MM-DD"; NULL when it is not a plausible date (TABARI tests bad
 * dates on purpose: the record stays, undated). Six digits are YYMMDD with
 * 50..99 in the 1900s, as TABARI reads them. */
static char *norm_date(dyad_gold *g, const char *s, size_t n)
{
    char d[8];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (isdigit((unsigned char)s[i])) {
            if (k == 8)
                return NULL;
            d[k++] = s[i];
        } else if (s[i] != '-') {
            return NULL;
        }
    }
    int y, m, day;
    if (k == 8) {
        y = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
        m = (d[4] - '0') * 10 + (d[5] - '0');
        day = (d[6] - '0') * 10 + (d[7] - '0');
    } else if (k == 6) {
        y = (d[0] - '0') * 10 + (d[1] - '0');
        y += y >= 50 ? 1900 : 2000;
        m = (d[2] - '0') * 10 + (d[3] - '0');
        day = (d[4] - '0') * 10 + (d[5] - '0');
    } else {
        return NULL;
    }
    if (m < 1 || m > 12 || day < 1 || day > 31)
        return NULL;
    char *out = dyadi_arena_alloc(&g->arena, 11);
    if (out) {
        /* y < 10000, 1 <= m <= 12, 1 <= day <= 31: exactly ten bytes */
        out[0] = (char)('0' + y / 1000);
        out[1] = (char)('0' + y / 100 % 10);
        out[2] = (char)('0' + y / 10 % 10);
        out[3] = (char)('0' + y % 10);
        out[4] = '-';
        out[5] = (char)('0' + m / 10);
        out[6] = (char)('0' + m % 10);
        out[7] = '-';
        out[8] = (char)('0' + day / 10);
        out[9] = (char)('0' + day % 10);
        out[10] = '\0';
    }
    return out;
}

static dyad_gold_event *push_event(dyad_gold *g, dyadi_vec *v)
{
    (void)g;
    return dyadi_vec_push(v);
}

/* An actor code as given by the suite, or NULL when it leaves the actor
 * open ("", "---", or a quoted empty string). */
static const char *actor_or_open(dyad_gold *g, const char *s, size_t n, int *oom)
{
    while (n && is_space((unsigned char)*s)) { s++; n--; }
    while (n && is_space((unsigned char)s[n - 1])) n--;
    if (n >= 2 && s[0] == '"' && s[n - 1] == '"') { s++; n -= 2; }
    if (n == 0 || (n == 3 && memcmp(s, "---", 3) == 0))
        return NULL;
    char *r = keep_str(g, s, n);
    if (!r)
        *oom = 1;
    return r;
}

/* A CAMEO code as the suites write it: "0234", "18/19/20",
 * "140_Engage_in_political_dissent", "14_PROTEST_". Keeps the leading
 * digits of each '/'-separated alternative; NULL if there are none. */
static char *norm_code(dyad_gold *g, const char *s, size_t n)
{
    char *out = dyadi_arena_alloc(&g->arena, n + 1);
    if (!out)
        return NULL;
    size_t k = 0, i = 0;
    int alts = 0;
    while (i < n) {
        while (i < n && is_space((unsigned char)s[i])) i++;
        size_t start = k;
        while (i < n && isdigit((unsigned char)s[i]))
            out[k++] = s[i++];
        if (k == start)
            return NULL;
        alts++;
        while (i < n && s[i] != '/') i++;   /* "_Engage..." */
        if (i < n) {
            i++;
            out[k++] = '/';
        }
    }
    if (!alts || out[k - 1] == '/')
        return NULL;
    out[k] = '\0';
    return out;
}

/* ------------------------------------------------------------------------
 * dyad JSON Lines
 * ------------------------------------------------------------------------ */

static const char *json_opt_str(dyad_gold *g, json_t *o, const char *key, int *oom)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_string(v))
        return NULL;
    char *r = keep_str(g, json_string_value(v), json_string_length(v));
    if (!r)
        *oom = 1;
    return r;
}

static dyad_status jsonl_events(dyad_gold *g, json_t *arr, dyadi_vec *v, const char *what, uint64_t line)
{
    if (!arr || json_is_null(arr))
        return DYAD_OK;
    if (!json_is_array(arr))
        return fail(g, DYAD_ERR_FORMAT, line, "\"%s\" is not an array", what);
    size_t i;
    json_t *e;
    json_array_foreach(arr, i, e) {
        if (!json_is_object(e))
            return fail(g, DYAD_ERR_FORMAT, line, "%s[%zu] is not an object", what, i);
        int oom = 0;
        json_t *code = json_object_get(e, "code");
        const char *plover = json_opt_str(g, e, "plover", &oom);
        char *c = NULL;
        if (json_is_string(code)) {
            c = norm_code(g, json_string_value(code), json_string_length(code));
            if (!c)
                return fail(g, DYAD_ERR_FORMAT, line, "%s[%zu]: code \"%s\" is not a CAMEO code",
                            what, i, json_string_value(code));
        } else if (!plover) {
            return fail(g, DYAD_ERR_FORMAT, line, "%s[%zu] has no \"code\"", what, i);
        }
        dyad_gold_event *ev = push_event(g, v);
        if (!ev || oom)
            return fail(g, DYAD_ERR_NOMEM, line, "out of memory");
        json_t *src = json_object_get(e, "source"), *tgt = json_object_get(e, "target");
        if ((src && !json_is_string(src) && !json_is_null(src)) ||
            (tgt && !json_is_string(tgt) && !json_is_null(tgt)))
            return fail(g, DYAD_ERR_FORMAT, line, "%s[%zu]: source and target must be strings", what, i);
        ev->source = src && json_is_string(src)
            ? actor_or_open(g, json_string_value(src), json_string_length(src), &oom) : NULL;
        ev->target = tgt && json_is_string(tgt)
            ? actor_or_open(g, json_string_value(tgt), json_string_length(tgt), &oom) : NULL;
        ev->code = c;
        ev->plover = plover;
        ev->line = line;
        if (oom)
            return fail(g, DYAD_ERR_NOMEM, line, "out of memory");
    }
    return DYAD_OK;
}

static dyad_status next_jsonl(dyad_gold *g, dyad_gold_record *rec)
{
    for (;;) {
        if (g->pos >= g->len)
            return DYAD_DONE;
        const char *s = g->buf + g->pos;
        const char *nl = memchr(s, '\n', g->len - g->pos);
        size_t n = nl ? (size_t)(nl - s) : g->len - g->pos;
        uint64_t line = g->line;
        seek(g, g->pos + n + (nl ? 1 : 0));
        size_t k = 0;
        while (k < n && is_space((unsigned char)s[k])) k++;
        if (k == n)
            continue;

        json_error_t jerr;
        json_t *o = json_loadb(s, n, 0, &jerr);
        dyad_status st = DYAD_OK;
        int oom = 0;
        if (!o)
            return fail(g, DYAD_ERR_FORMAT, line, "invalid JSON at column %d: %s", jerr.column, jerr.text);
        if (!json_is_object(o)) {
            st = fail(g, DYAD_ERR_FORMAT, line, "a record must be a JSON object");
            goto done;
        }
        json_t *text = json_object_get(o, "text");
        if (!json_is_string(text)) {
            st = fail(g, DYAD_ERR_FORMAT, line, "record has no \"text\" string");
            goto done;
        }
        rec->text = keep_str(g, json_string_value(text), json_string_length(text));
        rec->text_len = json_string_length(text);
        rec->id = json_opt_str(g, o, "id", &oom);
        rec->lang = json_opt_str(g, o, "lang", &oom);
        json_t *date = json_object_get(o, "date");
        if (json_is_string(date))
            rec->date = norm_date(g, json_string_value(date), json_string_length(date));
        if ((st = jsonl_events(g, json_object_get(o, "events"), &g->events, "events", line)) != DYAD_OK ||
            (st = jsonl_events(g, json_object_get(o, "must_not"), &g->must_not, "must_not", line)) != DYAD_OK)
            goto done;
        json_t *ev = json_object_get(o, "events");
        if ((json_is_array(ev) && json_array_size(ev) == 0) || json_is_true(json_object_get(o, "noevents")))
            rec->flags |= DYAD_GOLD_NOEVENTS;
        if (!json_is_array(ev) && !json_is_true(json_object_get(o, "noevents"))) {
            st = fail(g, DYAD_ERR_FORMAT, line, "record has no \"events\" array");
            goto done;
        }
        if (!rec->text || oom)
            st = fail(g, DYAD_ERR_NOMEM, line, "out of memory");
        rec->line = line;
    done:
        json_decref(o);
        return st;
    }
}

/* ------------------------------------------------------------------------
 * TABARI validation text
 *
 * Records are paragraphs: a "YYMMDD ID" header line (8 digits once the
 * suite switches to YYYY), the sentence over several lines, then a comment
 * block from a line starting with "/ *" to "* /" (or the paragraph's end:
 * a few blocks are never closed). Inside it, each "{ SRC / TGT / CODE }"
 * is an expected event; "{+++}", "{---}" and "{###}" say no event (complex,
 * none, discarded); "{ OPTION: ... }" makes the record a control record
 * that changes the suite's options; a '-' before '{' disables the
 * expectation, and the disabled "-{ --- / --- / 000 }" is how the suite says
 * its list is incomplete. Paragraphs of '#' lines are section banners. The
 * suite ends at the record saying "end of the standard validation
 * records"; what follows needs other options.
 * ------------------------------------------------------------------------ */

/* Keep the directive of a TABARI "{ OPTION: ... }" brace (in, m bytes from
 * "OPTION") for dyad_gold_controls. */
static dyad_status keep_control(dyad_gold *g, const char *in, size_t m, uint64_t line)
{
    if (g->format != DYAD_GOLD_TABARI)
        return DYAD_OK;
    in += 6;
    m -= 6;
    while (m && (*in == ':' || is_space((unsigned char)*in))) { in++; m--; }
    while (m && is_space((unsigned char)in[m - 1])) m--;
    dyad_gold_control *ct = dyadi_vec_push(&g->controls);
    char *text = dyadi_arena_strndup(&g->ctl_arena, in, m);
    if (!ct || !text)
        return fail(g, DYAD_ERR_NOMEM, line, "out of memory or too many OPTION records");
    ct->text = text;
    ct->line = line;
    return DYAD_OK;
}

/* Parse the brace expectations in [s, s+n) (which starts on `line`) into v.
 * *seen counts the braces read, *flags gets NOEVENTS / PARTIAL, *control
 * is set for an OPTION brace. */
static dyad_status parse_braces(dyad_gold *g, const char *s, size_t n, uint64_t line,
                                dyadi_vec *v, int *seen, unsigned *flags, int *control)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n') {
            line++;
            continue;
        }
        if (s[i] != '{')
            continue;
        size_t j = i;
        int disabled = 0;
        while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == '\t')) j--;
        if (j > 0 && s[j - 1] == '-')
            disabled = 1;
        size_t close = i + 1;
        while (close < n && s[close] != '}' && s[close] != '\n') close++;
        const char *in = s + i + 1;
        size_t m = close - i - 1;
        while (m && is_space((unsigned char)*in)) { in++; m--; }
        if (close >= n || s[close] != '}') {
            /* a few OPTION lines lose their '}' to the comment's end: the
             * intent is still plain */
            if (m >= 6 && memcmp(in, "OPTION", 6) == 0) {
                *control = 1;
                (*seen)++;
                i = close - 1;
                while (m && is_space((unsigned char)in[m - 1])) m--;
                if (keep_control(g, in, m, line) != DYAD_OK)
                    return DYAD_ERR_NOMEM;
                continue;
            }
            return fail(g, DYAD_ERR_FORMAT, line, "unterminated '{' in the expected events");
        }
        while (m && is_space((unsigned char)in[m - 1])) m--;
        i = close;
        if (m == 0)
            continue;               /* "coded in {}" in the suite's own prose */
        if (m >= 6 && memcmp(in, "OPTION", 6) == 0) {
            *control = 1;
            (*seen)++;
            if (keep_control(g, in, m, line) != DYAD_OK)
                return DYAD_ERR_NOMEM;
            continue;
        }
        if (strspn(in, "+-# ") >= m) {
            if (!disabled)
                *flags |= DYAD_GOLD_NOEVENTS;
            (*seen)++;
            continue;
        }
        /* SRC / TGT / CODE */
        const char *p1 = memchr(in, '/', m);
        const char *p2 = p1 ? memchr(p1 + 1, '/', (size_t)(in + m - p1 - 1)) : NULL;
        if (!p1 || !p2)
            return fail(g, DYAD_ERR_FORMAT, line, "cannot read expected event '{%.*s}'", (int)m, in);
        (*seen)++;
        if (disabled) {
            *flags |= DYAD_GOLD_PARTIAL;
            continue;
        }
        const char *cs = p2 + 1;
        size_t cn = (size_t)(in + m - cs);
        while (cn && is_space((unsigned char)*cs)) { cs++; cn--; }
        int oom = 0;
        const char *src = actor_or_open(g, in, (size_t)(p1 - in), &oom);
        const char *tgt = actor_or_open(g, p1 + 1, (size_t)(p2 - p1 - 1), &oom);
        size_t k = 0;
        while (k < cn && isalnum((unsigned char)cs[k])) k++;
        if (cn == 0 || k != cn || !isdigit((unsigned char)cs[0]))
            return fail(g, DYAD_ERR_FORMAT, line, "bad event code '%.*s'", (int)cn, cs);
        dyad_gold_event *ev = push_event(g, v);
        char *code = keep_str(g, cs, cn);
        if (!ev || !code || oom)
            return fail(g, DYAD_ERR_NOMEM, line, "out of memory or too many events");
        ev->source = src;
        ev->target = tgt;
        ev->code = code;
        ev->line = line;
    }
    return DYAD_OK;
}

static int tabari_header(const char *s, size_t n, size_t *date_len)
{
    size_t k = 0;
    while (k < n && isdigit((unsigned char)s[k])) k++;
    if (k < 6 || k > 9 || k == n || (s[k] != ' ' && s[k] != '\t'))
        return 0;
    size_t r = k;
    while (r < n && (s[r] == ' ' || s[r] == '\t')) r++;
    if (r == n)
        return 0;
    *date_len = k;
    return 1;
}

/* Length of the line at s (without the newline), n bytes available. */
static size_t line_len(const char *s, size_t n)
{
    const char *nl = memchr(s, '\n', n);
    return nl ? (size_t)(nl - s) : n;
}

static int blank_line(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_space((unsigned char)s[i]))
            return 0;
    return 1;
}

static int ascii_letter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* The TABARI suite names its records after the feature they test
 * ("PATTERN-12a", "FBIS-001-001 CEP20020711000012a", and once with the
 * date repeated, "950101 AGENTS-11"): the letters before the '-' of the
 * first word that starts with a letter are the record's category. Sets
 * *start and returns the length; 0 when the id has no such word. */
static size_t tabari_category(const char *id, size_t *start)
{
    size_t i = 0;
    while (id[i] && !ascii_letter(id[i])) {
        while (id[i] && id[i] != ' ')
            i++;
        while (id[i] == ' ')
            i++;
    }
    size_t n = 0;
    while (ascii_letter(id[i + n]))
        n++;
    *start = i;
    return n && id[i + n] == '-' ? n : 0;
}

static dyad_status next_tabari(dyad_gold *g, dyad_gold_record *rec)
{
    for (;;) {
        if (g->done || g->pos >= g->len)
            return DYAD_DONE;
        /* skip blank lines and '#' banners */
        const char *s = g->buf + g->pos;
        size_t ll = line_len(s, g->len - g->pos);
        if (blank_line(s, ll) || s[0] == '#') {
            seek(g, g->pos + ll + 1);
            continue;
        }
        /* the paragraph: up to a blank line */
        size_t end = g->pos;
        while (end < g->len) {
            size_t l2 = line_len(g->buf + end, g->len - end);
            if (blank_line(g->buf + end, l2))
                break;
            end += l2 + (end + l2 < g->len ? 1 : 0);
        }
        uint64_t line = g->line;
        size_t plen = end - g->pos;
        size_t dlen;
        if (!tabari_header(s, ll, &dlen)) {
            seek(g, end);
            return fail(g, DYAD_ERR_FORMAT, line, "expected a record header 'YYMMDD ID', found '%.*s'",
                        (int)(ll > 60 ? 60 : ll), s);
        }
        /* header, text lines, then the comment block */
        size_t hdr_rest = dlen;
        while (s[hdr_rest] == ' ' || s[hdr_rest] == '\t') hdr_rest++;
        rec->id = dup_collapsed(g, s + hdr_rest, ll - hdr_rest);
        rec->date = norm_date(g, s, dlen);
        rec->line = line;
        rec->lang = g->file_lang;
        size_t text_start = ll + 1 < plen ? ll + 1 : plen, text_end = text_start, cstart = plen;
        uint64_t cline = line + 1;
        for (size_t p = text_start; p < plen;) {
            size_t l2 = line_len(s + p, plen - p);
            size_t q = p;
            while (q < p + l2 && (s[q] == ' ' || s[q] == '\t')) q++;
            if (s[q] == '#' || (q + 1 < p + l2 && s[q] == '/' && s[q + 1] == '*')) {
                cstart = s[q] == '#' ? plen : p;
                break;
            }
            text_end = p + l2;
            p += l2 + 1;
            cline++;
        }
        /* the comment ends at its closing mark or at the paragraph's end */
        size_t cend = cstart;
        while (cend < plen && !(s[cend] == '*' && cend + 1 < plen && s[cend + 1] == '/'))
            cend++;
        int seen = 0, control = 0;
        dyad_status st = cstart < plen
            ? parse_braces(g, s + cstart, cend - cstart, cline, &g->events, &seen, &rec->flags, &control)
            : DYAD_OK;
        rec->text = text_end > text_start ? dup_collapsed(g, s + text_start, text_end - text_start)
                                          : keep_str(g, "", 0);
        seek(g, end);
        if (st != DYAD_OK) {
            return st;
        }
        size_t catstart = 0, catlen = rec->id ? tabari_category(rec->id, &catstart) : 0;
        if (catlen)
            rec->category = keep_str(g, rec->id + catstart, catlen);
        if (!rec->id || !rec->text || (catlen && !rec->category))
            return fail(g, DYAD_ERR_NOMEM, line, "out of memory");
        rec->text_len = strlen(rec->text);
        if (strstr(rec->text, "This is the end of the standard validation records")) {
            g->done = 1;
            g->counts.control++;
            return DYAD_DONE;
        }
        if (control || !seen) {
            if (control)
                g->counts.control++;
            else
                g->counts.unannotated++;
            reset_record(g, rec);
            continue;
        }
        return DYAD_OK;
    }
}

/* A TABARI .project file beside the text names the dictionaries the suite
 * runs with; find the one whose <textfile> is this file. */
static void tabari_project_dicts(dyad_gold *g)
{
    char dir[4096];
    const char *slash = strrchr(g->path, '/');
    const char *base = slash ? slash + 1 : g->path;
    if (slash)
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - g->path), g->path);
    else
        snprintf(dir, sizeof dir, ".");
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *de;
    while ((de = readdir(d)) != NULL && g->ndicts == 0) {
        size_t nl = strlen(de->d_name);
        if (nl < 8 || strcmp(de->d_name + nl - 8, ".project") != 0)
            continue;
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        FILE *f = fopen(path, "r");
        if (!f)
            continue;
        char line[1024];
        char *names[GOLD_MAX_DICTS];
        size_t nn = 0;
        int mine = 0;
        static const char *const keys[] = {"<actorsfile>", "<verbsfile>", "<agentsfile>", "<optionsfile>"};
        while (fgets(line, sizeof line, f)) {
            char *v;
            if (strncmp(line, "<textfile>", 10) == 0) {
                v = line + 10;
                v += strspn(v, " \t");
                v[strcspn(v, " \t\r\n")] = '\0';
                if (strcmp(v, base) == 0)
                    mine = 1;
                continue;
            }
            for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
                size_t kl = strlen(keys[k]);
                if (strncmp(line, keys[k], kl) != 0 || nn == GOLD_MAX_DICTS)
                    continue;
                v = line + kl;
                v += strspn(v, " \t");
                v[strcspn(v, " \t\r\n")] = '\0';
                if (*v && (names[nn] = strdup(v)) != NULL)
                    nn++;
            }
        }
        fclose(f);
        for (size_t k = 0; k < nn; k++) {
            if (mine)
                g->dicts[g->ndicts++] = names[k];
            else
                free(names[k]);
        }
    }
    closedir(d);
}

/* ------------------------------------------------------------------------
 * PETRARCH XML (and its not-quite-XML dialects)
 * ------------------------------------------------------------------------ */

enum { X_EOF, X_TEXT, X_OPEN, X_CLOSE, X_COMMENT, X_ERROR };

typedef struct xtok {
    int kind;
    size_t start, end;      /* the whole token in buf */
    size_t name, name_len;  /* tag name */
    size_t attrs, attrs_len;/* attribute text of an open tag */
    int self_close;
    uint64_t line;
} xtok;

static int name_char(int c) { return isalnum(c) || c == '_' || c == '-' || c == ':' || c == '.'; }

/* Read the token at pos and advance past it (pos and line). Text runs up to
 * the next '<' that starts a tag, comment or declaration; a lone '<' is text. */
static int xml_next(dyad_gold *g, xtok *t)
{
    const char *b = g->buf;
    size_t p = g->pos;
    memset(t, 0, sizeof *t);
    t->start = p;
    t->line = g->line;
    if (p >= g->len)
        return t->kind = X_EOF;
    if (b[p] == '<' && strncmp(b + p, "<!--", 4) == 0) {
        const char *e = strstr(b + p + 4, "-->");
        if (!e) {
            fail(g, DYAD_ERR_FORMAT, t->line, "unterminated comment '<!--'");
            seek(g, g->len);
            return t->kind = X_ERROR;
        }
        t->attrs = p + 4;
        t->attrs_len = (size_t)(e - (b + p + 4));
        t->end = (size_t)(e - b) + 3;
        seek(g, t->end);
        return t->kind = X_COMMENT;
    }
    int tag = b[p] == '<' && p + 1 < g->len &&
              (isalpha((unsigned char)b[p + 1]) || b[p + 1] == '/' || b[p + 1] == '?' || b[p + 1] == '!');
    if (!tag) {
        size_t q = p + 1;
        for (;;) {
            const char *lt = memchr(b + q, '<', g->len - q);
            if (!lt) { q = g->len; break; }
            q = (size_t)(lt - b);
            if (q + 1 < g->len && (isalpha((unsigned char)b[q + 1]) || b[q + 1] == '/' ||
                                   b[q + 1] == '?' || b[q + 1] == '!'))
                break;
            q++;
        }
        t->end = q;
        seek(g, q);
        return t->kind = X_TEXT;
    }
    /* a tag: up to '>' outside quotes, never past the next line-opening '<' */
    size_t q = p + 1;
    char quote = 0;
    while (q < g->len) {
        char c = b[q];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            break;
        } else if (c == '<') {
            q = g->len;
            break;
        }
        q++;
    }
    if (q >= g->len) {
        fail(g, DYAD_ERR_FORMAT, t->line, "unterminated tag '%.*s'",
             (int)line_len(b + p, g->len - p > 40 ? 40 : g->len - p), b + p);
        /* resynchronise on the next line */
        seek(g, p + line_len(b + p, g->len - p));
        return t->kind = X_ERROR;
    }
    t->end = q + 1;
    seek(g, t->end);
    if (b[p + 1] == '?' || b[p + 1] == '!')
        return t->kind = X_COMMENT;    /* <?xml ...?>, <!DOCTYPE ...>: nothing to read */
    size_t n = p + 1;
    int closing = b[n] == '/';
    if (closing) n++;
    t->name = n;
    while (n < q && name_char((unsigned char)b[n])) n++;
    t->name_len = n - t->name;
    t->attrs = n;
    t->attrs_len = q - n;
    if (q > p && b[q - 1] == '/') {
        t->self_close = 1;
        t->attrs_len--;
    }
    return t->kind = closing ? X_CLOSE : X_OPEN;
}

static int tag_is(const dyad_gold *g, const xtok *t, const char *name)
{
    size_t n = strlen(name);
    return t->name_len == n && strncasecmp(g->buf + t->name, name, n) == 0;
}

/* Value of attribute `key` in the tag (quotes removed; inner quotes kept,
 * the caller strips those). Spaces around '=' are allowed, as the
 * PETRARCH files use them. Returns 0 when absent. */
static int xml_attr(const dyad_gold *g, const xtok *t, const char *key, const char **v, size_t *vn)
{
    const char *s = g->buf + t->attrs, *e = s + t->attrs_len;
    size_t kl = strlen(key);
    while (s < e) {
        while (s < e && !name_char((unsigned char)*s)) {
            if (*s == '"' || *s == '\'') {      /* skip a stray quoted value */
                const char *c = memchr(s + 1, *s, (size_t)(e - s - 1));
                s = c ? c + 1 : e;
            } else {
                s++;
            }
        }
        const char *k = s;
        while (s < e && name_char((unsigned char)*s)) s++;
        size_t klen = (size_t)(s - k);
        while (s < e && is_space((unsigned char)*s)) s++;
        if (s >= e || *s != '=') {
            continue;
        }
        s++;
        while (s < e && is_space((unsigned char)*s)) s++;
        const char *val;
        size_t vlen;
        if (s < e && (*s == '"' || *s == '\'')) {
            const char *c = memchr(s + 1, *s, (size_t)(e - s - 1));
            val = s + 1;
            vlen = c ? (size_t)(c - val) : (size_t)(e - val);
            s = c ? c + 1 : e;
        } else {
            val = s;
            while (s < e && !is_space((unsigned char)*s)) s++;
            vlen = (size_t)(s - val);
        }
        if (klen == kl && strncasecmp(k, key, kl) == 0) {
            *v = val;
            *vn = vlen;
            return 1;
        }
    }
    return 0;
}

/* Decode XML entities and collapse white space. */
static char *xml_text(dyad_gold *g, const char *s, size_t n)
{
    char *tmp = dyadi_arena_alloc(&g->arena, n + 1);
    if (!tmp)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '&') {
            tmp[k++] = s[i];
            continue;
        }
        static const struct { const char *name; char c; } ents[] = {
            {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
        size_t e;
        for (e = 0; e < sizeof ents / sizeof ents[0]; e++) {
            size_t el = strlen(ents[e].name);
            if (i + el <= n && memcmp(s + i, ents[e].name, el) == 0) {
                tmp[k++] = ents[e].c;
                i += el - 1;
                break;
            }
        }
        if (e < sizeof ents / sizeof ents[0])
            continue;
        if (i + 2 < n && s[i + 1] == '#') {
            size_t j = i + 2;
            int hex = s[j] == 'x' || s[j] == 'X';
            if (hex) j++;
            unsigned long cp = 0;
            size_t d0 = j;
            while (j < n && j - d0 < 7 && (hex ? isxdigit((unsigned char)s[j]) : isdigit((unsigned char)s[j]))) {
                int c = (unsigned char)s[j];
                cp = cp * (hex ? 16 : 10) +
                     (unsigned long)(isdigit(c) ? c - '0' : (tolower(c) - 'a' + 10));
                j++;
            }
            if (j > d0 && j < n && s[j] == ';' && cp > 0 && cp <= 0x10FFFF &&
                !(cp >= 0xD800 && cp <= 0xDFFF)) {
                /* UTF-8 is never longer than the entity that spelled it */
                if (cp < 0x80) tmp[k++] = (char)cp;
                else if (cp < 0x800) { tmp[k++] = (char)(0xC0 | (cp >> 6)); tmp[k++] = (char)(0x80 | (cp & 0x3F)); }
                else if (cp < 0x10000) { tmp[k++] = (char)(0xE0 | (cp >> 12)); tmp[k++] = (char)(0x80 | ((cp >> 6) & 0x3F)); tmp[k++] = (char)(0x80 | (cp & 0x3F)); }
                else { tmp[k++] = (char)(0xF0 | (cp >> 18)); tmp[k++] = (char)(0x80 | ((cp >> 12) & 0x3F)); tmp[k++] = (char)(0x80 | ((cp >> 6) & 0x3F)); tmp[k++] = (char)(0x80 | (cp & 0x3F)); }
                i = j;
                continue;
            }
        }
        tmp[k++] = '&';
    }
    return dup_collapsed(g, tmp, k);
}

/* Skip raw content up to the closing tag `</name>`; 0 when it is missing. */
static int xml_skip_to_close(dyad_gold *g, const char *name)
{
    char pat[32];
    snprintf(pat, sizeof pat, "</%s>", name);
    const char *e = strstr(g->buf + g->pos, pat);
    if (!e)
        return 0;
    seek(g, (size_t)(e - g->buf) + strlen(pat));
    return 1;
}

static void petrarch_environment(dyad_gold *g)
{
    xtok t;
    int in_env = 0;
    size_t save_pos = g->pos;
    uint64_t save_line = g->line;
    while (xml_next(g, &t) != X_EOF) {
        if (t.kind == X_OPEN && tag_is(g, &t, "Sentence"))
            break;
        if (t.kind == X_OPEN && tag_is(g, &t, "Environment")) { in_env = 1; continue; }
        if (t.kind == X_CLOSE && tag_is(g, &t, "Environment")) break;
        if (!in_env || t.kind != X_OPEN || t.name_len < 4 ||
            strncasecmp(g->buf + t.name + t.name_len - 4, "file", 4) != 0 || tag_is(g, &t, "Errorfile"))
            continue;
        const char *v;
        size_t vn;
        if (!xml_attr(g, &t, "name", &v, &vn)) {
            const char *e = strchr(g->buf + g->pos, '<');
            v = g->buf + g->pos;
            vn = e ? (size_t)(e - v) : 0;
        }
        /* "a.txt,b.txt" names several files */
        while (vn > 0 && g->ndicts < GOLD_MAX_DICTS) {
            const char *c = memchr(v, ',', vn);
            size_t one = c ? (size_t)(c - v) : vn;
            const char *a = v;
            size_t an = one;
            while (an && is_space((unsigned char)*a)) { a++; an--; }
            while (an && is_space((unsigned char)a[an - 1])) an--;
            if (an) {
                char *d = malloc(an + 1);
                if (!d) break;
                memcpy(d, a, an);
                d[an] = '\0';
                g->dicts[g->ndicts++] = d;
            }
            if (!c) break;
            vn -= one + 1;
            v = c + 1;
        }
    }
    /* The suites are English except the UniversalPetrarch Spanish and
     * Arabic sets, whose dictionaries sit in a folder named after the
     * language. */
    g->file_lang = "en";
    for (size_t i = 0; i < g->ndicts; i++) {
        if (strstr(g->dicts[i], "spanish")) g->file_lang = "es";
        if (strstr(g->dicts[i], "arabic")) g->file_lang = "ar";
    }
    g->pos = save_pos;
    g->line = save_line;
}

static dyad_status next_petrarch(dyad_gold *g, dyad_gold_record *rec)
{
    xtok t;
    for (;;) {
        /* find the next <Sentence> */
        for (;;) {
            int k = xml_next(g, &t);
            if (k == X_EOF)
                return DYAD_DONE;
            if (k == X_ERROR) {
                return DYAD_ERR_FORMAT;
            }
            if (k == X_OPEN && tag_is(g, &t, "Sentence"))
                break;
            if (k == X_OPEN && tag_is(g, &t, "Parse") && !t.self_close)
                xml_skip_to_close(g, "Parse");
        }
        uint64_t line = t.line;
        const char *v;
        size_t vn;
        rec->line = line;
        rec->lang = g->file_lang;
        if (xml_attr(g, &t, "id", &v, &vn))
            rec->id = dup_collapsed(g, v, vn);
        if (xml_attr(g, &t, "date", &v, &vn))
            rec->date = norm_date(g, v, vn);
        if (xml_attr(g, &t, "category", &v, &vn))
            rec->category = keep_str(g, v, vn);
        if (xml_attr(g, &t, "lang", &v, &vn))
            rec->lang = keep_str(g, v, vn);
        int evaluate = !(xml_attr(g, &t, "evaluate", &v, &vn) && vn == 5 && strncasecmp(v, "false", 5) == 0);

        int codings = 0, control = 0, alt_seen = 0, have_text = 0, oom = 0, parse_error = 0;
        unsigned alt_flags = 0;
        dyad_status st = DYAD_OK;
        size_t free_start = 0, free_end = 0;
        g->alt.len = 0;
        for (;;) {
            size_t save_pos = g->pos;
            uint64_t save_line = g->line;
            int k = xml_next(g, &t);
            if (k == X_EOF)
                break;
            if (k == X_ERROR) {
                st = DYAD_ERR_FORMAT;
                break;
            }
            if ((k == X_OPEN && tag_is(g, &t, "Sentence")) || (k == X_CLOSE && tag_is(g, &t, "Sentences"))) {
                g->pos = save_pos;        /* an unclosed <Sentence>: the next one starts here */
                g->line = save_line;
                break;
            }
            if (k == X_CLOSE && tag_is(g, &t, "Sentence"))
                break;
            if (k == X_COMMENT) {
                const char *c = g->buf + t.attrs;
                size_t cn = t.attrs_len;
                if (cn >= 7 && find_mem(c, cn, "OPTION:", 7))
                    control = 1;
                else if (memchr(c, '{', cn) && st == DYAD_OK)
                    st = parse_braces(g, c, cn, t.line, &g->alt, &alt_seen, &alt_flags, &control);
                continue;
            }
            if (k == X_OPEN && tag_is(g, &t, "EventCoding")) {
                codings++;
                if (xml_attr(g, &t, "error", &v, &vn) && vn == 15 &&
                    strncmp(v, "bad_input_parse", 15) == 0) {
                    /* a test of PETRARCH's reaction to a malformed <Parse>:
                     * a coder that reads the text cannot see it, so the
                     * record is a control record, not scored */
                    parse_error = 1;
                    continue;
                }
                if (xml_attr(g, &t, "noevents", &v, &vn) || xml_attr(g, &t, "error", &v, &vn)) {
                    /* an "error" record (dateline, discarded story) must code nothing */
                    rec->flags |= DYAD_GOLD_NOEVENTS;
                    continue;
                }
                const char *plover = NULL;
                if (xml_attr(g, &t, "plover", &v, &vn) && vn > 0)
                    plover = keep_str(g, v, vn);
                char *code = NULL;
                if (xml_attr(g, &t, "eventcode", &v, &vn) && vn > 0) {
                    code = norm_code(g, v, vn);
                    if (!code && !plover) {
                        if (st == DYAD_OK)
                            st = fail(g, DYAD_ERR_FORMAT, t.line, "eventcode \"%.*s\" is not a CAMEO code",
                                      (int)vn, v);
                        continue;
                    }
                } else if (!plover) {
                    if (st == DYAD_OK)
                        st = fail(g, DYAD_ERR_FORMAT, t.line, "<EventCoding> without eventcode");
                    continue;
                }
                dyad_gold_event *ev = push_event(g, &g->events);
                if (!ev) { oom = 1; continue; }
                if (xml_attr(g, &t, "sourcecode", &v, &vn))
                    ev->source = actor_or_open(g, v, vn, &oom);
                if (xml_attr(g, &t, "targetcode", &v, &vn))
                    ev->target = actor_or_open(g, v, vn, &oom);
                ev->code = code;
                ev->plover = plover;
                ev->line = t.line;
                continue;
            }
            if (k == X_OPEN && tag_is(g, &t, "Text") && !t.self_close) {
                size_t s0 = g->pos;
                const char *e = strstr(g->buf + s0, "</Text>");
                if (!e) {
                    if (st == DYAD_OK)
                        st = fail(g, DYAD_ERR_FORMAT, t.line, "<Text> is never closed");
                    seek(g, g->len);
                    break;
                }
                rec->text = xml_text(g, g->buf + s0, (size_t)(e - g->buf) - s0);
                if (!rec->text) oom = 1;
                have_text = 1;
                seek(g, (size_t)(e - g->buf) + 7);
                continue;
            }
            if (k == X_OPEN && tag_is(g, &t, "Parse") && !t.self_close) {
                if (!xml_skip_to_close(g, "Parse")) {
                    if (st == DYAD_OK)
                        st = fail(g, DYAD_ERR_FORMAT, t.line, "<Parse> is never closed");
                    seek(g, g->len);
                    break;
                }
                continue;
            }
            if (k == X_TEXT && !free_end) {
                /* PETRARCH-1 often has no <Text>: the sentence is the first
                 * run of text, up to the bare parse tree that follows it. */
                size_t a = t.start, e = t.end;
                while (a < e && is_space((unsigned char)g->buf[a])) a++;
                if (a == e)
                    continue;
                for (size_t p = a; p < e; p++)
                    if (g->buf[p] == '(' && (p == a || g->buf[p - 1] == '\n')) {
                        e = p;
                        break;
                    }
                free_start = a;
                free_end = e;
            }
        }
        if (st != DYAD_OK || oom) {
            if (oom)
                return fail(g, DYAD_ERR_NOMEM, line, "out of memory or too many events");
            return st;
        }
        if (!rec->id) {
            char idb[64];
            snprintf(idb, sizeof idb, "line-%llu", (unsigned long long)line);
            rec->id = keep_str(g, idb, strlen(idb));
        }
        if (!have_text && free_end > free_start) {
            rec->text = xml_text(g, g->buf + free_start, free_end - free_start);
            have_text = rec->text != NULL;
        }
        if (!evaluate || (control && !codings) || parse_error) {
            g->counts.control++;
            reset_record(g, rec);
            continue;
        }
        if (!codings) {
            if (!alt_seen) {
                g->counts.unannotated++;
                reset_record(g, rec);
                continue;
            }
            /* expectations kept only as TABARI comments */
            for (size_t i = 0; i < g->alt.len; i++) {
                dyad_gold_event *ev = push_event(g, &g->events);
                if (!ev)
                    return fail(g, DYAD_ERR_NOMEM, line, "out of memory");
                *ev = DYADI_VEC_AT(&g->alt, dyad_gold_event, i);
            }
            rec->flags |= alt_flags;
        }
        if (!have_text || !rec->text || !*rec->text) {
            return fail(g, DYAD_ERR_FORMAT, line, "record %s has no text", rec->id);
        }
        rec->text_len = strlen(rec->text);
        return DYAD_OK;
    }
}

/* ------------------------------------------------------------------------
 * PLOVER gold-standard records (one JSON array)
 * ------------------------------------------------------------------------ */

/* The line on which each top-level array element starts, so that errors
 * about a record can name its line (jansson reports lines only for syntax
 * errors). */
static dyad_status plover_lines(dyad_gold *g)
{
    size_t cap = 256, n = 0;
    uint64_t *lines = malloc(cap * sizeof *lines);
    uint64_t line = 1;
    int depth = 0, in_str = 0, esc = 0;
    if (!lines)
        return DYAD_ERR_NOMEM;
    for (size_t i = 0; i < g->len; i++) {
        char c = g->buf[i];
        if (c == '\n')
            line++;
        if (in_str) {
            if (esc) esc = 0;
            else if (c == '\\') esc = 1;
            else if (c == '"') in_str = 0;
            continue;
        }
        if (c == '"') {
            in_str = 1;
            if (depth == 1)
                goto element;
            continue;
        }
        if (c == '[' || c == '{') {
            depth++;
            if (depth == 2)
                goto element;
            continue;
        }
        if (c == ']' || c == '}') {
            depth--;
            continue;
        }
        if (depth == 1 && !is_space((unsigned char)c) && c != ',')
            goto element;
        continue;
    element:
        if (n == cap) {
            uint64_t *nl = realloc(lines, 2 * cap * sizeof *lines);
            if (!nl) {
                free(lines);
                return DYAD_ERR_NOMEM;
            }
            lines = nl;
            cap *= 2;
        }
        lines[n++] = line;
        /* skip the rest of a scalar element */
        if (c != '"' && c != '{' && c != '[')
            while (i + 1 < g->len && g->buf[i + 1] != ',' && g->buf[i + 1] != ']' && g->buf[i + 1] != '\n') i++;
    }
    g->plover_lines = lines;
    g->plover_nlines = n;
    return DYAD_OK;
}

/* Actor codes of a PLOVER "source"/"target": a list of {code, sector}
 * (or one object); "" or absent means none. Writes at most `max`. */
static size_t plover_actors(dyad_gold *g, json_t *a, const char **out, size_t max, int *oom)
{
    size_t n = 0;
    size_t count = json_is_object(a) ? 1 : json_is_array(a) ? json_array_size(a) : 0;
    for (size_t i = 0; i < count && n < max; i++) {
        json_t *o = json_is_array(a) ? json_array_get(a, i) : a;
        if (!json_is_object(o))
            continue;
        json_t *code = json_object_get(o, "code"), *sector = json_object_get(o, "sector");
        const char *c = json_is_string(code) ? json_string_value(code) : "";
        const char *s = json_is_string(sector) ? json_string_value(sector) : "";
        char buf[128];
        snprintf(buf, sizeof buf, "%s%s", c, s);
        out[n] = *buf ? keep_str(g, buf, strlen(buf)) : NULL;
        if (*buf && !out[n])
            *oom = 1;
        n++;
    }
    return n;
}

/* The PLOVER gold records (v0.5b1, 2016) use event types that PLOVER 0.8
 * (2021), whose CAMEO crosswalk dyad codes with, merged into others:
 * DEMAND became REQUEST (CAMEO 10 -> REQUEST), FIGHT became ASSAULT (18-20),
 * DISAPPROVE and INVESTIGATE became ACCUSE (09, 11). Scoring the old names
 * against the new ones would count every such event wrong; NULL: no change. */
static const char *plover_2021(const char *type)
{
    static const char *const map[][2] = {
        {"DEMAND", "REQUEST"}, {"FIGHT", "ASSAULT"}, {"DISAPPROVE", "ACCUSE"},
        {"INVESTIGATE", "ACCUSE"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(type, map[i][0]) == 0)
            return map[i][1];
    return NULL;
}

static dyad_status next_plover(dyad_gold *g, dyad_gold_record *rec)
{
    for (;;) {
        if (!g->plover || g->plover_next >= json_array_size(g->plover))
            return DYAD_DONE;
        size_t idx = g->plover_next++;
        json_t *o = json_array_get(g->plover, idx);
        uint64_t line = idx < g->plover_nlines ? g->plover_lines[idx] : 0;
        int oom = 0;
        if (!json_is_object(o)) {
            return fail(g, DYAD_ERR_FORMAT, line, "record %zu is not an object", idx);
        }
        json_t *ev = json_object_get(o, "event");
        if (json_is_string(ev) && strcmp(json_string_value(ev), "DOCUMENT") == 0) {
            g->counts.control++;        /* the file's own documentation entry */
            reset_record(g, rec);
            continue;
        }
        json_t *text = json_object_get(o, "text");
        if (!json_is_string(text) || json_string_length(text) == 0) {
            return fail(g, DYAD_ERR_FORMAT, line, "record %zu has no \"text\"", idx);
        }
        if (!json_is_string(ev) || json_string_length(ev) == 0) {
            return fail(g, DYAD_ERR_FORMAT, line, "record %zu has no \"event\" type", idx);
        }
        rec->line = line;
        rec->id = json_opt_str(g, o, "id", &oom);
        rec->text = keep_str(g, json_string_value(text), json_string_length(text));
        rec->text_len = json_string_length(text);
        rec->lang = json_opt_str(g, o, "language", &oom);
        json_t *date = json_object_get(o, "date");
        if (json_is_string(date))
            rec->date = norm_date(g, json_string_value(date), json_string_length(date));
        const char *type = plover_2021(json_string_value(ev));
        if (!type)
            type = keep_str(g, json_string_value(ev), json_string_length(ev));

        const char *src[32], *tgt[32];
        size_t ns = plover_actors(g, json_object_get(o, "source"), src, 32, &oom);
        size_t nt = plover_actors(g, json_object_get(o, "target"), tgt, 32, &oom);
        json_t *ti = json_object_get(o, "textInfo");
        json_t *markup = json_is_object(ti) ? json_object_get(ti, "markup") : NULL;
        int reciprocal = json_is_string(markup) && strstr(json_string_value(markup), "SRC/TAR") != NULL;
        dyad_status st = DYAD_OK;
        if (nt == 0 && ns >= 2 && reciprocal) {
            /* "Hungarian and Romanian officials agreed": each with the other */
            for (size_t i = 0; i < ns && st == DYAD_OK; i++)
                for (size_t j = 0; j < ns && st == DYAD_OK; j++) {
                    if (i == j) continue;
                    dyad_gold_event *e = push_event(g, &g->events);
                    if (!e) { st = DYAD_ERR_NOMEM; break; }
                    e->source = src[i];
                    e->target = src[j];
                    e->plover = type;
                    e->line = line;
                }
        } else {
            if (ns == 0) { src[0] = NULL; ns = 1; }
            if (nt == 0) { tgt[0] = NULL; nt = 1; }
            for (size_t i = 0; i < ns && st == DYAD_OK; i++)
                for (size_t j = 0; j < nt; j++) {
                    dyad_gold_event *e = push_event(g, &g->events);
                    if (!e) { st = DYAD_ERR_NOMEM; break; }
                    e->source = src[i];
                    e->target = tgt[j];
                    e->plover = type;
                    e->line = line;
                }
        }
        if (st != DYAD_OK || oom || !rec->text || !type)
            return fail(g, DYAD_ERR_NOMEM, line, "out of memory");
        if (!rec->id) {
            char idb[64];
            snprintf(idb, sizeof idb, "plover-%zu", idx);
            rec->id = keep_str(g, idb, strlen(idb));
        }
        return DYAD_OK;
    }
}

/* ------------------------------------------------------------------------
 * CAMEO codebook CSV
 * ------------------------------------------------------------------------ */

#define CSV_MAX_FIELDS 64

/* Read one RFC 4180 record at pos. Unquoted fields are spans of buf;
 * quoted ones are unescaped ("" -> ") into the record arena. */
static dyad_status csv_record(dyad_gold *g, const char **f, size_t *fl, size_t *nf)
{
    uint64_t line = g->line;
    const char *b = g->buf;
    size_t p = g->pos;
    *nf = 0;
    for (;;) {
        if (*nf == CSV_MAX_FIELDS)
            return fail(g, DYAD_ERR_FORMAT, line, "more than %d fields", CSV_MAX_FIELDS);
        if (p < g->len && b[p] == '"') {
            size_t r = p + 1, w = 0;
            const char *q = b + r;
            /* the closing quote: a '"' not followed by another */
            for (;;) {
                q = memchr(q, '"', g->len - (size_t)(q - b));
                if (!q) {
                    seek(g, g->len);
                    return fail(g, DYAD_ERR_FORMAT, line, "unterminated quoted field");
                }
                if ((size_t)(q - b) + 1 < g->len && q[1] == '"') {
                    q += 2;
                    continue;
                }
                break;
            }
            size_t end = (size_t)(q - b);
            char *out = dyadi_arena_alloc(&g->arena, end - r + 1);
            if (!out)
                return fail(g, DYAD_ERR_NOMEM, line, "out of memory");
            while (r < end) {
                out[w++] = b[r];
                r += b[r] == '"' ? 2 : 1;
            }
            out[w] = '\0';
            f[*nf] = out;
            fl[(*nf)++] = w;
            p = end + 1;
            if (p < g->len && b[p] != ',' && b[p] != '\n' && b[p] != '\r') {
                seek(g, p);
                return fail(g, DYAD_ERR_FORMAT, line, "text after a closing quote");
            }
        } else {
            size_t s0 = p;
            while (p < g->len && b[p] != ',' && b[p] != '\n')
                p++;
            size_t e = p;
            if (e > s0 && b[e - 1] == '\r') e--;
            f[*nf] = b + s0;
            fl[(*nf)++] = e - s0;
        }
        if (p < g->len && b[p] == '\r') p++;
        if (p >= g->len || b[p] == '\n') {
            seek(g, p < g->len ? p + 1 : p);
            return DYAD_OK;
        }
        p++;    /* ',' */
    }
}

static dyad_status csv_header(dyad_gold *g)
{
    const char *f[CSV_MAX_FIELDS];
    size_t fl[CSV_MAX_FIELDS], nf;
    dyad_status st = csv_record(g, f, fl, &nf);
    if (st != DYAD_OK)
        return st;
    g->csv_code = g->csv_example = -1;
    for (size_t i = 0; i < nf; i++) {
        if (fl[i] == 4 && strncasecmp(f[i], "code", 4) == 0) g->csv_code = (int)i;
        if (fl[i] == 7 && strncasecmp(f[i], "example", 7) == 0) g->csv_example = (int)i;
    }
    if (g->csv_code < 0 || g->csv_example < 0)
        return fail(g, DYAD_ERR_FORMAT, 1, "the header has no \"code\" and \"example\" columns");
    return DYAD_OK;
}

static dyad_status next_csv(dyad_gold *g, dyad_gold_record *rec)
{
    for (;;) {
        if (g->pos >= g->len)
            return DYAD_DONE;
        uint64_t line = g->line;
        const char *f[CSV_MAX_FIELDS];
        size_t fl[CSV_MAX_FIELDS], nf;
        dyad_status st = csv_record(g, f, fl, &nf);
        if (st != DYAD_OK) {
            return st;
        }
        if (nf == 1 && fl[0] == 0)
            continue;   /* blank line */
        int need = g->csv_code > g->csv_example ? g->csv_code : g->csv_example;
        if ((int)nf <= need) {
            return fail(g, DYAD_ERR_FORMAT, line, "%zu fields, the header has more", nf);
        }
        const char *ex = f[g->csv_example];
        size_t exn = fl[g->csv_example];
        if (exn == 0 || (exn == 2 && memcmp(ex, "NA", 2) == 0)) {
            g->counts.unannotated++;    /* a code with no example sentence */
            reset_record(g, rec);
            continue;
        }
        char *code = norm_code(g, f[g->csv_code], fl[g->csv_code]);
        if (!code || strchr(code, '/') || strlen(code) < 2 || strlen(code) > 4 ||
            fl[g->csv_code] != strlen(code)) {
            return fail(g, DYAD_ERR_FORMAT, line, "code \"%.*s\" is not a CAMEO code",
                        (int)fl[g->csv_code], f[g->csv_code]);
        }
        char idb[32];
        snprintf(idb, sizeof idb, "cameo-%s", code);
        rec->id = keep_str(g, idb, strlen(idb));
        rec->text = dup_collapsed(g, ex, exn);
        rec->lang = "en";
        rec->line = line;
        rec->flags = DYAD_GOLD_CODE_ONLY;
        dyad_gold_event *e = push_event(g, &g->events);
        if (!rec->id || !rec->text || !e)
            return fail(g, DYAD_ERR_NOMEM, line, "out of memory");
        rec->text_len = strlen(rec->text);
        e->code = code;
        e->line = line;
        return DYAD_OK;
    }
}

/* ------------------------------------------------------------------------
 * Opening, detection, the record loop
 * ------------------------------------------------------------------------ */

static int ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcasecmp(s + n - m, suf) == 0;
}

static dyad_gold_format detect(const dyad_gold *g)
{
    if (ends_with(g->path, ".jsonl")) return DYAD_GOLD_DYAD;
    if (ends_with(g->path, ".csv")) return DYAD_GOLD_CAMEO_CSV;
    if (ends_with(g->path, ".xml")) return DYAD_GOLD_PETRARCH;
    if (ends_with(g->path, ".text")) return DYAD_GOLD_TABARI;
    size_t i = 0;
    if (g->len >= 3 && memcmp(g->buf, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < g->len && is_space((unsigned char)g->buf[i])) i++;
    if (i < g->len && g->buf[i] == '[') return DYAD_GOLD_PLOVER;
    if (i < g->len && g->buf[i] == '{') return DYAD_GOLD_DYAD;
    if (i < g->len && g->buf[i] == '<') return DYAD_GOLD_PETRARCH;
    if (ends_with(g->path, ".json")) return DYAD_GOLD_PLOVER;
    size_t l0 = line_len(g->buf + i, g->len - i);
    if (find_mem(g->buf + i, l0, "example", 7) && memchr(g->buf + i, ',', l0))
        return DYAD_GOLD_CAMEO_CSV;
    for (size_t p = i; p < g->len;) {
        size_t ll = line_len(g->buf + p, g->len - p), dl;
        if (tabari_header(g->buf + p, ll, &dl))
            return DYAD_GOLD_TABARI;
        p += ll + 1;
    }
    return DYAD_GOLD_AUTO;
}

static void errbuf_set(char *errbuf, size_t errlen, const char *msg)
{
    if (errbuf && errlen)
        snprintf(errbuf, errlen, "%s", msg);
}

DYAD_API dyad_status dyad_gold_open(const char *path, dyad_gold_format format,
                                    dyad_gold **out, char *errbuf, size_t errlen)
{
    dyad_status st = DYAD_OK;
    dyad_gold *g = NULL;
    FILE *f = NULL;
    char msg[600];
    if (!out || !path) {
        errbuf_set(errbuf, errlen, "dyad_gold_open: no path");
        return DYAD_ERR_ARG;
    }
    *out = NULL;
    g = calloc(1, sizeof *g);
    if (!g || !(g->path = strdup(path))) {
        st = DYAD_ERR_NOMEM;
        snprintf(msg, sizeof msg, "%s: out of memory", path);
        goto fail;
    }
    dyadi_arena_init(&g->arena, 0);
    dyadi_vec_init(&g->events, sizeof(dyad_gold_event), GOLD_MAX_EVENTS);
    dyadi_vec_init(&g->must_not, sizeof(dyad_gold_event), GOLD_MAX_EVENTS);
    dyadi_vec_init(&g->alt, sizeof(dyad_gold_event), GOLD_MAX_EVENTS);
    dyadi_vec_init(&g->controls, sizeof(dyad_gold_control), GOLD_MAX_EVENTS);
    dyadi_arena_init(&g->ctl_arena, 0);
    g->line = 1;
    f = fopen(path, "rb");
    if (!f) {
        st = errno == ENOENT ? DYAD_ERR_NOTFOUND : DYAD_ERR_IO;
        snprintf(msg, sizeof msg, "%s: %s", path, strerror(errno));
        goto fail;
    }
    size_t cap = 1 << 16;
    g->buf = malloc(cap + 1);
    while (g->buf) {
        size_t r = fread(g->buf + g->len, 1, cap - g->len, f);
        g->len += r;
        if (g->len < cap)
            break;
        if (cap >= GOLD_MAX_FILE) {
            st = DYAD_ERR_TOOBIG;
            snprintf(msg, sizeof msg, "%s: over the %zu MiB cap for a gold file", path, GOLD_MAX_FILE >> 20);
            goto fail;
        }
        char *nb = realloc(g->buf, 2 * cap + 1);
        if (!nb) {
            free(g->buf);
            g->buf = NULL;
            break;
        }
        g->buf = nb;
        cap *= 2;
    }
    if (!g->buf) {
        st = DYAD_ERR_NOMEM;
        snprintf(msg, sizeof msg, "%s: out of memory", path);
        goto fail;
    }
    if (ferror(f)) {
        st = DYAD_ERR_IO;
        snprintf(msg, sizeof msg, "%s: read error", path);
        goto fail;
    }
    g->buf[g->len] = '\0';
    if (memchr(g->buf, '\0', g->len)) {
        st = DYAD_ERR_BINARY;
        snprintf(msg, sizeof msg, "%s: contains NUL bytes, not a text file", path);
        goto fail;
    }
    g->format = format == DYAD_GOLD_AUTO ? detect(g) : format;
    if (g->len >= 3 && memcmp(g->buf, "\xEF\xBB\xBF", 3) == 0)
        seek(g, 3);
    switch (g->format) {
    case DYAD_GOLD_AUTO:
        st = DYAD_ERR_FORMAT;
        snprintf(msg, sizeof msg, "%s: cannot tell the gold format (use --format)", path);
        goto fail;
    case DYAD_GOLD_TABARI:
        g->file_lang = "en";
        tabari_project_dicts(g);
        break;
    case DYAD_GOLD_PETRARCH:
        petrarch_environment(g);
        break;
    case DYAD_GOLD_PLOVER: {
        json_error_t jerr;
        g->plover = json_loadb(g->buf, g->len, 0, &jerr);
        if (!g->plover || !json_is_array(g->plover)) {
            st = DYAD_ERR_FORMAT;
            if (g->plover)
                snprintf(msg, sizeof msg, "%s:1: a PLOVER gold file is a JSON array", path);
            else
                snprintf(msg, sizeof msg, "%s:%d: invalid JSON: %s", path, jerr.line, jerr.text);
            goto fail;
        }
        if ((st = plover_lines(g)) != DYAD_OK) {
            snprintf(msg, sizeof msg, "%s: out of memory", path);
            goto fail;
        }
        break;
    }
    case DYAD_GOLD_CAMEO_CSV:
        if ((st = csv_header(g)) != DYAD_OK) {
            snprintf(msg, sizeof msg, "%s", g->errmsg);
            goto fail;
        }
        break;
    case DYAD_GOLD_DYAD:
        break;
    }
    fclose(f);
    *out = g;
    return DYAD_OK;
fail:
    if (f)
        fclose(f);
    errbuf_set(errbuf, errlen, msg);
    dyad_gold_free(g);
    return st;
}

DYAD_API void dyad_gold_free(dyad_gold *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->ndicts; i++)
        free(g->dicts[i]);
    json_decref(g->plover);
    free(g->plover_lines);
    dyadi_vec_free(&g->events);
    dyadi_vec_free(&g->must_not);
    dyadi_vec_free(&g->alt);
    dyadi_vec_free(&g->controls);
    dyadi_arena_free(&g->ctl_arena);
    dyadi_arena_free(&g->arena);
    free(g->buf);
    free(g->path);
    free(g);
}

DYAD_API dyad_status dyad_gold_next(dyad_gold *g, dyad_gold_record *rec)
{
    if (!g || !rec)
        return DYAD_ERR_ARG;
    dyadi_arena_reset(&g->arena);
    g->events.len = 0;
    g->must_not.len = 0;
    g->errmsg[0] = '\0';
    if (g->ctl_served) {
        g->controls.len = 0;
        dyadi_arena_reset(&g->ctl_arena);
        g->ctl_served = 0;
    }
    memset(rec, 0, sizeof *rec);
    dyad_status st = DYAD_DONE;
    switch (g->format) {
    case DYAD_GOLD_DYAD: st = next_jsonl(g, rec); break;
    case DYAD_GOLD_TABARI: st = next_tabari(g, rec); break;
    case DYAD_GOLD_PETRARCH: st = next_petrarch(g, rec); break;
    case DYAD_GOLD_PLOVER: st = next_plover(g, rec); break;
    case DYAD_GOLD_CAMEO_CSV: st = next_csv(g, rec); break;
    case DYAD_GOLD_AUTO: st = DYAD_DONE; break;
    }
    if (st == DYAD_ERR_FORMAT)
        g->counts.malformed++;
    if (st != DYAD_OK) {
        memset(rec, 0, sizeof *rec);
        return st;
    }
    rec->events = g->events.len ? g->events.data : NULL;
    rec->n_events = g->events.len;
    rec->must_not = g->must_not.len ? g->must_not.data : NULL;
    rec->n_must_not = g->must_not.len;
    if (!rec->id) {
        char idb[64];
        snprintf(idb, sizeof idb, "line-%llu", (unsigned long long)rec->line);
        rec->id = keep_str(g, idb, strlen(idb));
        if (!rec->id)
            return fail(g, DYAD_ERR_NOMEM, rec->line, "out of memory");
    }
    g->counts.records++;
    g->ctl_served = 1;
    return DYAD_OK;
}

DYAD_API const dyad_gold_control *dyad_gold_controls(const dyad_gold *g, size_t *n)
{
    size_t k = g ? g->controls.len : 0;
    if (n)
        *n = k;
    return k ? g->controls.data : NULL;
}

DYAD_API const char *dyad_gold_errmsg(const dyad_gold *g)
{
    return g ? g->errmsg : "";
}

DYAD_API dyad_gold_format dyad_gold_get_format(const dyad_gold *g)
{
    return g ? g->format : DYAD_GOLD_AUTO;
}

DYAD_API const char *const *dyad_gold_dictionaries(const dyad_gold *g, size_t *n)
{
    *n = g ? g->ndicts : 0;
    return g && g->ndicts ? (const char *const *)g->dicts : NULL;
}

DYAD_API void dyad_gold_get_counts(const dyad_gold *g, dyad_gold_counts *out)
{
    if (g)
        *out = g->counts;
    else
        memset(out, 0, sizeof *out);
}
