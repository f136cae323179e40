/* cmd_relations.c - `dyad relations`: how each dyad (source country ->
 * target country, or the unordered pair with --undirected) evolves step by
 * step (day, week, month, quarter, year, or the whole period): events by
 * QuadClass, total and mean Goldstein, the cooperation-conflict score
 * (q1 + q2 - q3 - q4) / n, the three commonest codes, and the change from
 * the previous step. docs/store.md defines every column.
 *
 * Only asserted events with both a source and a target count, once each
 * (not weighted by mentions): a negated "refused to cooperate" is already
 * coded as its own conflict event by the coder. The period is widened to
 * whole steps, and the step before it is read too, so that the first
 * step's change is a real one. Every step of the period gets a row for
 * every selected dyad, zeros included, so that a time series needs no
 * filling by the reader; an open period is closed by the store's first and
 * last plain dates. relations_write() computes the table for `dyad serve`'s
 * /api/relations too (storeq.h), so both give the same rows. */
#include "dbopts.h"
#include "storeq.h"
#include "arena.h"
#include "lex.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

static const cli_opt opts[] = {
    CLI_DB_OPTION,
    {"period", 0, "PERIOD", "YYYY, YYYY-MM, YYYY-MM-DD or FROM..TO (default: everything)"},
    {"step", 0, "STEP", "day, week, month (default), quarter, year or all"},
    {"actor", 0, "CODE", "only events whose source or target code starts with CODE"},
    {"source", 0, "CODE", "only events whose source code starts with CODE"},
    {"target", 0, "CODE", "only events whose target code starts with CODE"},
    {"dyad", 0, "SRC,TGT", "only this dyad (both directions with --undirected)"},
    {"undirected", 0, NULL, "count A->B and B->A together as the pair A,B"},
    {"full-codes", 0, NULL, "keep full actor codes (RUSGOV) instead of their country (RUS)"},
    {"format", 0, "FORMAT", "table (default on a terminal), csv (default otherwise) or jsonl"},
};
#define NOPTS (sizeof opts / sizeof opts[0])

enum { STEP_DAY, STEP_WEEK, STEP_MONTH, STEP_QUARTER, STEP_YEAR, STEP_ALL };
static const char *const step_names[] = {"day", "week", "month", "quarter", "year", "all"};

/* A period longer than this many steps is refused (use a longer step). */
#define MAX_STEPS 100000
#define MAX_STEPS_SQL "100001"

/* The SQL that differs between the stores, chosen in one place: SQLite's
 * date functions, GLOB and printf; PostgreSQL's casts to date, regular
 * expressions, to_char and lpad, with the same values. */
typedef struct rel_dialect {
    /* Bucket label of an event; NULL for an event whose date is too coarse
     * for the step (a month-only date has no day or week) or not a plain
     * date (the coder's "../2022-08", before). ?9 is the label of the
     * whole period. */
    const char *bucket[6];
    /* The label after and before the label X (the whole period has none). */
    const char *next[6], *prev[6];
    const char *least, *greatest;   /* of two values */
    const char *real_open, *real_close;  /* round(<open>x<close>, 2): a real to round */
    /* the top codes of a step, from c (code, k) ordered: the column, and
     * what it needs: a common table expression after c and a join */
    const char *top_codes, *top_cte, *top_join;
    const char *plain_date;         /* event_date starts with a year */
    const char *steps_limit;        /* the recursive steps' safety limit */
} rel_dialect;

static const rel_dialect sqlite_sql = {
    {
        "CASE WHEN event_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN event_date END",
        "date(event_date, '-6 days', 'weekday 1')",
        "CASE WHEN event_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' THEN substr(event_date, 1, 7)"
        " END",
        "CASE WHEN event_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' THEN substr(event_date, 1, 4)"
        " || '-Q' || ((CAST(substr(event_date, 6, 2) AS INTEGER) + 2) / 3) END",
        "CASE WHEN event_date GLOB '[0-9][0-9][0-9][0-9]*' THEN substr(event_date, 1, 4) END",
        "CASE WHEN event_date GLOB '[0-9][0-9][0-9][0-9]*' THEN ?9 END",
    },
    {
        "date(X, '+1 day')",
        "date(X, '+7 days')",
        "strftime('%Y-%m', X || '-01', '+1 month')",
        "CASE WHEN substr(X, 7) = '4' THEN printf('%04d-Q1', CAST(substr(X, 1, 4) AS INTEGER) + 1)"
        " ELSE substr(X, 1, 6) || (CAST(substr(X, 7) AS INTEGER) + 1) END",
        "printf('%04d', CAST(X AS INTEGER) + 1)",
        "NULL",
    },
    {
        "date(X, '-1 day')",
        "date(X, '-7 days')",
        "strftime('%Y-%m', X || '-01', '-1 month')",
        "CASE WHEN substr(X, 7) = '1' THEN printf('%04d-Q4', CAST(substr(X, 1, 4) AS INTEGER) - 1)"
        " ELSE substr(X, 1, 6) || (CAST(substr(X, 7) AS INTEGER) - 1) END",
        "printf('%04d', CAST(X AS INTEGER) - 1)",
        "NULL",
    },
    "min", "max", "", "",
    "x.top", "", "",   /* the groups of rel_scan() bring their top codes */
    "event_date GLOB '[0-9][0-9][0-9][0-9]*'",
    " LIMIT " MAX_STEPS_SQL,
};

static const rel_dialect pg_sql = {
    {
        "CASE WHEN event_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN event_date END",
        "CASE WHEN event_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN"
        " to_char(date_trunc('week', CAST(event_date AS date)), 'YYYY-MM-DD') END",
        "CASE WHEN event_date ~ '^[0-9]{4}-[0-9]{2}' THEN substr(event_date, 1, 7) END",
        "CASE WHEN event_date ~ '^[0-9]{4}-[0-9]{2}' THEN substr(event_date, 1, 4)"
        " || '-Q' || ((CAST(substr(event_date, 6, 2) AS INTEGER) + 2) / 3) END",
        "CASE WHEN event_date ~ '^[0-9]{4}' THEN substr(event_date, 1, 4) END",
        "CASE WHEN event_date ~ '^[0-9]{4}' THEN ?9 END",
    },
    {
        "to_char(CAST(X AS date) + 1, 'YYYY-MM-DD')",
        "to_char(CAST(X AS date) + 7, 'YYYY-MM-DD')",
        "to_char(CAST(X || '-01' AS date) + interval '1 month', 'YYYY-MM')",
        "CASE WHEN substr(X, 7) = '4' THEN lpad(CAST(CAST(substr(X, 1, 4) AS INTEGER) + 1 AS text),"
        " 4, '0') || '-Q1' ELSE substr(X, 1, 6) || (CAST(substr(X, 7) AS INTEGER) + 1) END",
        "lpad(CAST(CAST(X AS INTEGER) + 1 AS text), 4, '0')",
        "CAST(NULL AS text)",
    },
    {
        "to_char(CAST(X AS date) - 1, 'YYYY-MM-DD')",
        "to_char(CAST(X AS date) - 7, 'YYYY-MM-DD')",
        "to_char(CAST(X || '-01' AS date) - interval '1 month', 'YYYY-MM')",
        "CASE WHEN substr(X, 7) = '1' THEN lpad(CAST(CAST(substr(X, 1, 4) AS INTEGER) - 1 AS text),"
        " 4, '0') || '-Q4' ELSE substr(X, 1, 6) || (CAST(substr(X, 7) AS INTEGER) - 1) END",
        "lpad(CAST(CAST(X AS INTEGER) - 1 AS text), 4, '0')",
        "CAST(NULL AS text)",
    },
    "least", "greatest", "CAST(", " AS numeric)",
    /* computed once for every step and dyad, then joined: PostgreSQL
     * does not index a common table expression, and the subquery per row
     * that SQLite answers from its automatic index scanned all of c
     * (relations by month on the 20 MB store: 2.4 s, not 0.5) */
    "tc.top",
    " , tc AS (SELECT step, src, tgt, string_agg(code || ':' || k, ' ' ORDER BY k DESC, code)"
    "  AS top FROM (SELECT step, src, tgt, code, k, row_number() OVER (PARTITION BY step, src,"
    "  tgt ORDER BY k DESC, code) AS rn FROM c) r3 WHERE rn <= 3 GROUP BY step, src, tgt)",
    " LEFT JOIN tc ON tc.step = s.step AND tc.src = d.src AND tc.tgt = d.tgt",
    "event_date ~ '^[0-9]{4}'",
    "",
};

