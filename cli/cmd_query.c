/* cmd_query.c - `dyad query`: the de-duplicated events of the store that
 * pass every filter given, as an aligned table (on a terminal), CSV or
 * JSON Lines. With --evidence, one row per sighting instead, carrying the
 * document, the sentence index and the sentence with the source, trigger
 * and target marked: "[SRC la Russie] <TRG a signé> un accord avec [TGT la
 * Chine]".
 *
 * Actor filters match code prefixes ("RUS" matches RUSGOV, RUSMIL); the
 * filters become one SQL statement with bound parameters, never with user
 * text pasted into it. */
#include "dbopts.h"
#include "storeq.h"

#include <stdlib.h>
#include <string.h>

static const cli_opt opts[] = {
    CLI_DB_OPTION,
    {"actor", 0, "CODE", "source or target code starts with CODE"},
    {"source", 0, "CODE", "source code starts with CODE"},
    {"target", 0, "CODE", "target code starts with CODE"},
    {"dyad", 0, "SRC,TGT", "source starts with SRC and target with TGT"},
    {"country", 0, "ISO3", "source or target belongs to the country (code prefix)"},
    {"code", 0, "CODE", "CAMEO event code starts with CODE (04, 042, 0421)"},
    {"root", 0, "RR", "CAMEO root (01-20)"},
    {"quad", 0, "N", "QuadClass 1-4"},
    {"plover", 0, "TYPE", "PLOVER event type (PROTEST, AGREE ...)"},
    {"from", 0, "DATE", "event date on or after DATE (YYYY-MM or YYYY-MM-DD)"},
    {"to", 0, "DATE", "event date on or before DATE (a month includes its days)"},
    {"lang", 0, "L", "reported in at least one document in language L"},
    {"polarity", 0, "P", "asserted or negated"},
    {"modality", 0, "M", "actual, intended, possible or reported"},
    {"format", 0, "FORMAT", "table (default on a terminal), csv (default otherwise) or jsonl"},
    {"evidence", 0, NULL, "one row per sighting with the marked sentence"},
    {"limit", 0, "N", "at most N events"},
};
#define NOPTS (sizeof opts / sizeof opts[0])

#define MAX_PARAMS 32

typedef struct query {
    char sql[4096];
    size_t len;
    const char *param[MAX_PARAMS];
    int nparam;
    char globs[8][80];      /* "PREFIX*" patterns, owned here */
    int nglobs;
    char from[11], to[11];
    int overflow;
} query;

static void add(query *q, const char *s)
{
    size_t n = strlen(s);
    if (q->len + n >= sizeof q->sql) {
        q->overflow = 1;
        return;
    }
    memcpy(q->sql + q->len, s, n + 1);
    q->len += n;
}

/* Register a bound value; its number for "?N". */
static int param(query *q, const char *value)
{
    if (q->nparam >= MAX_PARAMS) {
        q->overflow = 1;
        return MAX_PARAMS;
    }
    q->param[q->nparam++] = value;
    return q->nparam;
}

/* Append a condition with one parameter written as ?N where "?" appears. */
static void cond(query *q, const char *before, const char *value, const char *after)
{
    char num[16];
    snprintf(num, sizeof num, "?%d", param(q, value));
    add(q, " AND ");
    add(q, before);
    add(q, num);
    add(q, after);
}

static const char *glob(query *q, const char *prefix)
{
    if (q->nglobs >= 8) {
        q->overflow = 1;
        return "";
    }
    char *g = q->globs[q->nglobs++];
    snprintf(g, 80, "%.64s*", prefix);
    return g;
}

/* Both sides of an "either" filter share one parameter. */
static void either(query *q, const char *col1, const char *col2, const char *value)
{
    char num[16];
    snprintf(num, sizeof num, "?%d", param(q, value));
    add(q, " AND (");
    add(q, col1);
    add(q, num);
    add(q, " OR ");
    add(q, col2);
    add(q, num);
    add(q, ")");
}

/* SQL function dyad_mark(sentence, sentence_start, src_start, src_end,
 * trg_start, trg_end, tgt_start, tgt_end): the sentence with its spans
 * marked. Spans are byte offsets into the document; a span that is NULL or
 * not inside the sentence is left unmarked rather than guessed. */
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

