/* dbopts.c - what the store-reading commands (query, relations, graph,
 * export) share: opening the store read-only (so a typo in --db never
 * creates an empty database), choosing the output format, and writing an
 * SQL result set as an aligned table, RFC 4180 CSV or JSON Lines, with the
 * statement's column names as the header. Also the small date arithmetic
 * that periods and steps need (proleptic Gregorian, days since 1970, from
 * the library's dates.c). */
#include "dbopts.h"
#include "dates.h"
#include "store.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Rows a table may buffer to align its columns; beyond it, use csv. */
#define MAX_TABLE_CELLS (8u << 20)

int db_open_read(const char *cmd, const char *path, dyad_store **s, dyadi_sqldb **db)
{
    char err[512];
    *db = NULL;
    /* a URI (postgresql://) is no file: the store says what it can do */
    if (!strstr(path, "://") && access(path, F_OK) != 0) {
        fprintf(stderr, "dyad %s: no store at %s (create it with `dyad ingest --db %s`)\n", cmd,
                path, path);
        *s = NULL;
        return EXIT_FAIL;
    }
    if (dyad_store_open_readonly(path, s, err, sizeof err) != DYAD_OK) {
        fprintf(stderr, "dyad %s: %s\n", cmd, err);
        return EXIT_FAIL;
    }
    if (!(*db = dyadi_store_sqldb(*s))) {
        fprintf(stderr, "dyad %s: out of memory\n", cmd);
        dyad_store_free(*s);
        *s = NULL;
        return EXIT_FAIL;
    }
    return 0;
}

const char *prefix_op(const dyadi_sqldb *db)
{
    return dyadi_sqldb_is_pg(db) ? " LIKE " : " GLOB ";
}

void prefix_pattern(const dyadi_sqldb *db, const char *prefix, char *out, size_t cap)
{
    snprintf(out, cap, "%.64s%c", prefix, dyadi_sqldb_is_pg(db) ? '%' : '*');
}

int out_format(const char *cmd, const char *value, int *fmt)
{
    if (!value)
        *fmt = isatty(STDOUT_FILENO) ? OUT_TABLE : OUT_CSV;
    else if (strcmp(value, "table") == 0)
        *fmt = OUT_TABLE;
    else if (strcmp(value, "csv") == 0)
        *fmt = OUT_CSV;
    else if (strcmp(value, "jsonl") == 0)
        *fmt = OUT_JSONL;
    else {
        fprintf(stderr, "dyad %s: --format must be table, csv or jsonl, not '%s'\n", cmd, value);
        return EXIT_USAGE;
    }
    return 0;
}

int db_prepare(const char *cmd, dyadi_sqldb *db, const char *sql, int stream, dyadi_sqlrows **st)
{
    if (!(*st = dyadi_sqlrows_prepare(db, sql, stream))) {
        fprintf(stderr, "dyad %s: cannot query the store: %s\n", cmd, dyadi_sqldb_errmsg(db));
        return EXIT_FAIL;
    }
    return 0;
}

void csv_field(FILE *f, const char *s, size_t n)
{
    int quote = 0;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote) {
        fwrite(s, 1, n, f);
        return;
    }
    fputc('"', f);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            fputc('"', f);
        fputc((unsigned char)s[i], f);
    }
    fputc('"', f);
}

int valid_code(const char *s)
{
    if (!s || !*s || strlen(s) > 64)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
            return 0;
    return 1;
}

/* The first of the hidden columns of SQL_MARK_COLUMNS after column i
 * when column i is their sentence, else 0. */
static int mark_columns(dyadi_sqlrows *st, int i)
{
    return i + 7 < dyadi_sqlrows_columns(st) &&
           strcmp(dyadi_sqlrows_name(st, i + 1), "_mark_base") == 0 ? i + 1 : 0;
}

/* Columns named "_..." are for ordering and marking, not for the output. */
static int hidden_column(dyadi_sqlrows *st, int i)
{
    return dyadi_sqlrows_name(st, i)[0] == '_';
}

typedef struct mark {
    long pos;
    int close;
    const char *s;
} mark;

static int cmp_mark(const void *x, const void *y)
{
    const mark *a = x, *b = y;
    if (a->pos != b->pos)
        return a->pos < b->pos ? -1 : 1;
    return b->close - a->close;   /* close a span before opening the next */
}