/* sql with every "X" replaced by x, appended to out; -1 when it overflows. */
static int subst(char *out, size_t cap, size_t *len, const char *sql, const char *x)
{
    for (; *sql; sql++) {
        const char *piece = *sql == 'X' ? x : NULL;
        size_t n = piece ? strlen(piece) : 1;
        if (*len + n + 1 > cap)
            return -1;
        memcpy(out + *len, piece ? piece : sql, n);
        *len += n;
    }
    out[*len] = '\0';
    return 0;
}

/* The label of the step holding the day d (YYYY-MM-DD). */
static void step_label(int step, const char *d, char out[32])
{
    char w[11];
    switch (step) {
    case STEP_DAY:
        snprintf(out, 32, "%.10s", d);
        break;
    case STEP_WEEK:
        date_add_days(d, -date_weekday(d), w);
        snprintf(out, 32, "%s", w);
        break;
    case STEP_MONTH:
        snprintf(out, 32, "%.7s", d);
        break;
    case STEP_QUARTER:
        snprintf(out, 32, "%.4s-Q%d", d, ((d[5] - '0') * 10 + (d[6] - '0') + 2) / 3);
        break;
    default:
        snprintf(out, 32, "%.4s", d);
        break;
    }
}

/* First and last day of the step holding the day d. */
static void step_days(int step, const char *d, char first[11], char last[11])
{
    char a[11], b[11], m[16];
    int mon = ((d[5] - '0') * 10 + (d[6] - '0') + 11) % 12 + 1;   /* 1-12 for any digits */
    switch (step) {
    case STEP_DAY:
        snprintf(first, 11, "%.10s", d);
        snprintf(last, 11, "%.10s", d);
        break;
    case STEP_WEEK:
        date_add_days(d, -date_weekday(d), first);
        date_add_days(first, 6, last);
        break;
    case STEP_MONTH:
        snprintf(m, sizeof m, "%.7s", d);
        period_parse(m, first, last);
        break;
    case STEP_QUARTER:
        snprintf(m, sizeof m, "%.4s-%02d", d, (mon - 1) / 3 * 3 + 1);
        period_parse(m, first, b);
        snprintf(m, sizeof m, "%.4s-%02d", d, (mon - 1) / 3 * 3 + 3);
        period_parse(m, a, last);
        break;
    default:
        snprintf(m, sizeof m, "%.4s", d);
        period_parse(m, first, last);
        break;
    }
}

/* The store's first and last plain dates of the selected events, for an
 * open side of the period: "YYYY-MM-DD" days (a month-only date gives its
 * first or last day). Empty when the store has none. */
static int store_span(const char *cmd, dyadi_sqldb *h, const rel_dialect *x, char lo[11],
                      char hi[11])
{
    dyadi_sqlrows *st = NULL;
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT min(event_date), max(event_date) FROM events WHERE %s"
             " AND polarity = 'asserted' AND source <> '' AND target <> ''", x->plain_date);
    int rc = db_prepare(cmd, h, sql, 0, &st);
    lo[0] = hi[0] = '\0';
    if (rc != 0)
        return rc;
    int src = dyadi_sqlrows_step(st);
    if (src < 0) {
        /* e.g. interrupted by `dyad serve`'s time limit */
        fprintf(stderr, "dyad %s: cannot read the store: %s\n", cmd, dyadi_sqldb_errmsg(h));
        rc = EXIT_FAIL;
    } else if (src == 1) {
        char a[11], b[11], s[11];
        for (int k = 0; k < 2; k++) {
            if (dyadi_sqlrows_type(st, k) == DYADI_SQL_NULL)
                continue;
            const char *t = dyadi_sqlrows_text(st, k, NULL);
            size_t n = strlen(t);
            n = n >= 10 ? 10 : n >= 7 ? 7 : 4;
            snprintf(s, sizeof s, "%.*s", (int)n, t);
            if (period_parse(s, a, b) == 0)
                snprintf(k ? hi : lo, 11, "%s", k ? b : a);
        }
    }
    dyadi_sqlrows_free(st);
    return rc;
}

/* Steps from the step of day a to the step of day b, at most MAX_STEPS + 1. */
static long count_steps(int step, const char *a, const char *b)
{
    if (step == STEP_ALL)
        return 1;
    long y1 = (a[0] - '0') * 1000 + (a[1] - '0') * 100 + (a[2] - '0') * 10 + (a[3] - '0');
    long y2 = (b[0] - '0') * 1000 + (b[1] - '0') * 100 + (b[2] - '0') * 10 + (b[3] - '0');
    long m1 = (a[5] - '0') * 10 + (a[6] - '0'), m2 = (b[5] - '0') * 10 + (b[6] - '0');
    long months = (y2 - y1) * 12 + (m2 - m1);
    switch (step) {
    case STEP_YEAR:
        return y2 - y1 + 1;
    case STEP_QUARTER:
        return (y2 * 4 + (m2 - 1) / 3) - (y1 * 4 + (m1 - 1) / 3) + 1;
    case STEP_MONTH:
        return months + 1;
    default:
        /* days, or weeks: bounded by months before any day arithmetic */
        if (months > (step == STEP_DAY ? MAX_STEPS / 28 : MAX_STEPS / 4) + 2)
            return MAX_STEPS + 1;
        {
            long n = 0;
            char d[11];
            snprintf(d, sizeof d, "%s", a);
            while (strcmp(d, b) <= 0 && n <= MAX_STEPS) {
                date_add_days(d, step == STEP_DAY ? 1 : 7, d);
                n++;
            }
            return n + (step == STEP_WEEK);
        }
    }
}