static void sql_mark(sqlite3_context *ctx, int argc, sqlite3_value **v)
{
    const char *text = (const char *)sqlite3_value_text(v[0]);
    if (!text || sqlite3_value_type(v[1]) == SQLITE_NULL) {
        sqlite3_result_value(ctx, v[0]);
        return;
    }
    long len = sqlite3_value_bytes(v[0]);
    long base = (long)sqlite3_value_int64(v[1]);
    static const char *const open[] = {"[SRC ", "<TRG ", "[TGT "};
    static const char *const close[] = {"]", ">", "]"};
    mark m[6];
    int n = 0;
    for (int k = 0; k < 3; k++) {
        sqlite3_value *a = v[2 + 2 * k], *b = v[3 + 2 * k];
        if (sqlite3_value_type(a) == SQLITE_NULL || sqlite3_value_type(b) == SQLITE_NULL)
            continue;
        long s = (long)sqlite3_value_int64(a) - base, e = (long)sqlite3_value_int64(b) - base;
        if (s < 0 || e < s || e > len)
            continue;
        m[n++] = (mark){s, 0, open[k]};
        m[n++] = (mark){e, 1, close[k]};
    }
    qsort(m, (size_t)n, sizeof m[0], cmp_mark);
    sqlite3_str *out = sqlite3_str_new(sqlite3_context_db_handle(ctx));
    long at = 0;
    for (int i = 0; i < n; i++) {
        sqlite3_str_append(out, text + at, (int)(m[i].pos - at));
        sqlite3_str_appendall(out, m[i].s);
        at = m[i].pos;
    }
    sqlite3_str_append(out, text + at, (int)(len - at));
    int err = sqlite3_str_errcode(out);
    int rn = sqlite3_str_length(out);
    char *r = sqlite3_str_finish(out);
    if (err != SQLITE_OK || !r) {
        sqlite3_free(r);
        sqlite3_result_error_nomem(ctx);
        return;
    }
    sqlite3_result_text(ctx, r, rn, sqlite3_free);
}

static int one_of(const char *v, const char *const *names)
{
    for (; *names; names++)
        if (strcmp(v, *names) == 0)
            return 1;
    return 0;
}

static int usage_error(const char *what, const char *v)
{
    return db_usage("query", "%s, not '%s'", what, v);
}