/* The sentence of column i with the spans of the columns from k marked,
 * in *scratch (realloc'd); NULL when out of memory. */
static const char *marked(dyadi_sqlrows *st, int i, int k, char **scratch, size_t *n)
{
    size_t len;
    const char *text = dyadi_sqlrows_text(st, i, &len);
    *n = len;
    if (dyadi_sqlrows_type(st, i) == DYADI_SQL_NULL || dyadi_sqlrows_type(st, k) == DYADI_SQL_NULL)
        return text;
    long base = (long)dyadi_sqlrows_int64(st, k);
    static const char *const open[] = {"[SRC ", "<TRG ", "[TGT "};
    static const char *const close[] = {"]", ">", "]"};
    mark m[6];
    int nm = 0;
    for (int j = 0; j < 3; j++) {
        int a = k + 1 + 2 * j, b = a + 1;
        if (dyadi_sqlrows_type(st, a) == DYADI_SQL_NULL || dyadi_sqlrows_type(st, b) == DYADI_SQL_NULL)
            continue;
        long s = (long)dyadi_sqlrows_int64(st, a) - base, e = (long)dyadi_sqlrows_int64(st, b) - base;
        if (s < 0 || e < s || e > (long)len)
            continue;
        m[nm++] = (mark){s, 0, open[j]};
        m[nm++] = (mark){e, 1, close[j]};
    }
    qsort(m, (size_t)nm, sizeof m[0], cmp_mark);
    char *out = realloc(*scratch, len + 16 * 6 + 1);
    if (!out)
        return NULL;
    *scratch = out;
    size_t o = 0;
    long at = 0;
    for (int j = 0; j < nm; j++) {
        memcpy(out + o, text + at, (size_t)(m[j].pos - at));
        o += (size_t)(m[j].pos - at);
        size_t sl = strlen(m[j].s);
        memcpy(out + o, m[j].s, sl);
        o += sl;
        at = m[j].pos;
    }
    memcpy(out + o, text + at, len - (size_t)at);
    o += len - (size_t)at;
    out[o] = '\0';
    *n = o;
    return out;
}

/* A cell's text: NULL is empty, reals keep up to 10 significant digits;
 * a marked sentence in *scratch. */
static const char *cell_text(dyadi_sqlrows *st, int i, char *buf, size_t len, size_t *n,
                             char **scratch)
{
    switch (dyadi_sqlrows_type(st, i)) {
    case DYADI_SQL_NULL:
        *n = 0;
        return "";
    case DYADI_SQL_FLOAT:
        snprintf(buf, len, "%.10g", dyadi_sqlrows_double(st, i));
        *n = strlen(buf);
        return buf;
    default: {
        int k = mark_columns(st, i);
        if (k) {
            const char *t = marked(st, i, k, scratch, n);
            if (t)
                return t;
        }
        return dyadi_sqlrows_text(st, i, n);
    }
    }
}

/* Terminal columns of a UTF-8 string: one per code point (good enough for
 * the Latin and Cyrillic text dyad codes). */
static size_t display_width(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            w++;
    return w;
}