/* A --dyad value split into its two codes; 0 or EXIT_USAGE (reported). */
static int split_dyad(const char *v, char src[80], char tgt[80])
{
    const char *comma = strchr(v, ',');
    size_t l = comma ? (size_t)(comma - v) : 0;
    if (!comma || l == 0 || l >= 80 || strlen(comma + 1) >= 80)
        return db_usage("relations", "--dyad must be SRC,TGT, not '%s'", v);
    memcpy(src, v, l);
    src[l] = '\0';
    snprintf(tgt, 80, "%s", comma + 1);
    if (!valid_code(src) || !valid_code(tgt))
        return db_usage("relations", "--dyad must be SRC,TGT (codes of letters and digits), "
                        "not '%s'", v);
    return 0;
}

/* ---- SQLite: the grouping in one pass in C ---------------------------------
 * On SQLite most of the statement's time went to grouping the period's
 * events twice (by step and dyad, and again by code) and to a subquery
 * per output row for its top codes (docs/BENCHMARKS.md, "Relations, every
 * dyad"). Here one scan of the selected events fills a hash table of
 * (step, source, target) groups with their counts, Goldstein sum and
 * codes; the statement reads the groups through dyad_rel_g(i, column), a
 * function bound to this call's table, and does the rest (steps, zeros,
 * names, changes, order, rounding) as before. The Goldstein sum and mean
 * are made as SQLite's sum() and avg() make them (the values added as
 * doubles, the mean their quotient by the count of non-null values), so
 * round() gives the same figures. PostgreSQL keeps the SQL of pg_sql. */

typedef struct rel_code {
    const char *code;             /* in the table's arena */
    size_t len;
    long long k;
} rel_code;

typedef struct rel_group {
    const char *key;              /* step NUL src NUL tgt NUL, in the arena */
    size_t src_at, tgt_at, len;   /* offsets of src and tgt; bytes of key */
    unsigned long long hash;
    long long n, q[4], gn;        /* events; by QuadClass; with a Goldstein value */
    double gs;                    /* sum of their Goldstein values */
    dyadi_vec codes;              /* rel_code */
    const char *top;              /* "code:k code:k code:k", in the arena */
} rel_group;

typedef struct rel_table {
    dyadi_vec g;                  /* rel_group */
    dyadi_arena mem;              /* the strings */
    size_t *slot;                 /* group index + 1; 0 empty */
    size_t nslot;                 /* a power of two, at least twice the groups */
} rel_table;

#define GROUP(t, i) DYADI_VEC_AT(&(t)->g, rel_group, i)

/* A group key's hash: the lexicon's FNV-1a of each part, mixed in order
 * (keys are compared part by part, so "ab","c" never matches "a","bc"). */
static unsigned long long key_hash(const char *k[3], const size_t kl[3])
{
    unsigned long long h = 0;
    for (int i = 0; i < 3; i++)
        h = h * 1000003ULL ^ dyadi_lex_hash(k[i], kl[i]);
    return h;
}

static void rt_init(rel_table *t)
{
    memset(t, 0, sizeof *t);
    dyadi_vec_init(&t->g, sizeof(rel_group), 0);
    dyadi_arena_init(&t->mem, 0);
}

static void rt_free(rel_table *t)
{
    for (size_t i = 0; i < t->g.len; i++)
        dyadi_vec_free(&GROUP(t, i).codes);
    dyadi_vec_free(&t->g);
    dyadi_arena_free(&t->mem);
    free(t->slot);
}

/* Slots of nslot (a power of two) for the elements of v, each with its
 * hash hash_at bytes into it: *slot (freed and replaced) holds index + 1,
 * 0 when empty; -1 when out of memory. */
static int slots_rehash(size_t **slot, size_t *nslot, size_t ns, const dyadi_vec *v,
                        size_t hash_at)
{
    size_t *s = calloc(ns, sizeof *s);
    if (!s)
        return -1;
    for (size_t i = 0; i < v->len; i++) {
        unsigned long long h;
        memcpy(&h, (const char *)v->data + i * v->elem + hash_at, sizeof h);
        size_t j = (size_t)h & (ns - 1);
        while (s[j])
            j = (j + 1) & (ns - 1);
        s[j] = i + 1;
    }
    free(*slot);
    *slot = s;
    *nslot = ns;
    return 0;
}

static int rt_rehash(rel_table *t, size_t nslot)
{
    return slots_rehash(&t->slot, &t->nslot, nslot, &t->g, offsetof(rel_group, hash));
}

/* The group of (step, src, tgt), added when new; NULL when out of memory. */
static rel_group *rt_group(rel_table *t, const char *k[3], const size_t kl[3])
{
    unsigned long long h = key_hash(k, kl);
    size_t len = kl[0] + kl[1] + kl[2] + 3;
    for (size_t j = t->nslot ? (size_t)h & (t->nslot - 1) : 0; t->nslot && t->slot[j];
         j = (j + 1) & (t->nslot - 1)) {
        rel_group *g = &GROUP(t, t->slot[j] - 1);
        if (g->hash == h && g->len == len && memcmp(g->key, k[0], kl[0]) == 0 &&
            memcmp(g->key + g->src_at, k[1], kl[1]) == 0 &&
            memcmp(g->key + g->tgt_at, k[2], kl[2]) == 0)
            return g;
    }
    if ((t->g.len + 1) * 2 > t->nslot && rt_rehash(t, t->nslot ? t->nslot * 2 : 512) != 0)
        return NULL;
    char *key = dyadi_arena_alloc(&t->mem, len);
    rel_group *g = key ? dyadi_vec_push(&t->g) : NULL;
    if (!g)
        return NULL;
    g->src_at = kl[0] + 1;
    g->tgt_at = g->src_at + kl[1] + 1;
    for (int i = 0; i < 3; i++) {
        size_t at = i == 0 ? 0 : i == 1 ? g->src_at : g->tgt_at;
        memcpy(key + at, k[i], kl[i]);
        key[at + kl[i]] = '\0';
    }
    g->key = key;
    g->len = len;
    g->hash = h;
    dyadi_vec_init(&g->codes, sizeof(rel_code), 0);
    size_t j = (size_t)h & (t->nslot - 1);
    while (t->slot[j])
        j = (j + 1) & (t->nslot - 1);
    t->slot[j] = t->g.len;
    return g;
}

/* One more event of code in g; -1 when out of memory. A group holds a
 * handful of codes, so a linear search is the cheap way. */
static int rt_code(rel_table *t, rel_group *g, const char *code, size_t n)
{
    for (size_t i = 0; i < g->codes.len; i++) {
        rel_code *c = &DYADI_VEC_AT(&g->codes, rel_code, i);
        if (c->len == n && memcmp(c->code, code, n) == 0) {
            c->k++;
            return 0;
        }
    }
    rel_code *c = dyadi_vec_push(&g->codes);
    if (!c || !(c->code = dyadi_arena_strndup(&t->mem, code, n)))
        return -1;
    c->len = n;
    c->k = 1;
    return 0;
}