/* Build the statement from the options; 0 or EXIT_USAGE (reported). */
static int build(query *q, const cli_args *a, sqlite3 *db, char *dyadbuf, size_t dyadlen)
{
#define OPT(name) cli_get(a, opts, NOPTS, name)
    static const char *const pols[] = {"asserted", "negated", NULL};
    static const char *const mods[] = {"actual", "intended", "possible", "reported", NULL};
    const char *v;
    int rc;
    int evidence = OPT("evidence") != NULL;
    /* The events first (ev), then the names of their actors only: counting
     * the names of every actor of the store was most of a small query's
     * time on a large store. */
    add(q, "WITH ev AS (SELECT * FROM events e WHERE 1");
    if ((v = OPT("actor")) != NULL) {
        if (!valid_code(v))
            return usage_error("--actor must be a code of letters and digits", v);
        if ((rc = check_actor_filter("query", "actor", db, v)) != 0)
            return rc;
        either(q, "e.source GLOB ", "e.target GLOB ", glob(q, v));
    }
    if ((v = OPT("source")) != NULL) {
        if (!valid_code(v))
            return usage_error("--source must be a code of letters and digits", v);
        if ((rc = check_actor_filter("query", "source", db, v)) != 0)
            return rc;
        cond(q, "e.source GLOB ", glob(q, v), "");
    }
    if ((v = OPT("target")) != NULL) {
        if (!valid_code(v))
            return usage_error("--target must be a code of letters and digits", v);
        if ((rc = check_actor_filter("query", "target", db, v)) != 0)
            return rc;
        cond(q, "e.target GLOB ", glob(q, v), "");
    }
    if ((v = OPT("dyad")) != NULL) {
        const char *comma = strchr(v, ',');
        size_t l = comma ? (size_t)(comma - v) : 0;
        if (!comma || l == 0 || l >= dyadlen)
            return usage_error("--dyad must be SRC,TGT", v);
        memcpy(dyadbuf, v, l);
        dyadbuf[l] = '\0';
        if (!valid_code(dyadbuf) || !valid_code(comma + 1))
            return usage_error("--dyad must be SRC,TGT (codes of letters and digits)", v);
        if ((rc = check_actor_filter("query", "dyad", db, dyadbuf)) != 0 ||
            (rc = check_actor_filter("query", "dyad", db, comma + 1)) != 0)
            return rc;
        cond(q, "e.source GLOB ", glob(q, dyadbuf), "");
        cond(q, "e.target GLOB ", glob(q, comma + 1), "");
    }
    if ((v = OPT("country")) != NULL) {
        if (!valid_code(v) || strlen(v) != 3)
            return usage_error("--country must be a three-letter code", v);
        if ((rc = check_actor_filter("query", "country", db, v)) != 0)
            return rc;
        either(q, "e.source GLOB ", "e.target GLOB ", glob(q, v));
    }
    if ((v = OPT("code")) != NULL) {
        if ((rc = check_code_filter("query", v)) != 0)
            return rc;
        cond(q, "e.code GLOB ", glob(q, v), "");
    }
    if ((v = OPT("root")) != NULL) {
        if ((rc = check_root_filter("query", v)) != 0)
            return rc;
        cond(q, "e.root = ", v, "");
    }
    if ((v = OPT("quad")) != NULL) {
        if (strlen(v) != 1 || v[0] < '1' || v[0] > '4')
            return usage_error("--quad must be 1, 2, 3 or 4", v);
        cond(q, "e.quad = CAST(", v, " AS INTEGER)");
    }
    if ((v = OPT("plover")) != NULL) {
        if ((rc = check_plover_filter("query", v)) != 0)
            return rc;
        cond(q, "e.plover = ", v, "");
    }
    char first[11], last[11];
    const char *from = OPT("from"), *to = OPT("to");
    if (from) {
        if ((rc = date_opt("query", "from", from, first, last)) != 0)
            return rc;
        period_lo(first, q->from);
        cond(q, SQL_DATE_KEY("e.event_date") " >= ", q->from, "");
    }
    if (to) {
        if ((rc = date_opt("query", "to", to, first, q->to)) != 0)
            return rc;
        if (from && date_opt("query", "from", from, first, last) == 0 &&
            strcmp(first, q->to) > 0) {
            return db_usage("query", "--from %s is after --to %s: the period is reversed "
                            "(did you mean --from %s --to %s?)", from, to, to, from);
        }
        /* '~' sorts after every digit and '-': "2022-08~" bounds August's days. */
        cond(q, "e.event_date <> '' AND " SQL_DATE_KEY("e.event_date") " < ", to, " || '~'");
    }
    if (from) {
        /* The same period once more, as two ranges of event_date itself
         * (plain dates, and "../" dates under their prefix): implied by
         * the keys above, but SQLite can seek them in the UNIQUE index
         * that starts with event_date instead of computing the key of
         * every event (a month of a million events: 9 ms, not 200). */
        char f[16], t[16], piece[256];
        snprintf(f, sizeof f, "?%d", param(q, q->from));
        if (to) {
            snprintf(t, sizeof t, "?%d", param(q, to));
            snprintf(piece, sizeof piece,
                     " AND (e.event_date >= %s AND e.event_date < %s || '~'"
                     " OR e.event_date >= '../' || %s AND e.event_date < '../' || %s || '~')",
                     f, t, f, t);
        } else {
            snprintf(piece, sizeof piece,
                     " AND (e.event_date >= %s"
                     " OR e.event_date >= '../' || %s AND e.event_date < '..0')", f, f);
        }
        add(q, piece);
    }
    if ((v = OPT("lang")) != NULL) {
        if ((rc = check_lang_filter("query", db, v)) != 0)
            return rc;
        cond(q, "EXISTS (SELECT 1 FROM event_mentions lm JOIN documents ld ON ld.id = lm.doc_id"
                " WHERE lm.event_id = e.id AND ld.lang = ", v, ")");
    }
    if ((v = OPT("polarity")) != NULL) {
        if (!one_of(v, pols))
            return usage_error("--polarity must be asserted or negated", v);
        cond(q, "e.polarity = ", v, "");
    }
    if ((v = OPT("modality")) != NULL) {
        if (!one_of(v, mods))
            return usage_error("--modality must be actual, intended, possible or reported", v);
        cond(q, "e.modality = ", v, "");
    }
    add(q, " ORDER BY " SQL_DATE_KEY("e.event_date") ", e.id");
    if ((v = OPT("limit")) != NULL) {
        char *end = NULL;
        long n = strtol(v, &end, 10);
        if (!*v || *end || n < 0)
            return usage_error("--limit must be a number", v);
        char lim[32];
        snprintf(lim, sizeof lim, " LIMIT ?%d", param(q, v));
        add(q, lim);
    }
    add(q, "), " SQL_ACTOR_NAMES_WHERE(" AND code IN (SELECT source FROM ev UNION"
                                     " SELECT target FROM ev)")
           " SELECT e.id, e.event_date, e.source, e.target, e.code, e.root, e.quad, e.goldstein,"
           " e.plover, e.location, e.location_country, e.lat, e.lon, e.polarity, e.modality,"
           " e.num_mentions, e.num_sources, e.num_articles, n1.name AS source_name,"
           " n2.name AS target_name");
    if (evidence)
        add(q, ", m.doc_id AS doc, m.sent, m.rule, dyad_mark(m.sentence, m.sentence_start,"
               " m.source_start, m.source_end, m.trigger_start, m.trigger_end, m.target_start,"
               " m.target_end) AS evidence");
    add(q, " FROM ev e LEFT JOIN names n1 ON n1.code = e.source"
           " LEFT JOIN names n2 ON n2.code = e.target");
    if (evidence)
        add(q, " JOIN event_mentions m ON m.event_id = e.id ORDER BY "
               SQL_DATE_KEY("e.event_date") ", e.id, m.id");
    else
        add(q, " ORDER BY " SQL_DATE_KEY("e.event_date") ", e.id");
#undef OPT
    return 0;
}