static int write_table(const char *cmd, dyadi_sqldb *db, dyadi_sqlrows *st, FILE *f,
                       unsigned long long *rows)
{
    int rc = EXIT_FAIL, src;
    char **cells = NULL, *scratch = NULL;
    size_t n = 0, cap = 0, *width = NULL;
    /* PostgreSQL knows the columns once the statement has run */
    if ((src = dyadi_sqlrows_step(st)) < 0)
        goto failed;
    int nc = dyadi_sqlrows_columns(st);
    if (!(width = calloc((size_t)nc + 1, sizeof *width)))
        goto oom;
    for (int i = 0; i < nc; i++)
        width[i] = display_width(dyadi_sqlrows_name(st, i), strlen(dyadi_sqlrows_name(st, i)));
    for (; src == 1; src = dyadi_sqlrows_step(st)) {
        if (n + (size_t)nc > cap) {
            size_t ncap = cap ? cap * 2 : 256 * (size_t)nc;
            if (ncap > MAX_TABLE_CELLS) {
                fprintf(stderr, "dyad %s: too many rows for a table; use --format csv\n", cmd);
                goto fail;
            }
            char **p = realloc(cells, ncap * sizeof *p);
            if (!p)
                goto oom;
            cells = p;
            cap = ncap;
        }
        for (int i = 0; i < nc; i++) {
            char buf[64];
            size_t len;
            const char *t = cell_text(st, i, buf, sizeof buf, &len, &scratch);
            char *c = malloc(len + 1);
            if (!c)
                goto oom;
            memcpy(c, t, len);
            c[len] = '\0';
            /* One row per line: a newline inside a cell would break the table. */
            for (size_t k = 0; k < len; k++)
                if (c[k] == '\n' || c[k] == '\r' || c[k] == '\t')
                    c[k] = ' ';
            cells[n++] = c;
            size_t w = display_width(c, len);
            if (w > width[i])
                width[i] = w;
        }
    }
    if (src != 0)
        goto failed;
    int last = nc - 1;
    while (last > 0 && hidden_column(st, last))
        last--;
    for (int i = 0; i <= last; i++) {
        const char *name = dyadi_sqlrows_name(st, i);
        if (hidden_column(st, i))
            continue;
        fprintf(f, "%s%s", i ? "  " : "", name);
        if (i < last)
            for (size_t k = display_width(name, strlen(name)); k < width[i]; k++)
                fputc(' ', f);
    }
    fputc('\n', f);
    for (size_t r = 0; r < n; r += (size_t)nc) {
        for (int i = 0; i <= last; i++) {
            if (hidden_column(st, i))
                continue;
            const char *c = cells[r + (size_t)i];
            fprintf(f, "%s%s", i ? "  " : "", c);
            if (i < last)
                for (size_t k = display_width(c, strlen(c)); k < width[i]; k++)
                    fputc(' ', f);
        }
        fputc('\n', f);
    }
    *rows = n / (size_t)(nc ? nc : 1);
    rc = 0;
    goto done;
failed:
    fprintf(stderr, "dyad %s: cannot read the store: %s\n", cmd, dyadi_sqldb_errmsg(db));
    goto fail;
oom:
    fprintf(stderr, "dyad %s: out of memory\n", cmd);
fail:
    rc = EXIT_FAIL;
done:
    for (size_t k = 0; k < n; k++)
        free(cells[k]);
    free(cells);
    free(width);
    free(scratch);
    return rc;
}

static void row_json(FILE *f, dyadi_sqlrows *st, char **scratch)
{
    int nc = dyadi_sqlrows_columns(st);
    fputc('{', f);
    for (int i = 0, first = 1; i < nc; i++) {
        char buf[64];
        size_t len;
        if (hidden_column(st, i))
            continue;
        int type = dyadi_sqlrows_type(st, i);
        const char *t = cell_text(st, i, buf, sizeof buf, &len, scratch);
        if (!first)
            fputc(',', f);
        first = 0;
        json_cstr(f, dyadi_sqlrows_name(st, i));
        fputc(':', f);
        /* JSON says "absent" with null, not an empty string */
        if (type == DYADI_SQL_NULL || (type == DYADI_SQL_TEXT && len == 0))
            fputs("null", f);
        else if (type == DYADI_SQL_INT || type == DYADI_SQL_FLOAT)
            fwrite(t, 1, len, f);
        else
            json_str(f, t, len);
    }
    fputc('}', f);
}

void db_write_row_json(FILE *f, dyadi_sqlrows *st)
{
    char *scratch = NULL;
    row_json(f, st, &scratch);
    free(scratch);
}

int db_write_rows(const char *cmd, dyadi_sqldb *db, dyadi_sqlrows *st, int fmt, FILE *f)
{
    unsigned long long n;
    return db_write_rows_n(cmd, db, st, fmt, f, &n);
}