/* Codes as SQLite orders text: bytes, then the shorter first. */
static int code_cmp(const rel_code *a, const rel_code *b)
{
    int c = memcmp(a->code, b->code, a->len < b->len ? a->len : b->len);
    return c ? c : (a->len > b->len) - (a->len < b->len);
}

/* g->top: the three commonest codes, ties by code ("ORDER BY k DESC, code
 * LIMIT 3" joined by group_concat(code || ':' || k, ' ')); -1 when out
 * of memory. */
static int rt_top(rel_table *t, rel_group *g)
{
    const rel_code *best[3] = {NULL, NULL, NULL};
    for (size_t i = 0; i < g->codes.len; i++) {
        const rel_code *c = &DYADI_VEC_AT(&g->codes, rel_code, i);
        for (int r = 0; r < 3; r++) {
            if (!best[r] || c->k > best[r]->k || (c->k == best[r]->k && code_cmp(c, best[r]) < 0)) {
                for (int s = 2; s > r; s--)
                    best[s] = best[s - 1];
                best[r] = c;
                break;
            }
        }
    }
    size_t cap = 3 * 24 + 1;
    for (int r = 0; r < 3 && best[r]; r++)
        cap += best[r]->len;
    char *top = dyadi_arena_alloc(&t->mem, cap);
    if (!top)
        return -1;
    size_t at = 0;
    top[0] = '\0';
    for (int r = 0; r < 3 && best[r]; r++)
        at += (size_t)snprintf(top + at, cap - at, "%s%s:%lld", r ? " " : "", best[r]->code,
                               best[r]->k);
    g->top = best[0] ? top : NULL;
    return 0;
}

/* dyad_rel_g(i, column): column of group i, as the SQL of g computed it
 * (NULL for an index out of range). */
static void rel_g_sql(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const rel_table *t = sqlite3_user_data(ctx);
    sqlite3_int64 i = sqlite3_value_int64(argv[0]);
    int col = sqlite3_value_int(argv[1]);
    (void)argc;
    if (i < 0 || (sqlite3_uint64)i >= t->g.len)
        return;
    const rel_group *g = &DYADI_VEC_AT(&t->g, rel_group, i);
    switch (col) {
    case 0:
        sqlite3_result_text(ctx, g->key, -1, SQLITE_STATIC);
        break;
    case 1:
        sqlite3_result_text(ctx, g->key + g->src_at, -1, SQLITE_STATIC);
        break;
    case 2:
        sqlite3_result_text(ctx, g->key + g->tgt_at, -1, SQLITE_STATIC);
        break;
    case 3:
        sqlite3_result_int64(ctx, g->n);
        break;
    case 4: case 5: case 6: case 7:
        sqlite3_result_int64(ctx, g->q[col - 4]);
        break;
    case 8:
        if (g->gn)
            sqlite3_result_double(ctx, g->gs);
        break;
    case 9:
        if (g->gn)
            sqlite3_result_double(ctx, g->gs / (double)g->gn);
        break;
    case 10:
        sqlite3_result_double(ctx, (double)(g->q[0] + g->q[1] - g->q[2] - g->q[3]) * 1.0 /
                                       (double)g->n);
        break;
    case 11:
        if (g->top)
            sqlite3_result_text(ctx, g->top, -1, SQLITE_STATIC);
        break;
    default:
        break;
    }
}

/* The first n characters of s (len bytes) as SQLite's substr() counts
 * them: a byte from 0xc0 up and the continuation bytes after it are one. */
static size_t utf8_prefix(const char *s, size_t len, int n)
{
    size_t i = 0;
    for (; n > 0 && i < len; n--)
        if ((unsigned char)s[i++] >= 0xc0)
            while (i < len && ((unsigned char)s[i] & 0xc0) == 0x80)
                i++;
    return i;
}

static int digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* The label of the step (not a week) holding the event date d, as
 * sqlite_sql.bucket makes it; 0 when the date is too coarse for it or no
 * plain date. */
static size_t bucket(int step, const char *d, size_t n, const char *all, char out[32])
{
    int year = n >= 4 && digits(d, 4);
    int month = year && n >= 7 && d[4] == '-' && digits(d + 5, 2);
    switch (step) {
    case STEP_DAY:
        if (n != 10 || !month || d[7] != '-' || !digits(d + 8, 2))
            return 0;
        memcpy(out, d, 10);
        return 10;
    case STEP_MONTH:
        if (!month)
            return 0;
        memcpy(out, d, 7);
        return 7;
    case STEP_QUARTER:
        if (!month)
            return 0;
        return (size_t)snprintf(out, 32, "%.4s-Q%d", d, ((d[5] - '0') * 10 + (d[6] - '0') + 2) / 3);
    case STEP_YEAR:
        if (!year)
            return 0;
        memcpy(out, d, 4);
        return 4;
    default:
        if (!year)
            return 0;
        return (size_t)snprintf(out, 32, "%s", all);
    }
}

/* What one event adds to its group from its QuadClass and Goldstein
 * values, read as the SQL of g read them: a QuadClass counts when it is a
 * number equal to 1-4, a Goldstein value when it is not NULL. */
typedef struct rel_val {
    double q, g;
    int gn;                       /* g counts */
} rel_val;

static int numeric(int type)
{
    return type == DYADI_SQL_INT || type == DYADI_SQL_FLOAT;
}

static void read_val(dyadi_sqlrows *st, int qc, rel_val *v)
{
    v->q = numeric(dyadi_sqlrows_type(st, qc)) ? dyadi_sqlrows_double(st, qc) : 0;
    v->gn = dyadi_sqlrows_type(st, qc + 1) != DYADI_SQL_NULL;
    v->g = v->gn ? dyadi_sqlrows_double(st, qc + 1) : 0;
}

/* ---- QuadClass and Goldstein per code, from the index ----------------------
 * The period's events are read from the unique index alone (date, source,
 * target, code, polarity); their rows, scattered over the table, cost most
 * of the scan (docs/BENCHMARKS.md). dyad writes QuadClass and Goldstein as
 * a function of the code, so they are taken once per code from
 * events_code(code, quad, goldstein): the code's first and last entries in
 * that order. When both hold the same values, every row of the code does;
 * when they differ (a store written by another version, a user dictionary,
 * rows edited by hand), or the code is not text, each event of the code
 * reads its row as before. The answer never depends on the index being
 * there, only its speed. */
typedef struct rel_cv {
    const char *code;             /* in the table's arena */
    size_t len;
    unsigned long long hash;
    int uniform;                  /* v holds for every row of the code */
    rel_val v;
} rel_cv;

typedef struct rel_cvs {
    dyadi_vec cv;                 /* rel_cv */
    size_t *slot;                 /* index + 1; 0 empty */
    size_t nslot;
    dyadi_sqlrows *lo, *hi, *row; /* first and last entry of a code; a row */
} rel_cvs;