int cmd_query(int argc, char **argv)
{
    cli_args a;
    dyad_store *store = NULL;
    sqlite3_stmt *st = NULL;
    query q;
    char dyadbuf[80];
    int fmt = OUT_TABLE;
    memset(&q, 0, sizeof q);
    int rc = cli_parse(argc, argv, "dyad query [--db PATH] [FILTERS] [--format F] [--evidence]",
                       "Print the stored events that pass every filter given, ordered by date.\n"
                       "Actor filters match code prefixes: --actor RUS matches RUSGOV.\n"
                       "Exit status: 0 ok, 1 error, 2 bad usage.",
                       opts, NOPTS, &a);
    if (rc != 0) {
        cli_args_free(&a);
        return rc < 0 ? EXIT_OK : rc;
    }
    if (a.npos) {
        fprintf(stderr, "dyad query: unexpected argument '%s' (see --help)\n", a.pos[0]);
        rc = EXIT_USAGE;
        goto done;
    }
    if ((rc = out_format("query", cli_get(&a, opts, NOPTS, "format"), &fmt)) != 0)
        goto done;
    const char *db = cli_get(&a, opts, NOPTS, "db");
    if ((rc = db_open_read("query", db ? db : CLI_DB_DEFAULT, &store)) != 0)
        goto done;
    sqlite3 *h = dyad_store_sqlite(store);
    if ((rc = build(&q, &a, h, dyadbuf, sizeof dyadbuf)) != 0)
        goto done;
    if (q.overflow) {
        fprintf(stderr, "dyad query: too many filters\n");
        rc = EXIT_USAGE;
        goto done;
    }
    if (query_register_functions(h) != 0) {
        fprintf(stderr, "dyad query: %s\n", sqlite3_errmsg(h));
        rc = EXIT_FAIL;
        goto done;
    }
    if ((rc = db_prepare("query", h, q.sql, &st)) != 0)
        goto done;
    for (int i = 0; i < q.nparam; i++)
        sqlite3_bind_text(st, i + 1, q.param[i], -1, SQLITE_STATIC);
    unsigned long long rows = 0;
    rc = db_write_rows_n("query", h, st, fmt, stdout, &rows);
    if (rc == 0 && rows == 0)
        report_no_match("query");
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "dyad query: cannot write the output\n");
        rc = EXIT_FAIL;
    }
done:
    sqlite3_finalize(st);
    dyad_store_free(store);
    cli_args_free(&a);
    return rc;
}

/* The same statements for `dyad serve` (storeq.h). */
struct query_stmt {
    query q;
};

const cli_opt *query_options(size_t *n)
{
    *n = NOPTS;
    return opts;
}

int query_register_functions(sqlite3 *h)
{
    return sqlite3_create_function(h, "dyad_mark", 8, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                   sql_mark, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

query_stmt *query_stmt_new(sqlite3 *db, const cli_args *a, char *err, size_t errlen)
{
    char dyadbuf[80];
    query_stmt *qs = calloc(1, sizeof *qs);
    if (!qs) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    db_usage_sink(err, errlen);
    int rc = build(&qs->q, a, db, dyadbuf, sizeof dyadbuf);
    if (rc == 0 && qs->q.overflow)
        rc = db_usage("query", "too many filters");
    db_usage_sink(NULL, 0);
    if (rc != 0) {
        free(qs);
        return NULL;
    }
    return qs;
}

const char *query_stmt_sql(const query_stmt *qs)
{
    return qs->q.sql;
}

int query_stmt_bind(const query_stmt *qs, sqlite3_stmt *st)
{
    for (int i = 0; i < qs->q.nparam; i++)
        if (sqlite3_bind_text(st, i + 1, qs->q.param[i], -1, SQLITE_STATIC) != SQLITE_OK)
            return -1;
    return qs->q.nparam;
}

void query_stmt_free(query_stmt *qs)
{
    free(qs);
}