int db_write_rows_n(const char *cmd, dyadi_sqldb *db, dyadi_sqlrows *st, int fmt, FILE *f,
                    unsigned long long *rows)
{
    *rows = 0;
    if (fmt == OUT_TABLE)
        return write_table(cmd, db, st, f, rows);
    char *scratch = NULL;
    /* PostgreSQL knows the columns once the statement has run */
    int rc = dyadi_sqlrows_step(st);
    int nc = rc < 0 ? 0 : dyadi_sqlrows_columns(st);
    if (fmt == OUT_CSV && rc >= 0) {
        for (int i = 0, first = 1; i < nc; i++) {
            const char *name = dyadi_sqlrows_name(st, i);
            if (hidden_column(st, i))
                continue;
            if (!first)
                fputc(',', f);
            first = 0;
            csv_field(f, name, strlen(name));
        }
        fputs("\r\n", f);
    }
    if (fmt == OUT_JSON)
        fputc('[', f);
    for (; rc == 1; rc = dyadi_sqlrows_step(st)) {
        if (fmt == OUT_JSON && *rows)
            fputs(",\n", f);
        ++*rows;
        if (fmt != OUT_CSV) {
            row_json(f, st, &scratch);
            if (fmt == OUT_JSONL)
                fputc('\n', f);
            continue;
        }
        for (int i = 0, first = 1; i < nc; i++) {
            char buf[64];
            size_t len;
            if (hidden_column(st, i))
                continue;
            const char *t = cell_text(st, i, buf, sizeof buf, &len, &scratch);
            if (!first)
                fputc(',', f);
            first = 0;
            csv_field(f, t, len);
        }
        fputs("\r\n", f);
    }
    free(scratch);
    if (fmt == OUT_JSON)
        fputs("]\n", f);
    if (rc != 0) {
        fprintf(stderr, "dyad %s: cannot read the store: %s\n", cmd, dyadi_sqldb_errmsg(db));
        return EXIT_FAIL;
    }
    return 0;
}

static int digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int num(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* YYYY-MM-DD into out; the year is clamped to four digits. */
static void fmt_date(char out[11], long y, int m, int d)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%04ld-%02d-%02d", y < 0 ? 0 : y > 9999 ? 9999 : y, m % 100,
             d % 100);
    memcpy(out, buf, 10);
    out[10] = '\0';
}

/* One side of a period: its first and last day. */
static int period_side(const char *s, size_t n, char first[11], char last[11])
{
    int y, m = 0, d = 0;
    if (n == 4 && digits(s, 4)) {
        y = num(s, 4);
    } else if (n == 7 && digits(s, 4) && s[4] == '-' && digits(s + 5, 2)) {
        y = num(s, 4);
        m = num(s + 5, 2);
    } else if (n == 10 && digits(s, 4) && s[4] == '-' && digits(s + 5, 2) && s[7] == '-' &&
               digits(s + 8, 2)) {
        y = num(s, 4);
        m = num(s + 5, 2);
        d = num(s + 8, 2);
    } else {
        return -1;
    }
    if ((n >= 7 && (m < 1 || m > 12)) || (n == 10 && (d < 1 || d > dyadi_days_in_month(y, m))))
        return -1;
    fmt_date(first, y, m ? m : 1, d ? d : 1);
    fmt_date(last, y, m ? m : 12, d ? d : dyadi_days_in_month(y, m ? m : 12));
    return 0;
}

int period_parse(const char *p, char from[11], char to[11])
{
    char a[11], b[11];
    const char *dots = strstr(p, "..");
    from[0] = to[0] = '\0';
    if (!dots)
        return period_side(p, strlen(p), from, to);
    size_t left = (size_t)(dots - p);
    const char *right = dots + 2;
    if (left == 0 && *right == '\0')
        return -1;
    if (left && period_side(p, left, from, a) != 0)
        return -1;
    if (*right && period_side(right, strlen(right), b, to) != 0)
        return -1;
    if (from[0] && to[0] && strcmp(from, to) > 0)
        return -1;
    return 0;
}

void period_lo(const char *from, char out[11])
{
    snprintf(out, 11, "%s", from);
    if (strlen(from) == 10 && strcmp(from + 4, "-01-01") == 0)
        out[4] = '\0';
    else if (strlen(from) == 10 && strcmp(from + 7, "-01") == 0)
        out[7] = '\0';
}

void date_add_days(const char *s, long k, char out[11])
{
    long z = dyadi_days_from_civil(num(s, 4), num(s + 5, 2), num(s + 8, 2)) + k, y;
    int m, d;
    dyadi_civil_from_days(z, &y, &m, &d);
    fmt_date(out, y, m, d);
}

int date_weekday(const char *s)
{
    long z = dyadi_days_from_civil(num(s, 4), num(s + 5, 2), num(s + 8, 2));
    /* 1970-01-01 was a Thursday (3 when Monday is 0). */
    return (int)(((z % 7) + 7 + 3) % 7);
}

static _Thread_local char *usage_sink;
static _Thread_local size_t usage_sink_len;