/* Whether a code's two entries hold the same values (numbers by value,
 * text and blobs by bytes, NULLs), so that they have the same effect.
 * Types are read before any conversion. */
static int same_entries(dyadi_sqlrows *a, dyadi_sqlrows *b)
{
    for (int c = 0; c < 2; c++) {
        int at = dyadi_sqlrows_type(a, c), bt = dyadi_sqlrows_type(b, c);
        if (numeric(at) != numeric(bt) || (!numeric(at) && at != bt))
            return 0;
        if (numeric(at) && dyadi_sqlrows_double(a, c) != dyadi_sqlrows_double(b, c))
            return 0;
        if (at == DYADI_SQL_TEXT || at == DYADI_SQL_BLOB) {
            size_t an, bn;
            const void *x = dyadi_sqlrows_bytes(a, c, &an), *y = dyadi_sqlrows_bytes(b, c, &bn);
            if (an != bn || (an && memcmp(x, y, an) != 0))
                return 0;
        }
    }
    return 1;
}

/* The entry of code (n bytes) in c, looked up in the index when new;
 * NULL on an error (reported). */
static rel_cv *cv_get(dyadi_sqldb *h, rel_cvs *c, dyadi_arena *mem, const char *code, size_t n)
{
    unsigned long long hash = dyadi_lex_hash(code, n);
    size_t j = 0;
    if (c->nslot)
        for (j = (size_t)hash & (c->nslot - 1); c->slot[j]; j = (j + 1) & (c->nslot - 1)) {
            rel_cv *e = &DYADI_VEC_AT(&c->cv, rel_cv, c->slot[j] - 1);
            if (e->hash == hash && e->len == n && memcmp(e->code, code, n) == 0)
                return e;
        }
    if ((c->cv.len + 1) * 2 > c->nslot) {
        if (slots_rehash(&c->slot, &c->nslot, c->nslot ? c->nslot * 2 : 256, &c->cv,
                         offsetof(rel_cv, hash)) != 0)
            goto oom;
        for (j = (size_t)hash & (c->nslot - 1); c->slot[j]; j = (j + 1) & (c->nslot - 1))
            ;
    }
    rel_cv *e = dyadi_vec_push(&c->cv);
    if (!e || !(e->code = dyadi_arena_strndup(mem, code, n)))
        goto oom;
    e->len = n;
    e->hash = hash;
    e->uniform = 0;
    c->slot[j] = c->cv.len;
    int a = 0, b = 0;
    dyadi_sqlrows_reset(c->lo);
    dyadi_sqlrows_reset(c->hi);
    if (dyadi_sqlrows_bind_text(c->lo, 1, code, n) != 0 ||
        dyadi_sqlrows_bind_text(c->hi, 1, code, n) != 0 ||
        (a = dyadi_sqlrows_step(c->lo)) < 0 || (b = dyadi_sqlrows_step(c->hi)) < 0) {
        fprintf(stderr, "dyad relations: cannot read the store: %s\n", dyadi_sqldb_errmsg(h));
        return NULL;
    }
    if (a == 1 && b == 1 && same_entries(c->lo, c->hi)) {
        e->uniform = 1;
        read_val(c->lo, 0, &e->v);
    }
    return e;
oom:
    fprintf(stderr, "dyad relations: out of memory\n");
    return NULL;
}

/* The values of the event of row id, from its row; -1 on an error
 * (reported). */
static int row_val(dyadi_sqldb *h, rel_cvs *c, int64_t id, rel_val *v)
{
    dyadi_sqlrows_reset(c->row);
    int got = dyadi_sqlrows_bind_int64(c->row, 1, id) != 0 ? -1 : dyadi_sqlrows_step(c->row);
    if (got < 0) {
        fprintf(stderr, "dyad relations: cannot read the store: %s\n", dyadi_sqldb_errmsg(h));
        return -1;
    }
    if (got == 1)
        read_val(c->row, 0, v);
    else
        memset(v, 0, sizeof *v);
    return 0;
}

/* The groups of the events the statement sql selects (event date, source,
 * target, code, id, and the week's label for weeks; bound as the
 * statement of g binds them), into t; *any: one of them is a step of
 * [lo_step, hi_step]. 0 or EXIT_FAIL (reported). */
static int rel_scan(dyadi_sqldb *h, const char *sql, const char *const bind[12], int step,
                    int full, int undirected, rel_table *t, const char *lo_step,
                    const char *hi_step, int *any)
{
    dyadi_sqlrows *st = NULL;
    rel_cvs c;
    memset(&c, 0, sizeof c);
    dyadi_vec_init(&c.cv, sizeof(rel_cv), 0);
    int rc;
    if ((rc = db_prepare("relations", h, sql, 0, &st)) != 0 ||
        (rc = db_prepare("relations", h, "SELECT quad, goldstein FROM events WHERE code = ?1"
                         " ORDER BY quad, goldstein LIMIT 1", 0, &c.lo)) != 0 ||
        (rc = db_prepare("relations", h, "SELECT quad, goldstein FROM events WHERE code = ?1"
                         " ORDER BY quad DESC, goldstein DESC LIMIT 1", 0, &c.hi)) != 0 ||
        (rc = db_prepare("relations", h, "SELECT quad, goldstein FROM events WHERE id = ?1", 0,
                         &c.row)) != 0)
        goto out;
    int bad = 0;
    for (int k = 1; k <= 10; k++)
        if (k != 3 && k != 4 && k != 9)
            bad |= dyadi_sqlrows_bind_cstr(st, k, bind[k - 1]);
    int got = bad ? -1 : 0;
    char label[32];
    rc = EXIT_FAIL;
    while (!bad && (got = dyadi_sqlrows_step(st)) == 1) {
        const char *k[3];
        size_t kl[3];
        if (step == STEP_WEEK) {
            if (dyadi_sqlrows_type(st, 5) == DYADI_SQL_NULL)
                continue;
            k[0] = dyadi_sqlrows_text(st, 5, &kl[0]);
        } else {
            size_t dl;
            const char *d = dyadi_sqlrows_text(st, 0, &dl);
            if (!(kl[0] = bucket(step, d, dl, bind[8], label)))
                continue;
            k[0] = label;
        }
        for (int i = 1; i <= 2; i++) {
            k[i] = dyadi_sqlrows_text(st, i, &kl[i]);
            if (!full)
                kl[i] = utf8_prefix(k[i], kl[i], 3);
        }
        if (undirected) {
            int cmp = memcmp(k[1], k[2], kl[1] < kl[2] ? kl[1] : kl[2]);
            if (cmp > 0 || (cmp == 0 && kl[1] > kl[2])) {
                const char *ts = k[1];
                size_t tl = kl[1];
                k[1] = k[2], kl[1] = kl[2];
                k[2] = ts, kl[2] = tl;
            }
        }
        rel_group *g = rt_group(t, k, kl);
        size_t cl;
        int ct = dyadi_sqlrows_type(st, 3);   /* before the text conversion below */
        const char *code = dyadi_sqlrows_text(st, 3, &cl);
        if (!g || rt_code(t, g, code, cl) != 0) {
            fprintf(stderr, "dyad relations: out of memory\n");
            goto out;
        }
        rel_val own;
        const rel_val *v = &own;
        const rel_cv *e = ct == DYADI_SQL_TEXT ? cv_get(h, &c, &t->mem, code, cl) : NULL;
        if (ct == DYADI_SQL_TEXT && !e)
            goto out;
        if (e && e->uniform)
            v = &e->v;
        else if (row_val(h, &c, dyadi_sqlrows_int64(st, 4), &own) != 0)
            goto out;
        g->n++;
        for (int q = 1; q <= 4; q++)
            if (v->q == q)
                g->q[q - 1]++;
        if (v->gn) {
            g->gs += v->g;
            g->gn++;
        }
    }
    if (got < 0) {
        fprintf(stderr, "dyad relations: cannot read the store: %s\n", dyadi_sqldb_errmsg(h));
        goto out;
    }
    for (size_t i = 0; i < t->g.len; i++) {
        if (rt_top(t, &GROUP(t, i)) != 0) {
            fprintf(stderr, "dyad relations: out of memory\n");
            goto out;
        }
        if (strcmp(GROUP(t, i).key, lo_step) >= 0 && strcmp(GROUP(t, i).key, hi_step) <= 0)
            *any = 1;
    }
    rc = 0;
out:
    dyadi_sqlrows_free(st);
    dyadi_sqlrows_free(c.lo);
    dyadi_sqlrows_free(c.hi);
    dyadi_sqlrows_free(c.row);
    dyadi_vec_free(&c.cv);
    free(c.slot);
    return rc;
}

