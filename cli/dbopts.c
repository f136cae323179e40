/* dbopts.c - what the store-reading commands (query, relations, graph,
 * export) share: opening the store read-only (so a typo in --db never
 * creates an empty database), choosing the output format, and writing an
 * SQL result set as an aligned table, RFC 4180 CSV or JSON Lines, with the
 * statement's column names as the header. Also the small date arithmetic
 * that periods and steps need (proleptic Gregorian, days since 1970). */
#include "dbopts.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Rows a table may buffer to align its columns; beyond it, use csv. */
#define MAX_TABLE_CELLS (8u << 20)

int db_open_read(const char *cmd, const char *path, dyad_store **s)
{
    char err[512];
    if (access(path, F_OK) != 0) {
        fprintf(stderr, "dyad %s: no store at %s (create it with `dyad ingest --db %s`)\n", cmd,
                path, path);
        *s = NULL;
        return EXIT_FAIL;
    }
    if (dyad_store_open_readonly(path, s, err, sizeof err) != DYAD_OK) {
        fprintf(stderr, "dyad %s: %s\n", cmd, err);
        return EXIT_FAIL;
    }
    return 0;
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

int db_prepare(const char *cmd, sqlite3 *db, const char *sql, sqlite3_stmt **st)
{
    if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK) {
        fprintf(stderr, "dyad %s: cannot query the store: %s\n", cmd, sqlite3_errmsg(db));
        sqlite3_finalize(*st);
        *st = NULL;
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

/* A cell's text: NULL is empty, reals keep up to 10 significant digits. */
static const char *cell_text(sqlite3_stmt *st, int i, char *buf, size_t len, size_t *n)
{
    switch (sqlite3_column_type(st, i)) {
    case SQLITE_NULL:
        *n = 0;
        return "";
    case SQLITE_FLOAT:
        snprintf(buf, len, "%.10g", sqlite3_column_double(st, i));
        *n = strlen(buf);
        return buf;
    default: {
        const char *t = (const char *)sqlite3_column_text(st, i);
        *n = t ? (size_t)sqlite3_column_bytes(st, i) : 0;
        return t ? t : "";
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

static int write_table(const char *cmd, sqlite3 *db, sqlite3_stmt *st, FILE *f)
{
    int rc = EXIT_FAIL, src;
    int nc = sqlite3_column_count(st);
    char **cells = NULL;
    size_t *width = calloc((size_t)nc + 1, sizeof *width);
    size_t n = 0, cap = 0;
    if (!width)
        goto oom;
    for (int i = 0; i < nc; i++)
        width[i] = display_width(sqlite3_column_name(st, i), strlen(sqlite3_column_name(st, i)));
    while ((src = sqlite3_step(st)) == SQLITE_ROW) {
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
            const char *t = cell_text(st, i, buf, sizeof buf, &len);
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
    if (src != SQLITE_DONE) {
        fprintf(stderr, "dyad %s: cannot read the store: %s\n", cmd, sqlite3_errmsg(db));
        goto fail;
    }
    for (int i = 0; i < nc; i++) {
        const char *name = sqlite3_column_name(st, i);
        fprintf(f, "%s%s", i ? "  " : "", name);
        if (i + 1 < nc)
            for (size_t k = display_width(name, strlen(name)); k < width[i]; k++)
                fputc(' ', f);
    }
    fputc('\n', f);
    for (size_t r = 0; r < n; r += (size_t)nc) {
        for (int i = 0; i < nc; i++) {
            const char *c = cells[r + (size_t)i];
            fprintf(f, "%s%s", i ? "  " : "", c);
            if (i + 1 < nc)
                for (size_t k = display_width(c, strlen(c)); k < width[i]; k++)
                    fputc(' ', f);
        }
        fputc('\n', f);
    }
    rc = 0;
    goto done;
oom:
    fprintf(stderr, "dyad %s: out of memory\n", cmd);
fail:
    rc = EXIT_FAIL;
done:
    for (size_t k = 0; k < n; k++)
        free(cells[k]);
    free(cells);
    free(width);
    return rc;
}

void db_write_row_json(FILE *f, sqlite3_stmt *st)
{
    int nc = sqlite3_column_count(st);
    fputc('{', f);
    for (int i = 0; i < nc; i++) {
        char buf[64];
        size_t len;
        int type = sqlite3_column_type(st, i);
        const char *t = cell_text(st, i, buf, sizeof buf, &len);
        if (i)
            fputc(',', f);
        json_cstr(f, sqlite3_column_name(st, i));
        fputc(':', f);
        if (type == SQLITE_NULL)
            fputs("null", f);
        else if (type == SQLITE_INTEGER || type == SQLITE_FLOAT)
            fwrite(t, 1, len, f);
        else
            json_str(f, t, len);
    }
    fputc('}', f);
}

int db_write_rows(const char *cmd, sqlite3 *db, sqlite3_stmt *st, int fmt, FILE *f)
{
    if (fmt == OUT_TABLE)
        return write_table(cmd, db, st, f);
    int nc = sqlite3_column_count(st), rc;
    if (fmt == OUT_CSV) {
        for (int i = 0; i < nc; i++) {
            const char *name = sqlite3_column_name(st, i);
            if (i)
                fputc(',', f);
            csv_field(f, name, strlen(name));
        }
        fputs("\r\n", f);
    }
    long long row = 0;
    if (fmt == OUT_JSON)
        fputc('[', f);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (fmt == OUT_JSON && row++)
            fputs(",\n", f);
        if (fmt != OUT_CSV) {
            db_write_row_json(f, st);
            if (fmt == OUT_JSONL)
                fputc('\n', f);
            continue;
        }
        for (int i = 0; i < nc; i++) {
            char buf[64];
            size_t len;
            const char *t = cell_text(st, i, buf, sizeof buf, &len);
            if (i)
                fputc(',', f);
            csv_field(f, t, len);
        }
        fputs("\r\n", f);
    }
    if (fmt == OUT_JSON)
        fputs("]\n", f);
    if (rc != SQLITE_DONE) {
        fprintf(stderr, "dyad %s: cannot read the store: %s\n", cmd, sqlite3_errmsg(db));
        return EXIT_FAIL;
    }
    return 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
static long days_from_civil(long y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
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

static int days_in_month(long y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : dm[m - 1];
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
    if ((n >= 7 && (m < 1 || m > 12)) || (n == 10 && (d < 1 || d > days_in_month(y, m))))
        return -1;
    fmt_date(first, y, m ? m : 1, d ? d : 1);
    fmt_date(last, y, m ? m : 12, d ? d : days_in_month(y, m ? m : 12));
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
    if (strlen(from) == 10 && strcmp(from + 7, "-01") == 0)
        out[7] = '\0';
}

void date_add_days(const char *s, long k, char out[11])
{
    long z = days_from_civil(num(s, 4), num(s + 5, 2), num(s + 8, 2)) + k, y;
    int m, d;
    civil_from_days(z, &y, &m, &d);
    fmt_date(out, y, m, d);
}

int date_weekday(const char *s)
{
    long z = days_from_civil(num(s, 4), num(s + 5, 2), num(s + 8, 2));
    /* 1970-01-01 was a Thursday (3 when Monday is 0). */
    return (int)(((z % 7) + 7 + 3) % 7);
}