void db_usage_sink(char *buf, size_t len)
{
    usage_sink = buf && len ? buf : NULL;
    usage_sink_len = usage_sink ? len : 0;
    if (usage_sink)
        usage_sink[0] = '\0';
}

int db_usage(const char *cmd, const char *fmt, ...)
{
    char msg[640];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (!usage_sink) {
        fprintf(stderr, "dyad %s: %s\n", cmd, msg);
        return EXIT_USAGE;
    }
    size_t o = 0;
    for (size_t i = 0; msg[i] && o + 1 < usage_sink_len; i++) {
        if (msg[i] == '-' && msg[i + 1] == '-' && msg[i + 2] >= 'a' && msg[i + 2] <= 'z' &&
            (i == 0 || msg[i - 1] == ' ' || msg[i - 1] == '('))
            i++;
        else
            usage_sink[o++] = msg[i];
    }
    usage_sink[o] = '\0';
    return EXIT_USAGE;
}

int period_opt(const char *cmd, const char *opt, const char *v, char from[11], char to[11])
{
    if (period_parse(v, from, to) == 0)
        return 0;
    const char *dots = strstr(v, "..");
    char a[11], b[11], c[11], d[11];
    if (dots && dots > v && dots[2] && period_side(v, (size_t)(dots - v), a, b) == 0 &&
        period_side(dots + 2, strlen(dots + 2), c, d) == 0)
        return db_usage(cmd, "--%s '%s' is reversed: it ends before it starts (did you mean "
                        "%s..%.*s?)", opt, v, dots + 2, (int)(dots - v), v);
    return db_usage(cmd, "--%s must be YYYY, YYYY-MM, YYYY-MM-DD or FROM..TO, not '%s'", opt, v);
}

int date_opt(const char *cmd, const char *opt, const char *v, char first[11], char last[11])
{
    if (period_side(v, strlen(v), first, last) == 0)
        return 0;
    return db_usage(cmd, "--%s must be YYYY, YYYY-MM or YYYY-MM-DD, not '%s'", opt, v);
}

/* Case-insensitive Levenshtein distance, both strings at most 64 bytes. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), row[65];
    if (la > 64 || lb > 64)
        return (size_t)-1;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            int same = (a[i - 1] | 0x20) == (b[j - 1] | 0x20);
            size_t best = diag + !same;
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

const char *suggest(const char *v, const char *const *cands, size_t n)
{
    const char *best = NULL;
    size_t bd = strlen(v) / 3 + 1;
    for (size_t i = 0; i < n; i++) {
        size_t d = edit_distance(v, cands[i]);
        if (d <= bd && (!best || d < bd || strcmp(cands[i], best) < 0)) {
            best = cands[i];
            bd = d;
        }
    }
    return best;
}

static int no_match(const char *cmd, const char *opt, const char *v, const char *what,
                    const char *hint)
{
    if (hint)
        return db_usage(cmd, "--%s '%s': %s (did you mean %s?)", opt, v, what, hint);
    return db_usage(cmd, "--%s '%s': %s", opt, v, what);
}

/* Every distinct value of one SQL column list, and their first three
 * letters, as candidates for suggest(); the caller frees with free_list. */