/* The options of a relations table, checked without the store. */
typedef struct rel_opts {
    int step, undirected, full;
    char from[11], to[11];
    const char *actor[3];                 /* --actor, --source, --target */
    char pat[4][80];                      /* their prefixes, and the dyad's source */
    char dsrc[80], dtgt[80], dtgt_pat[80];  /* (prefix_pattern makes patterns of them) */
} rel_opts;

static const char *const actor_opts[] = {"actor", "source", "target"};

/* The options in a (indexed like opts) into r; 0 or EXIT_USAGE (reported). */
static int rel_parse(const cli_args *a, rel_opts *r)
{
#define OPT(name) cli_get(a, opts, NOPTS, name)
    const char *v;
    int rc;
    memset(r, 0, sizeof *r);
    r->step = STEP_MONTH;
    if ((v = OPT("step")) != NULL) {
        for (r->step = 0; r->step <= STEP_ALL && strcmp(v, step_names[r->step]) != 0; r->step++)
            ;
        if (r->step > STEP_ALL) {
            const char *hint = suggest(v, step_names, STEP_ALL + 1);
            if (hint)
                return db_usage("relations", "--step must be day, week, month, quarter, year or "
                                "all, not '%s' (did you mean %s?)", v, hint);
            return db_usage("relations", "--step must be day, week, month, quarter, year or "
                            "all, not '%s'", v);
        }
    }
    if ((v = OPT("period")) != NULL && (rc = period_opt("relations", "period", v, r->from,
                                                        r->to)) != 0)
        return rc;
    for (int k = 0; k < 3; k++) {
        if ((v = r->actor[k] = OPT(actor_opts[k])) == NULL)
            continue;
        if (!valid_code(v))
            return db_usage("relations", "--%s must be a code of letters and digits, not '%s'",
                            actor_opts[k], v);
        snprintf(r->pat[k], sizeof r->pat[k], "%.64s", v);
    }
    r->undirected = OPT("undirected") != NULL;
    if ((v = OPT("dyad")) != NULL) {
        if ((rc = split_dyad(v, r->dsrc, r->dtgt)) != 0)
            return rc;
        snprintf(r->pat[3], sizeof r->pat[3], "%.64s", r->dsrc);
        snprintf(r->dtgt_pat, sizeof r->dtgt_pat, "%.64s", r->dtgt);
    }
    r->full = OPT("full-codes") != NULL;
#undef OPT
    return 0;
}

const cli_opt *relations_options(size_t *n)
{
    *n = NOPTS;
    return opts;
}

int relations_check(const cli_args *a)
{
    rel_opts r;
    return rel_parse(a, &r);
}

