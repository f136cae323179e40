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
    {"polarity", 0, "P", "asserted, negated or refused"},
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
    const dyadi_sqldb *db;  /* the store's kind: its prefix operator */
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
    prefix_pattern(q->db, prefix, g, 80);
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

/* A condition "col GLOB ?N" (or LIKE: prefix_op) on a prefix. */
static void prefix(query *q, const char *col, const char *value)
{
    char c[64];
    snprintf(c, sizeof c, "%s%s", col, prefix_op(q->db));
    cond(q, c, glob(q, value), "");
}

/* Either column starts with the prefix. */
static void either_prefix(query *q, const char *col1, const char *col2, const char *value)
{
    char c1[64], c2[64];
    snprintf(c1, sizeof c1, "%s%s", col1, prefix_op(q->db));
    snprintf(c2, sizeof c2, "%s%s", col2, prefix_op(q->db));
    either(q, c1, c2, glob(q, value));
}

/* Build the statement from the options; 0 or EXIT_USAGE (reported). */
static int build(query *q, const cli_args *a, dyadi_sqldb *db, char *dyadbuf, size_t dyadlen)
{
#define OPT(name) cli_get(a, opts, NOPTS, name)
    static const char *const pols[] = {"asserted", "negated", "refused", NULL};
    static const char *const mods[] = {"actual", "intended", "possible", "reported", NULL};
    const char *v;
    int rc;
    int evidence = OPT("evidence") != NULL;
    /* The events first (ev), then the names of their actors only: counting
     * the names of every actor of the store was most of a small query's
     * time on a large store. */
    q->db = db;
    /* With --limit, the ids of the events first, then their rows: the
     * filters and the date order are answered from the indexes (the
     * target index holds the source and the date), so only the rows
     * printed are read, not every row that a filter tests. */
    int limited = OPT("limit") != NULL;
    add(q, limited ? "WITH ev AS (SELECT * FROM events WHERE id IN (SELECT e.id FROM events e"
                     " WHERE 1 = 1"
                   : "WITH ev AS (SELECT * FROM events e WHERE 1 = 1");
    if ((v = OPT("actor")) != NULL) {
        if (!valid_code(v))
            return usage_error("--actor must be a code of letters and digits", v);
        if ((rc = check_actor_filter("query", "actor", db, v)) != 0)
            return rc;
        either_prefix(q, "e.source", "e.target", v);
    }
    if ((v = OPT("source")) != NULL) {
        if (!valid_code(v))
            return usage_error("--source must be a code of letters and digits", v);
        if ((rc = check_actor_filter("query", "source", db, v)) != 0)
            return rc;
        prefix(q, "e.source", v);
    }
    if ((v = OPT("target")) != NULL) {
        if (!valid_code(v))
            return usage_error("--target must be a code of letters and digits", v);
        if ((rc = check_actor_filter("query", "target", db, v)) != 0)
            return rc;
        prefix(q, "e.target", v);
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
        prefix(q, "e.source", dyadbuf);
        prefix(q, "e.target", comma + 1);
    }
    if ((v = OPT("country")) != NULL) {
        if (!valid_code(v) || strlen(v) != 3)
            return usage_error("--country must be a three-letter code", v);
        if ((rc = check_actor_filter("query", "country", db, v)) != 0)
            return rc;
        either_prefix(q, "e.source", "e.target", v);
    }
    if ((v = OPT("code")) != NULL) {
        if ((rc = check_code_filter("query", v)) != 0)
            return rc;
        prefix(q, "e.code", v);
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
            return usage_error("--polarity must be asserted, negated or refused", v);
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
        char lim[48];
        snprintf(lim, sizeof lim, " LIMIT CAST(?%d AS INTEGER))", param(q, v));
        add(q, lim);
    }
    add(q, "), " SQL_ACTOR_NAMES_WHERE(" AND code IN (SELECT source FROM ev UNION"
                                     " SELECT target FROM ev)")
           " SELECT e.id, e.event_date, e.source, e.target, e.code, e.root, e.quad, e.goldstein,"
           " e.plover, e.location, e.location_country, e.lat, e.lon, e.polarity, e.modality,"
           " e.num_mentions, e.num_sources, e.num_articles, n1.name AS source_name,"
           " n2.name AS target_name");
    if (evidence)
        add(q, ", m.doc_id AS doc, m.sent, m.rule, " SQL_MARK_COLUMNS("m", "evidence")
               ", m.id AS _sighting");
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

/* The parameters as ?1..?N; N or -1. */
static int bind_params(const query *q, dyadi_sqlrows *st)
{
    for (int i = 0; i < q->nparam; i++)
        if (dyadi_sqlrows_bind_cstr(st, i + 1, q->param[i]) != 0)
            return -1;
    return q->nparam;
}

int cmd_query(int argc, char **argv)
{
    cli_args a;
    dyad_store *store = NULL;
    dyadi_sqldb *h = NULL;
    dyadi_sqlrows *st = NULL;
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
    if ((rc = db_open_read("query", db ? db : CLI_DB_DEFAULT, &store, &h)) != 0)
        goto done;
    if ((rc = build(&q, &a, h, dyadbuf, sizeof dyadbuf)) != 0)
        goto done;
    if (q.overflow) {
        fprintf(stderr, "dyad query: too many filters\n");
        rc = EXIT_USAGE;
        goto done;
    }
    if ((rc = db_prepare("query", h, q.sql, 1, &st)) != 0)
        goto done;
    if (bind_params(&q, st) < 0) {
        fprintf(stderr, "dyad query: %s\n", dyadi_sqldb_errmsg(h));
        rc = EXIT_FAIL;
        goto done;
    }
    unsigned long long rows = 0;
    rc = db_write_rows_n("query", h, st, fmt, stdout, &rows);
    if (rc == 0 && rows == 0)
        report_no_match("query");
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "dyad query: cannot write the output\n");
        rc = EXIT_FAIL;
    }
done:
    dyadi_sqlrows_free(st);
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

query_stmt *query_stmt_new(dyadi_sqldb *db, const cli_args *a, char *err, size_t errlen)
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

int query_stmt_nparams(const query_stmt *qs)
{
    return qs->q.nparam;
}

const char *query_stmt_sql(const query_stmt *qs)
{
    return qs->q.sql;
}

int query_stmt_bind(const query_stmt *qs, dyadi_sqlrows *st)
{
    return bind_params(&qs->q, st);
}

void query_stmt_free(query_stmt *qs)
{
    free(qs);
}