static char **distinct_values(dyadi_sqldb *db, const char *sql, size_t *n)
{
    dyadi_sqlrows *st = NULL;
    char **v = NULL;
    size_t cap = 0;
    *n = 0;
    if (!(st = dyadi_sqlrows_prepare(db, sql, 0)))
        goto fail;
    while (dyadi_sqlrows_step(st) == 1) {
        const char *t = dyadi_sqlrows_text(st, 0, NULL);
        if (!*t || strlen(t) > 64)
            continue;
        for (int k = 0; k < 2; k++) {
            if (*n == cap) {
                size_t nc = cap ? cap * 2 : 64;
                if (nc > (1u << 20))
                    goto done;
                char **p = realloc(v, nc * sizeof *p);
                if (!p)
                    goto done;
                v = p;
                cap = nc;
            }
            size_t len = k ? 3 : strlen(t);
            if (k && strlen(t) <= 3)
                break;
            char *c = malloc(len + 1);
            if (!c)
                goto done;
            memcpy(c, t, len);
            c[len] = '\0';
            v[(*n)++] = c;
        }
    }
done:
    dyadi_sqlrows_free(st);
    return v;
fail:
    return NULL;
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* 1 when some row of sql (one "?1" parameter) exists for value. */
static int exists(dyadi_sqldb *db, const char *sql, const char *value)
{
    dyadi_sqlrows *st = dyadi_sqlrows_prepare(db, sql, 0);
    int r = 1;                      /* on a store error, let the query itself report it */
    if (st && dyadi_sqlrows_bind_cstr(st, 1, value) == 0)
        r = dyadi_sqlrows_step(st) != 0;
    dyadi_sqlrows_free(st);
    return r;
}

/* 1 when some source or target code starts with prefix. */
static int code_exists(dyadi_sqldb *db, const char *prefix)
{
    char pat[80], sql[160];
    const char *op = prefix_op(db);
    prefix_pattern(db, prefix, pat, sizeof pat);
    snprintf(sql, sizeof sql, "SELECT 1 FROM events WHERE source%s?1 OR target%s?1 LIMIT 1", op,
             op);
    return exists(db, sql, pat);
}

int check_actor_filter(const char *cmd, const char *opt, dyadi_sqldb *db, const char *v)
{
    char up[80];
    if (code_exists(db, v))
        return 0;
    size_t i = 0;
    for (; v[i] && i + 2 < sizeof up; i++)
        up[i] = (char)(v[i] >= 'a' && v[i] <= 'z' ? v[i] - 32 : v[i]);
    up[i] = '\0';
    if (strcmp(up, v) != 0 && code_exists(db, up))
        return no_match(cmd, opt, v, "no actor code of the store starts with it (codes are "
                        "upper case)", up);
    size_t n = 0;
    char **c = distinct_values(db, "SELECT source FROM events UNION SELECT target FROM events ORDER BY 1",
                               &n);
    const char *s = suggest(v, (const char *const *)c, n);
    int r = no_match(cmd, opt, v, "no actor code of the store starts with it", s);
    free_list(c, n);
    return r;
}

int check_lang_filter(const char *cmd, dyadi_sqldb *db, const char *v)
{
    if (exists(db, "SELECT 1 FROM documents WHERE lang = ?1 LIMIT 1", v))
        return 0;
    size_t n = 0;
    char **c = distinct_values(db, "SELECT DISTINCT lang FROM documents ORDER BY 1", &n);
    const char *s = suggest(v, (const char *const *)c, n);
    int r = no_match(cmd, "lang", v, "no document of the store is in that language", s);
    free_list(c, n);
    return r;
}

int check_plover_filter(const char *cmd, const char *v)
{
    /* PLOVER's event types (openeventdata/PLOVER), the values of the plover column. */
    static const char *const types[] = {
        "AGREE",   "CONSULT",  "SUPPORT", "CONCEDE", "COOPERATE", "AID",
        "RETREAT", "REQUEST",  "ACCUSE",  "REJECT",  "THREATEN",  "PROTEST",
        "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"};
    size_t n = sizeof types / sizeof types[0];
    for (size_t i = 0; i < n; i++)
        if (strcmp(v, types[i]) == 0)
            return 0;
    return no_match(cmd, "plover", v, "not a PLOVER event type", suggest(v, types, n));
}

int check_root_filter(const char *cmd, const char *v)
{
    static const char *const roots[] = {"01", "02", "03", "04", "05", "06", "07",
                                        "08", "09", "10", "11", "12", "13", "14",
                                        "15", "16", "17", "18", "19", "20"};
    for (size_t i = 0; i < 20; i++)
        if (strcmp(v, roots[i]) == 0)
            return 0;
    const char *hint = NULL;
    if (strlen(v) == 1 && v[0] >= '1' && v[0] <= '9')
        hint = roots[v[0] - '1'];
    return no_match(cmd, "root", v, "CAMEO roots are 01 to 20", hint);
}

int check_code_filter(const char *cmd, const char *v)
{
    size_t n = strlen(v);
    int ok = n >= 1 && n <= 4 && digits(v, n);
    if (ok && n >= 2) {
        int root = num(v, 2);
        ok = root >= 1 && root <= 20;
    } else if (ok) {
        ok = v[0] <= '2';
    }
    if (ok)
        return 0;
    return no_match(cmd, "code", v, "CAMEO event codes are 2 to 4 digits under the roots 01 "
                    "to 20", NULL);
}

void report_no_match(const char *cmd)
{
    if (cli_verbosity >= 1)
        fprintf(stderr, "dyad %s: no event matches these filters\n", cmd);
}