int relations_write(dyadi_sqldb *h, const cli_args *a, int fmt, FILE *f, int *matched)
{
    rel_opts r;
    dyadi_sqlrows *st = NULL;
    int pg = dyadi_sqldb_is_pg(h);
    const rel_dialect *x = pg ? &pg_sql : &sqlite_sql;
    const char *op = prefix_op(h);
    char label[32] = "all", pair[2][80];
    char lo_ev[16], hi_ev[16], lo_step[32], hi_step[32];
    char sql[8192], nx[512], pv[512];
    int rc, step;
    *matched = 0;
    if ((rc = rel_parse(a, &r)) != 0)
        return rc;
    step = r.step;
    for (int k = 0; k < 3; k++)
        if (r.pat[k][0] &&
            (rc = check_actor_filter("relations", actor_opts[k], h, r.actor[k])) != 0)
            return rc;
    if (r.dsrc[0] && ((rc = check_actor_filter("relations", "dyad", h, r.dsrc)) != 0 ||
                      (rc = check_actor_filter("relations", "dyad", h, r.dtgt)) != 0))
        return rc;

    /* Close an open period with the store's dates, then widen it to whole
     * steps: [lo_step, hi_step] are labels, [lo_ev, hi_ev) event dates,
     * lo_ev reaching back one step for the first step's change. */
    char span_lo[11], span_hi[11], *from = r.from, *to = r.to;
    if ((!from[0] || !to[0]) && (rc = store_span("relations", h, x, span_lo, span_hi)) != 0)
        return rc;
    if (!from[0])
        snprintf(from, sizeof r.from, "%s", span_lo);
    if (!to[0])
        snprintf(to, sizeof r.to, "%s", span_hi);
    if (!from[0] || !to[0] || strcmp(from, to) > 0) {
        /* An empty store, or a period open on one side beyond every date. */
        snprintf(from, sizeof r.from, "%s", "9999-12-31");
        snprintf(to, sizeof r.to, "%s", "0000-01-01");
    }
    if (count_steps(step, from, to) > MAX_STEPS)
        return db_usage("relations", "%s to %s is more than %d %s steps; use a shorter "
                        "--period or a longer --step", from, to, MAX_STEPS, step_names[step]);
    char first[11], last[11], d[11];
    if (step == STEP_ALL) {
        snprintf(label, sizeof label, "%s..%s", from, to);
        snprintf(lo_step, sizeof lo_step, "%s", label);
        snprintf(hi_step, sizeof hi_step, "%s", label);
        period_lo(from, lo_ev);
    } else {
        step_label(step, from, lo_step);
        step_label(step, to, hi_step);
        step_days(step, from, first, last);
        date_add_days(first, -1, d);
        step_days(step, d, first, last);
        period_lo(first, lo_ev);
    }
    step_days(step == STEP_ALL ? STEP_DAY : step, to, first, last);
    snprintf(hi_ev, sizeof hi_ev, "%s~", last);
    if (step == STEP_ALL)
        snprintf(hi_step, sizeof hi_step, "%s", label);

    const char *sc = r.full ? "source" : "substr(source, 1, 3)";
    const char *tc = r.full ? "target" : "substr(target, 1, 3)";
    char src[160], tgt[160];
    if (r.undirected) {
        snprintf(src, sizeof src, "%s(%s, %s)", x->least, sc, tc);
        snprintf(tgt, sizeof tgt, "%s(%s, %s)", x->greatest, sc, tc);
    } else {
        snprintf(src, sizeof src, "%s", sc);
        snprintf(tgt, sizeof tgt, "%s", tc);
    }
    size_t ln = 0, lp = 0;
    if (subst(nx, sizeof nx, &ln, x->next[step], "s.step") != 0 ||
        subst(pv, sizeof pv, &lp, x->prev[step], "s.step") != 0)
        goto toolong;
    /* The selected dyad, written as the output writes it. */
    int explicit_dyad = r.dsrc[0] && !r.full && strlen(r.dsrc) == 3 && strlen(r.dtgt) == 3;
    int swap = r.undirected && strcmp(r.dsrc, r.dtgt) > 0;
    snprintf(pair[0], sizeof pair[0], "%s", swap ? r.dtgt : r.dsrc);
    snprintf(pair[1], sizeof pair[1], "%s", swap ? r.dsrc : r.dtgt);
    char undir[160] = "";
    if (r.undirected)
        snprintf(undir, sizeof undir, " OR (source%s?10 AND target%s?8)", op, op);
    /* The selected events, b: both stores' SQL */
    char where[1024], bsql[2048];
    int n = snprintf(
        where, sizeof where,
        "polarity = 'asserted' AND source <> '' AND target <> ''"
        "  AND event_date >= ?1 AND event_date < ?2"
        "  AND (?5 IS NULL OR source%s?5 OR target%s?5)"
        "  AND (?6 IS NULL OR source%s?6) AND (?7 IS NULL OR target%s?7)"
        "  AND (?8 IS NULL OR (source%s?8 AND target%s?10)%s)",
        op, op, op, op, op, op, undir);
    if (n < 0 || (size_t)n >= sizeof where)
        goto toolong;
    n = snprintf(bsql, sizeof bsql,
                 "b AS (SELECT %s AS step, %s AS src, %s AS tgt, quad, goldstein, code"
                 "  FROM events WHERE %s)", x->bucket[step], src, tgt, where);
    if (n < 0 || (size_t)n >= sizeof bsql)
        goto toolong;
    /* g: the groups of step and dyad. PostgreSQL groups b in SQL (sums of
     * comparisons as CASEs), with c, the counts per code, for the top
     * codes; SQLite reads the groups rel_scan() made, from k's indexes. */
    char head[4096];
    if (pg)
        n = snprintf(
            head, sizeof head,
            "WITH RECURSIVE %s,"
            " g AS (SELECT step, src, tgt, count(*) AS n,"
            "  sum(CASE WHEN quad = 1 THEN 1 ELSE 0 END) AS q1,"
            "  sum(CASE WHEN quad = 2 THEN 1 ELSE 0 END) AS q2,"
            "  sum(CASE WHEN quad = 3 THEN 1 ELSE 0 END) AS q3,"
            "  sum(CASE WHEN quad = 4 THEN 1 ELSE 0 END) AS q4,"
            "  round(%ssum(goldstein)%s, 2) AS gt, round(%savg(goldstein)%s, 2) AS gm,"
            "  round((sum(CASE WHEN quad IN (1, 2) THEN 1 ELSE 0 END)"
            "   - sum(CASE WHEN quad IN (3, 4) THEN 1 ELSE 0 END)) * 1.0 / count(*), 3) AS score"
            "  FROM b WHERE step IS NOT NULL GROUP BY step, src, tgt),"
            " c AS (SELECT step, src, tgt, code, count(*) AS k FROM b WHERE step IS NOT NULL"
            "  GROUP BY step, src, tgt, code)%s",
            bsql, x->real_open, x->real_close, x->real_open, x->real_close, x->top_cte);
    else
        n = snprintf(
            head, sizeof head, "%s",
            "WITH RECURSIVE k(i) AS (SELECT 0 WHERE ?13 > 0 UNION ALL SELECT i + 1 FROM k"
            "  WHERE i + 1 < ?13),"
            " g AS MATERIALIZED (SELECT dyad_rel_g(i, 0) AS step, dyad_rel_g(i, 1) AS src,"
            "  dyad_rel_g(i, 2) AS tgt, dyad_rel_g(i, 3) AS n, dyad_rel_g(i, 4) AS q1,"
            "  dyad_rel_g(i, 5) AS q2, dyad_rel_g(i, 6) AS q3, dyad_rel_g(i, 7) AS q4,"
            "  round(dyad_rel_g(i, 8), 2) AS gt, round(dyad_rel_g(i, 9), 2) AS gm,"
            "  round(dyad_rel_g(i, 10), 3) AS score, dyad_rel_g(i, 11) AS top FROM k)");
    if (n < 0 || (size_t)n >= sizeof head)
        goto toolong;
    n = snprintf(
        sql, sizeof sql,
        "%s , s(step) AS (SELECT ?3 WHERE ?3 <= ?4 UNION ALL SELECT %s FROM s"
        "  WHERE s.step < ?4%s),"
        " sp AS (SELECT step, %s AS prev FROM s),"
        " d AS (SELECT DISTINCT src, tgt FROM g WHERE step >= ?3 AND step <= ?4"
        "  UNION SELECT ?11, ?12 WHERE ?11 IS NOT NULL), "
        SQL_ACTOR_NAMES_WHERE(" AND code IN (SELECT src FROM d UNION SELECT tgt FROM d)") ","
        /* the names once per dyad, the previous step once per step, not
         * once per output row */
        " dn AS MATERIALIZED (SELECT d.src, d.tgt, n1.name AS n1, n2.name AS n2 FROM d"
        "  LEFT JOIN names n1 ON n1.code = d.src LEFT JOIN names n2 ON n2.code = d.tgt)"
        " SELECT s.step, d.src AS %s, d.tgt AS %s, coalesce(x.n, 0) AS events,"
        "  coalesce(x.q1, 0) AS q1, coalesce(x.q2, 0) AS q2, coalesce(x.q3, 0) AS q3,"
        "  coalesce(x.q4, 0) AS q4, coalesce(x.gt, 0) AS goldstein_total,"
        "  x.gm AS goldstein_mean, x.score,"
        "  %s AS change_events,"
        "  CASE WHEN p.n IS NULL OR x.n IS NULL THEN NULL ELSE round(x.score - p.score, 3) END"
        "  AS change_score,"
        "  %s AS top_codes, d.n1 AS %s, d.n2 AS %s"
        " FROM sp AS s CROSS JOIN dn AS d"
        " LEFT JOIN g AS x ON x.step = s.step AND x.src = d.src AND x.tgt = d.tgt"
        " LEFT JOIN g AS p ON p.src = d.src AND p.tgt = d.tgt AND p.step = s.prev%s"
        " ORDER BY s.step, events DESC, d.src, d.tgt",
        head, nx, x->steps_limit, pv,
        r.undirected ? "actor1" : "source", r.undirected ? "actor2" : "target",
        step == STEP_ALL ? "NULL" : "coalesce(x.n, 0) - coalesce(p.n, 0)", x->top_codes,
        r.undirected ? "actor1_name" : "source_name",
        r.undirected ? "actor2_name" : "target_name", x->top_join);
    if (n < 0 || (size_t)n >= sizeof sql)
        goto toolong;
    char pat[4][80], dtgt_pat[80];
    for (int k = 0; k < 4; k++)
        prefix_pattern(h, r.pat[k], pat[k], sizeof pat[k]);
    prefix_pattern(h, r.dtgt_pat, dtgt_pat, sizeof dtgt_pat);
    const char *bind[12] = {lo_ev, hi_ev, lo_step, hi_step,
                            r.pat[0][0] ? pat[0] : NULL, r.pat[1][0] ? pat[1] : NULL,
                            r.pat[2][0] ? pat[2] : NULL, r.pat[3][0] ? pat[3] : NULL, label,
                            r.dtgt_pat[0] ? dtgt_pat : NULL, explicit_dyad ? pair[0] : NULL,
                            explicit_dyad ? pair[1] : NULL};
    rel_table t;
    rt_init(&t);
    sqlite3 *lite = pg ? NULL : dyadi_sqldb_sqlite(h);
    int bound = 0;
    if (!pg) {
        /* the groups in C, then the statement over them */
        char scan[2048];
        /* the week's label from SQLite's date(), the other steps' in C */
        snprintf(scan, sizeof scan, "SELECT event_date, source, target, code, id%s%s"
                 " FROM events WHERE %s", step == STEP_WEEK ? ", " : "",
                 step == STEP_WEEK ? x->bucket[STEP_WEEK] : "", where);
        /* the period's rows are scattered over the table: mapped pages
         * save a copy of each (advisory: SQLite may decline) */
        sqlite3_exec(lite, "PRAGMA mmap_size = 1073741824", NULL, NULL, NULL);
        if ((rc = rel_scan(h, scan, bind, step, r.full, r.undirected, &t, lo_step, hi_step,
                           matched)) != 0)
            goto out;
        if (sqlite3_create_function_v2(lite, "dyad_rel_g", 2, SQLITE_UTF8, &t, rel_g_sql, NULL,
                                       NULL, NULL) != SQLITE_OK) {
            fprintf(stderr, "dyad relations: cannot query the store: %s\n", sqlite3_errmsg(lite));
            rc = EXIT_FAIL;
            goto out;
        }
        bound = 1;
    }
    /* PostgreSQL, first: does any event pass the filters in the period?
     * (The rows of an explicit dyad are written even when none does, as
     * zeros.) EXISTS stops at the first such event instead of grouping
     * them all. */
    char count_sql[2048 + 256];
    /* every parameter appears, so that each binds (PostgreSQL counts them) */
    snprintf(count_sql, sizeof count_sql, "WITH %s SELECT CASE WHEN EXISTS (SELECT 1 FROM b WHERE"
             " step >= ?3 AND step <= ?4) AND coalesce(?11, '') = coalesce(?11, '')"
             " AND coalesce(?12, '') = coalesce(?12, '') THEN 1 ELSE 0 END", bsql);
    for (int pass = pg ? 0 : 1; pass < 2; pass++) {
        if ((rc = db_prepare("relations", h, pass ? sql : count_sql, 0, &st)) != 0)
            goto out;
        int bad = 0;
        for (int k = 0; k < 12; k++)
            bad |= dyadi_sqlrows_bind_cstr(st, k + 1, bind[k]);
        if (!pg)
            bad |= dyadi_sqlrows_bind_int64(st, 13, (int64_t)t.g.len);
        if (bad) {
            fprintf(stderr, "dyad relations: cannot query the store: %s\n",
                    dyadi_sqldb_errmsg(h));
            rc = EXIT_FAIL;
            goto out;
        }
        if (pass == 0) {
            int got = dyadi_sqlrows_step(st);
            if (got == 1)
                *matched = dyadi_sqlrows_int64(st, 0) > 0;
            dyadi_sqlrows_free(st);
            st = NULL;
            if (got < 0) {
                fprintf(stderr, "dyad relations: cannot read the store: %s\n",
                        dyadi_sqldb_errmsg(h));
                rc = EXIT_FAIL;
                goto out;
            }
        }
    }
    rc = db_write_rows("relations", h, st, fmt, f);
out:
    dyadi_sqlrows_free(st);
    /* the function points at t: gone with it */
    if (bound)
        sqlite3_create_function_v2(lite, "dyad_rel_g", 2, SQLITE_UTF8, NULL, NULL, NULL, NULL,
                                   NULL);
    rt_free(&t);
    return rc;
toolong:
    fprintf(stderr, "dyad relations: internal error: query too long\n");
    return EXIT_FAIL;
}

int cmd_relations(int argc, char **argv)
{
    cli_args a;
    dyad_store *store = NULL;
    int fmt = OUT_TABLE, matched = 0;
    int rc = cli_parse(argc, argv, "dyad relations [--db PATH] [--period P] [--step S] [OPTIONS]",
                       "Per dyad (source country -> target country) and step: events by\n"
                       "QuadClass, total and mean Goldstein, the cooperation-conflict score\n"
                       "(q1+q2-q3-q4)/n, the top codes and the change from the previous step.\n"
                       "Every step of the period has a row per selected dyad, zeros included.\n"
                       "Exit status: 0 ok, 1 error, 2 bad usage.",
                       opts, NOPTS, &a);
    if (rc != 0) {
        cli_args_free(&a);
        return rc < 0 ? EXIT_OK : rc;
    }
    if (a.npos) {
        fprintf(stderr, "dyad relations: unexpected argument '%s' (see --help)\n", a.pos[0]);
        rc = EXIT_USAGE;
        goto done;
    }
    if ((rc = out_format("relations", cli_get(&a, opts, NOPTS, "format"), &fmt)) != 0 ||
        (rc = relations_check(&a)) != 0)
        goto done;
    const char *db = cli_get(&a, opts, NOPTS, "db");
    dyadi_sqldb *h = NULL;
    if ((rc = db_open_read("relations", db ? db : CLI_DB_DEFAULT, &store, &h)) != 0)
        goto done;
    rc = relations_write(h, &a, fmt, stdout, &matched);
    if (rc == 0 && !matched)
        report_no_match("relations");
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "dyad relations: cannot write the output\n");
        rc = EXIT_FAIL;
    }
done:
    dyad_store_free(store);
    cli_args_free(&a);
    return rc;
}
